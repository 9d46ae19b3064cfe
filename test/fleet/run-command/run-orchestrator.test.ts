// The orchestrator's polling for more than 50 ids, against the local fleet through the real SDK: every round lists
// only the commands still running; a command whose invocations are all terminal is never listed again.
import {expect, it, vi} from 'vitest';
import {runCommandApi} from '../../../src/aws/run-command/run-command-api.js';
import type {Invocation, RunCommandApi} from '../../../src/fleet/run-command/port.js';
import {isTerminal, parseStatusDetails} from '../../../src/fleet/run-command/command-status.js';
import {executeRun} from '../../../src/fleet/run-command/run-orchestrator.js';
import {linuxNodes} from '../../helpers/run-command.js';
import {useFleetClients} from '../../helpers/local-fleet.js';

const local = useFleetClients({nodes: 200, seed: 12});

const terminal = (i: Invocation) => {
  const sd = parseStatusDetails(i.statusDetails);
  return sd !== undefined && isTerminal(sd);
};

it('lists each command until all its invocations are terminal, and never after', async () => {
  const real = runCommandApi(local.aws);
  const sentIds = new Map<string, number>();
  const finishedAt = new Map<string, number>();
  const calls: {commandId: string; round: number}[] = [];
  let round = 0;
  // The real API, recording which command each ListCommandInvocations walk was for.
  const api: RunCommandApi = {
    ...real,
    send: async (req) => {
      const sent = await real.send(req);
      sentIds.set(sent.commandId, req.instanceIds?.length ?? 0);
      return sent;
    },
    invocations: async (commandId) => {
      calls.push({commandId, round});
      const out = await real.invocations(commandId);
      if (!finishedAt.has(commandId) && out.length === sentIds.get(commandId) && out.every(terminal)) finishedAt.set(commandId, round);
      return out;
    },
  };
  const ids = linuxNodes(local.fleet).slice(0, 120).map((n) => n.instanceId);
  expect(ids).toHaveLength(120);
  const st = await executeRun(api, {
    documentName: 'AWS-RunShellScript', parameters: {commands: ['true']}, targets: {kind: 'ids', ids},
    maxConcurrency: {kind: 'percent', pct: 100}, maxErrors: {kind: 'count', n: 0},
  }, {pollMs: 20, onUpdate: () => round++});

  expect(st.done).toBe(true);
  expect([...st.invocations.values()].filter((i) => i.statusDetails === 'Success')).toHaveLength(120);
  // Ramp-up 1, 2, 4, … in calls of at most 50 ids: more commands than a single page would need.
  expect(sentIds.size).toBeGreaterThan(3);
  expect(finishedAt.size).toBe(sentIds.size);
  for (const [commandId, last] of finishedAt) {
    const after = calls.filter((c) => c.commandId === commandId && c.round > last);
    expect(after, `${commandId} listed after it finished in round ${last}`).toEqual([]);
  }
});

it('cancels a run over more than 50 ids: nothing more is sent, running ones and unsent ones end Cancelled', async () => {
  const real = runCommandApi(local.aws);
  const cancel = new AbortController();
  let sends = 0;
  let sendsAtCancel = -1;
  const cancelled: string[] = [];
  const api: RunCommandApi = {
    ...real,
    send: async (req) => {
      sends++;
      return real.send(req);
    },
    cancel: async (commandId, ids) => {
      cancelled.push(commandId);
      return real.cancel(commandId, ids);
    },
  };
  const ids = linuxNodes(local.fleet).slice(0, 80).map((n) => n.instanceId);
  const st = await executeRun(api, {
    documentName: 'AWS-RunShellScript', parameters: {commands: ['sleep 30']}, targets: {kind: 'ids', ids},
    maxConcurrency: {kind: 'count', n: 5}, maxErrors: {kind: 'count', n: 0},
  }, {pollMs: 20, onUpdate: (s) => {
    const running = [...s.invocations.values()].filter((i) => i.statusDetails === 'InProgress').length;
    if (running >= 3 && !cancel.signal.aborted) {
      sendsAtCancel = sends;
      cancel.abort();
    }
  }, cancel: cancel.signal});
  expect(st.done).toBe(true);
  expect(sendsAtCancel).toBeGreaterThan(0);
  expect(sends).toBe(sendsAtCancel);
  const all = [...st.invocations.values()];
  expect(all).toHaveLength(80);
  expect(all.every((i) => i.statusDetails === 'Cancelled')).toBe(true);
  expect(cancelled.length).toBeGreaterThan(0);
}, 30_000);

it('sends the next ramp-up step in the round that sees the acknowledgements, without pausing for a poll', async () => {
  const real = runCommandApi(local.aws);
  let sends = 0;
  const sendsAtPause: number[] = [];
  // The real API, each SendCommand returning once SSM has acknowledged all its invocations: every listing after a
  // send then sees the whole step acknowledged, and the engine can release the next one at once.
  const api: RunCommandApi = {
    ...real,
    send: async (req) => {
      const sent = await real.send(req);
      sends++;
      await vi.waitFor(async () => {
        const listed = await real.invocations(sent.commandId);
        expect(listed).toHaveLength(req.instanceIds?.length ?? 0);
        expect(listed.filter((i) => i.statusDetails === 'Pending')).toEqual([]);
      }, {timeout: 20_000, interval: 10});
      return sent;
    },
  };
  const ids = linuxNodes(local.fleet).slice(0, 120).map((n) => n.instanceId);
  const st = await executeRun(api, {
    documentName: 'AWS-RunShellScript', parameters: {commands: ['sleep 1']}, targets: {kind: 'ids', ids},
    maxConcurrency: {kind: 'percent', pct: 100}, maxErrors: {kind: 'count', n: 0},
  }, {pollMs: 5_000, sleep: (_ms, signal) => {
    sendsAtPause.push(sends);
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 20);
      signal?.addEventListener('abort', () => {
        clearTimeout(t);
        resolve();
      }, {once: true});
    });
  }});
  expect(st.done).toBe(true);
  expect([...st.invocations.values()].filter((i) => i.statusDetails === 'Success')).toHaveLength(120);
  // Ramp-up 1, 2, 4, 8, 16, 32, then the 57 left (two calls): eight SendCommands, none waiting for a pause.
  expect(sends).toBe(8);
  expect(sendsAtPause.filter((n) => n < sends)).toEqual([]);
}, 60_000);

it.each([['one SendCommand', 20], ['several SendCommands', 80]])(
  'polls soon after the last send (%s), so a short run is seen ending within moments, not a poll interval later',
  async (_name, n) => {
    const real = runCommandApi(local.aws);
    let sends = 0;
    const pauses: {ms: number; sends: number}[] = [];
    const api: RunCommandApi = {
      ...real,
      send: async (req) => {
        const sent = await real.send(req);
        sends++;
        return sent;
      },
    };
    const pollMs = 60_000;
    const ids = linuxNodes(local.fleet).slice(0, n).map((node) => node.instanceId);
    const st = await executeRun(api, {
      documentName: 'AWS-RunShellScript', parameters: {commands: ['sleep 0.3']}, targets: {kind: 'ids', ids},
      maxConcurrency: {kind: 'percent', pct: 100}, maxErrors: {kind: 'count', n: 0},
    }, {pollMs, sleep: (ms) => {
      pauses.push({ms, sends});
      return new Promise<void>((resolve) => setTimeout(resolve, 20));
    }});
    expect(st.done).toBe(true);
    // The nodes sleep 0.3 s: the first poll after the last send cannot see the end yet.
    const afterLastSend = pauses.filter((p) => p.sends === sends);
    expect(afterLastSend.length).toBeGreaterThan(0);
    expect(afterLastSend[0]?.ms).toBeLessThan(pollMs);
    // Then slower and slower, up to the poll interval.
    const ms = afterLastSend.map((p) => p.ms);
    expect(ms).toEqual([...ms].sort((a, b) => a - b));
  }, 60_000);
