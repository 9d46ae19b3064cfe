// A live run outlives a flaky endpoint: throttling storms, lost SendCommand answers and an endpoint killed and
// restarted mid-run end with every invocation accounted for, no batch sent twice, and an audit end record; an
// endpoint that never comes back ends the run "unfollowed", audited too. Real SDK, real local fleet.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {readMark} from '../../../src/fleet/run-command/run-marker.js';
import {ListCommandsCommand} from '@aws-sdk/client-ssm';
import {afterAll, describe, expect, it} from 'vitest';
import {createAwsClients, type AwsClients} from '../../../src/aws/clients.js';
import {runCommandApi} from '../../../src/aws/run-command/run-command-api.js';
import type {RunCommandApi} from '../../../src/fleet/run-command/port.js';
import {auditedRun} from '../../../src/fleet/run-command/audited-run.js';
import {executeRun, type RunSpec, type RunState} from '../../../src/fleet/run-command/run-orchestrator.js';
import {linuxNodes} from '../../helpers/run-command.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {startOutageProxy} from '../../helpers/outage-proxy.js';
import {RunRegistry} from '../../../src/fleet/run-command/run-registry.js';
import {resultsView} from '../../../src/views/run-command/results.js';
import type {Services} from '../../../src/views/view.js';

const state = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-resilience-'));
process.env.XDG_STATE_HOME = state;
const local = useFleetClients({nodes: 200, seed: 31});
const opened: AwsClients[] = [];
afterAll(() => {
  for (const c of opened) c.destroy();
  local.fleet.clearFaults();
});

/** Backoffs shortened: the behaviour under test is what is retried, not how long it waits. */
const fast = {pollMs: 20, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 40)))};
const RUN_OPS = ['SendCommand', 'ListCommandInvocations', 'ListCommands', 'CancelCommand'];

let runs = 0;
function spec(ids: string[], commands = 'true'): RunSpec {
  return {documentName: 'AWS-RunShellScript', parameters: {commands: [commands]}, targets: {kind: 'ids', ids},
    maxConcurrency: {kind: 'percent', pct: 50}, maxErrors: {kind: 'count', n: 0}, comment: `resilience ${++runs} ${Date.now()}`};
}

/** The run markers on the commands with this comment: one per run. */
async function marksOf(comment: string): Promise<Set<string | undefined>> {
  const res = await local.aws.ssm.send(new ListCommandsCommand({MaxResults: 50}));
  return new Set((res.Commands ?? []).map((c) => readMark(c.Comment ?? '')).filter((m) => m.comment === comment).map((m) => m.mark));
}

/** How many invocations SSM holds for this run's comment (a batch sent twice would count its ids twice). */
async function invocationsSent(comment: string): Promise<number> {
  let n = 0;
  let token: string | undefined;
  do {
    const res = await local.aws.ssm.send(new ListCommandsCommand({MaxResults: 50, ...(token ? {NextToken: token} : {})}));
    // The user's comment, then the run's marker (the same on every batch of one run).
    for (const c of res.Commands ?? []) if (readMark(c.Comment ?? '').comment === comment) n += c.TargetCount ?? 0;
    token = res.NextToken || undefined;
  } while (token);
  return n;
}

function auditFor(commandIds: readonly string[]): {action: string; unfollowed?: string; summary?: Record<string, number>}[] {
  const lines = fs.readFileSync(path.join(state, 'fleetdeck', 'audit.jsonl'), 'utf8').trim().split('\n');
  return lines.map((l) => JSON.parse(l) as {action: string; commandIds?: string[]; commandId?: string})
    .filter((e) => (e.commandId !== undefined && commandIds.includes(e.commandId)) ||
      (e.commandIds ?? []).some((c) => commandIds.includes(c)));
}

const ids = (from: number, n: number) => linuxNodes(local.fleet).slice(from, from + n).map((x) => x.instanceId);

describe('runs under a throttling storm (about half the Run Command calls throttled)', () => {
  it.each([['more than 50 ids (several SendCommands)', 0, 80], ['up to 50 ids (one SendCommand)', 0, 40]])(
    '%s: every invocation ends Success, nothing sent twice, audited to the end', async (_what, from, n) => {
      const targets = ids(from, n);
      expect(targets).toHaveLength(n);
      // A burst first (so the run surely sees some), then the storm.
      local.fleet.injectFault({kind: 'throttle', operation: 'ListCommandInvocations', count: 2});
      for (const operation of RUN_OPS) local.fleet.injectFault({kind: 'throttle', operation, probability: 0.5});
      let interrupted = 0;
      const s = spec(targets);
      let st: RunState;
      try {
        st = await auditedRun(runCommandApi(local.aws), s, 'test', 'headless', {...fast,
          onUpdate: (x) => void (x.interrupted && interrupted++)});
      } finally {
        local.fleet.clearFaults();
      }
      expect(interrupted).toBeGreaterThan(0);
      expect(st.done).toBe(true);
      expect(st.unfollowed).toBeUndefined();
      expect(targets.map((id) => st.invocations.get(id)?.statusDetails)).toEqual(targets.map(() => 'Success'));
      expect(await invocationsSent(s.comment ?? '')).toBe(n);
      const audit = auditFor(st.commandIds);
      expect(audit.filter((e) => e.action === 'SendCommand')).toHaveLength(st.commandIds.length);
      expect(audit.at(-1)).toMatchObject({action: 'CommandFinished', summary: {Success: n}});
    }, 180_000); // the SDK's adaptive mode slows the client down while it is throttled
});

describe('a SendCommand whose answer is lost', () => {
  it('is found with ListCommands and adopted, not sent again', async () => {
    const real = runCommandApi(local.aws);
    let lost = 0;
    const api: RunCommandApi = {...real, send: async (req) => {
      const sent = await real.send(req);
      // SSM took it, the answer never arrived (a reset connection).
      if (lost++ < 3) throw Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'});
      return sent;
    }};
    const targets = ids(0, 80);
    const s = spec(targets);
    const st = await auditedRun(api, s, 'test', 'headless', fast);
    expect(lost).toBeGreaterThan(3);
    expect(st.done).toBe(true);
    expect(targets.every((id) => st.invocations.get(id)?.statusDetails === 'Success')).toBe(true);
    expect(await invocationsSent(s.comment ?? '')).toBe(80);
    const marks = await marksOf(s.comment ?? '');
    expect(marks.size).toBe(1);
    expect([...marks][0]).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('an endpoint killed and restarted mid-run', () => {
  it('the run is followed again when it is back and ends with every invocation accounted for', async () => {
    const proxy = await startOutageProxy(local.fleet.endpoint);
    const aws = createAwsClients({kind: 'local', region: local.fleet.region, endpoint: proxy.url,
      credentials: local.fleet.credentials, maxAttempts: 1, requestTimeoutSeconds: 2});
    opened.push(aws);
    const targets = ids(0, 70);
    let killed = false;
    let seenInterrupted = false;
    try {
      const st = await auditedRun(runCommandApi(aws), spec(targets, 'sleep 0.2'), 'test', 'headless', {...fast,
        onSent: () => {
          if (!killed) {
            killed = true;
            void proxy.down();
          }
        },
        onUpdate: (x) => {
          if (x.interrupted && !seenInterrupted) {
            seenInterrupted = true;
            void proxy.up();
          }
        }});
      expect(seenInterrupted).toBe(true);
      expect(st.done).toBe(true);
      expect(targets.every((id) => st.invocations.get(id)?.statusDetails === 'Success')).toBe(true);
      expect(auditFor(st.commandIds).at(-1)).toMatchObject({action: 'CommandFinished', summary: {Success: 70}});
    } finally {
      await proxy.close();
    }
  });

  it('an endpoint that never comes back ends the run unfollowed, with an audit end record that says why', async () => {
    const proxy = await startOutageProxy(local.fleet.endpoint);
    const aws = createAwsClients({kind: 'local', region: local.fleet.region, endpoint: proxy.url,
      credentials: local.fleet.credentials, maxAttempts: 1, requestTimeoutSeconds: 2});
    opened.push(aws);
    try {
      const st = await auditedRun(runCommandApi(aws), spec(ids(0, 10), 'sleep 5'), 'test', 'headless', {...fast,
        giveUpAfterMs: 300, onSent: () => void proxy.down()});
      expect(st.done).toBe(false);
      expect(st.unfollowed).toMatch(/could not reach SSM/);
      expect(st.commandIds).toHaveLength(1);
      expect(auditFor(st.commandIds).at(-1)).toMatchObject({action: 'CommandFinished', unfollowed: expect.stringMatching(/could not reach SSM/)});
    } finally {
      await proxy.close();
    }
  });
});

describe('the results view of a run no longer followed', () => {
  it('polls SSM itself instead of showing the last statuses the run saw', async () => {
    const api = runCommandApi(local.aws);
    const [a, b] = ids(0, 2);
    const st = await executeRun(api, spec([a ?? '', b ?? '']), fast);
    expect(st.done).toBe(true);
    const runs = new RunRegistry();
    const run = runs.begin(st.commandIds[0] ?? '', new AbortController());
    const stale = [...st.invocations.values()].map((i) => ({...i, statusDetails: 'InProgress'}));
    runs.update(run, stale, false, 'could not reach SSM for 15 min');
    const services: Services = {loadFleet: async () => [], runCommand: api, runs};
    const rows = await resultsView.fetch?.(services, {arg: run.firstCommandId, signal: new AbortController().signal}) ?? [];
    expect(rows.map((r) => r.statusDetails)).toEqual(['Success', 'Success']);
  });
});
