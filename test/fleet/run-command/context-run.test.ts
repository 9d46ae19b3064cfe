// One run over several contexts against a local fleet of 2 accounts, through the real SDK: each context's share is
// its own SendCommand set with its own error threshold (as SSM applies it per command), and a context that refuses
// the run leaves the others running.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../src/local/server.js';
import {runInContexts, ContextRunError, type ContextShare} from '../../../src/fleet/run-command/context-run.js';
import type {RunSpec} from '../../../src/fleet/run-command/run-orchestrator.js';
import {openFleetContexts, type FleetContexts} from '../../helpers/contexts.js';
import {usePrivateStateDir} from '../../helpers/state-dir.js';
import {readAudit} from '../../../src/audit.js';

usePrivateStateDir('fd-context-run-unit-');
let fleet: LocalFleet;
let ctx: FleetContexts;

beforeAll(async () => {
  fleet = await startLocalFleet({accounts: 2, regions: ['us-east-1'], nodes: 10, seed: 'context-run-unit'});
  ctx = await openFleetContexts(fleet);
});
afterAll(async () => {
  ctx.close();
  await fleet.close();
});

/** `n` online Linux nodes of account `a` (1-based). */
function nodes(a: number, n: number): string[] {
  const p = fleet.partitions[a - 1];
  const ids = p?.model.managed().filter((x) => x.pingStatus === 'Online' && x.platformType === 'Linux').map((x) => x.instanceId) ?? [];
  if (ids.length < n) throw new Error(`only ${ids.length} online Linux nodes in account ${a}`);
  return ids.slice(0, n);
}

function share(context: string, ids: string[], script: string, maxErrors = 0): ContextShare {
  const services = ctx.services.contexts?.servicesFor(context);
  if (!services?.runCommand) throw new Error(`no context ${context}`);
  const spec: RunSpec = {documentName: 'AWS-RunShellScript', parameters: {commands: [script]}, targets: {kind: 'ids', ids},
    maxConcurrency: {kind: 'count', n: 1}, maxErrors: {kind: 'count', n: maxErrors}};
  return {context, api: services.runCommand, identity: services.identity ?? '', spec};
}

const poll = {pollMs: 50};

describe('one run over several contexts', () => {
  it('applies each context\'s error threshold to its own share only, and places every node and command', async () => {
    const a = nodes(1, 3);
    const b = nodes(2, 3);
    const audited = readAudit().length;
    const st = await runInContexts([share('local-1:us-east-1', a, 'exit 1'), share('local-2:us-east-1', b, 'true')], poll);
    const of = (ids: string[]) => st.invocations.filter((i) => ids.includes(i.instanceId)).map((i) => i.statusDetails).sort();
    // One at a time and no error allowed: the first failure stops that context's share, not the other's.
    expect(of(a)).toEqual(['Failed', 'Terminated', 'Terminated']);
    expect(of(b)).toEqual(['Success', 'Success', 'Success']);
    expect(st.thresholdStopped).toEqual(['local-1:us-east-1']);
    expect(st.done).toBe(true);
    expect([...a, ...b].map((id) => st.instanceContext.get(id))).toEqual([...a.map(() => 'local-1:us-east-1'), ...b.map(() => 'local-2:us-east-1')]);
    expect([...st.commandContext.values()].sort()).toEqual(['local-1:us-east-1', 'local-2:us-east-1']);
    const sent = readAudit().slice(audited).filter((e) => e['action'] === 'SendCommand');
    expect(sent.map((e) => [e['identity'], st.commandContext.get(String(e['commandId']))]).sort()).toEqual([
      ['local · context local-1:us-east-1', 'local-1:us-east-1'], ['local · context local-2:us-east-1', 'local-2:us-east-1']]);
  }, 30_000);

  it('a context that refuses the run leaves the others running; every context refusing is an error naming each', async () => {
    const accounts = [...new Set(fleet.partitions.map((p) => p.accountId))];
    fleet.expireCredentials(accounts[0] ?? '');
    try {
      const a = nodes(1, 1);
      const b = nodes(2, 1);
      const st = await runInContexts([share('local-1:us-east-1', a, 'true'), share('local-2:us-east-1', b, 'true')], poll);
      expect(st.refused.map((r) => r.context)).toEqual(['local-1:us-east-1']);
      const refused = st.invocations.find((i) => i.instanceId === a[0]);
      expect(refused?.statusDetails).toBe('Undeliverable');
      expect(refused?.output).toMatch(/^SendCommand refused in local-1:us-east-1: /);
      expect(st.invocations.find((i) => i.instanceId === b[0])?.statusDetails).toBe('Success');
      fleet.expireCredentials(accounts[1] ?? '');
      const both = runInContexts([share('local-1:us-east-1', a, 'true'), share('local-2:us-east-1', b, 'true')], poll);
      await expect(both).rejects.toThrow(ContextRunError);
      await expect(both).rejects.toThrow(/SendCommand refused in local-1:us-east-1 \(.+\), local-2:us-east-1 \(.+\)/);
    } finally {
      for (const id of accounts) fleet.restoreCredentials(id);
    }
  }, 30_000);
});
