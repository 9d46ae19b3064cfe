// AWS-RunPatchBaseline on local nodes through the real SDK: a Scan evaluates the node's patches against its effective
// baseline (its `Patch Group`'s, else the default), an Install installs the approved missing ones (a few fail, the
// same way every run), and DescribeInstancePatchStates, DescribeInstancePatches and patch compliance follow.
import {
  CreatePatchBaselineCommand, DescribeInstancePatchesCommand, DescribeInstancePatchStatesCommand, ListComplianceItemsCommand,
  RegisterPatchBaselineForPatchGroupCommand, SendCommandCommand, type CreatePatchBaselineCommandInput, type InstancePatchState,
  type PatchComplianceData,
} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type FleetNode, type LocalFleet} from '../../../../src/local/index.js';
import {fleetClients, type FleetClients} from '../../../helpers/fleet-clients.js';
import {linuxNodes, waitForCommand, invocations} from '../../../helpers/run-command.js';

let fleet: LocalFleet;
let c: FleetClients;

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 120, seed: 'baselines-patching'});
  c = fleetClients(fleet);
});
afterAll(async () => {
  await fleet.close();
});

/** Online EC2 Amazon Linux 2023 nodes, in id order. */
const al2023 = (): FleetNode[] => linuxNodes(fleet).filter((n) => n.ec2 !== undefined && n.platformName === 'Amazon Linux' && n.platformVersion === '2023');

async function stateOf(id: string): Promise<InstancePatchState> {
  const out = await c.ssm.send(new DescribeInstancePatchStatesCommand({InstanceIds: [id]}));
  return out.InstancePatchStates?.[0] as InstancePatchState;
}

async function patchesOf(id: string): Promise<PatchComplianceData[]> {
  const out: PatchComplianceData[] = [];
  let token: string | undefined;
  do {
    const page = await c.ssm.send(new DescribeInstancePatchesCommand({InstanceId: id, MaxResults: 100, NextToken: token}));
    out.push(...(page.Patches ?? []));
    token = page.NextToken;
  } while (token);
  return out;
}

/** A new AL2023 baseline registered with a new patch group, and the nodes moved into that group. */
async function groupWith(group: string, nodes: readonly FleetNode[], input: Partial<CreatePatchBaselineCommandInput>): Promise<string> {
  const created = await c.ssm.send(new CreatePatchBaselineCommand({Name: group, OperatingSystem: 'AMAZON_LINUX_2023', ...input}));
  await c.ssm.send(new RegisterPatchBaselineForPatchGroupCommand({BaselineId: created.BaselineId, PatchGroup: group}));
  // The local fleet's EC2 has no CreateTags: tag through the model, as a console edit would.
  for (const n of nodes) fleet.model.setTag(n.instanceId, 'Patch Group', group);
  return created.BaselineId ?? '';
}

const everything = (days = 0): Partial<CreatePatchBaselineCommandInput> => ({
  ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: [{Key: 'CLASSIFICATION', Values: ['*']}]}, ApproveAfterDays: days}]},
});

async function run(nodes: readonly FleetNode[], parameters: Record<string, string[]>): Promise<Map<string, {status: string; stdout: string}>> {
  const sent = await c.ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunPatchBaseline', InstanceIds: nodes.map((n) => n.instanceId), Parameters: parameters}));
  const id = sent.Command?.CommandId ?? '';
  await waitForCommand(c.ssm, id, 20_000);
  const out = new Map<string, {status: string; stdout: string}>();
  for (const inv of await invocations(c.ssm, id, true)) {
    out.set(inv.InstanceId ?? '', {status: inv.StatusDetails ?? '', stdout: inv.CommandPlugins?.[0]?.Output ?? ''});
  }
  return out;
}

describe('Install', () => {
  it('installs every approved missing patch; failed installs fail the invocation and the next Install retries them; compliance follows', async () => {
    const nodes = al2023().slice(0, 12);
    expect(nodes.length).toBeGreaterThan(5);
    const baselineId = await groupWith('install-all', nodes, everything());
    // A node reports the baseline of its last scan: the new group's baseline only once it has scanned.
    expect((await stateOf(nodes[0]?.instanceId ?? '')).BaselineId).not.toBe(baselineId);
    await run(nodes, {Operation: ['Scan']});
    const scanned = new Map<string, InstancePatchState>();
    for (const n of nodes) scanned.set(n.instanceId, await stateOf(n.instanceId));
    expect([...scanned.values()].every((s) => s.BaselineId === baselineId && s.PatchGroup === 'install-all' && s.Operation === 'Scan')).toBe(true);
    const missingBefore = [...scanned.values()].reduce((n, s) => n + (s.MissingCount ?? 0) + (s.FailedCount ?? 0), 0);
    expect(missingBefore).toBeGreaterThan(0);

    const results = await run(nodes, {Operation: ['Install'], RebootOption: ['RebootIfNeeded']});
    const failing: FleetNode[] = [];
    let failedPatches = 0;
    for (const n of nodes) {
      const before = scanned.get(n.instanceId) as InstancePatchState;
      const after = await stateOf(n.instanceId);
      expect(after).toMatchObject({Operation: 'Install', RebootOption: 'RebootIfNeeded', MissingCount: 0, InstalledPendingRebootCount: 0});
      expect((after.InstalledCount ?? 0) + (after.FailedCount ?? 0)).toBe((before.InstalledCount ?? 0) + (before.InstalledPendingRebootCount ?? 0) + (before.MissingCount ?? 0) + (before.FailedCount ?? 0));
      const result = results.get(n.instanceId);
      expect(result?.status).toBe((after.FailedCount ?? 0) > 0 ? 'Failed' : 'Success');
      if ((after.FailedCount ?? 0) > 0) {
        failing.push(n);
        failedPatches += after.FailedCount ?? 0;
        expect(result?.stdout).toContain(`Failed: ${after.FailedCount}`);
      }
      const items = await c.ssm.send(new ListComplianceItemsCommand({ResourceIds: [n.instanceId], ResourceTypes: ['ManagedInstance'], Filters: [{Key: 'ComplianceType', Values: ['Patch']}], MaxResults: 50}));
      const nonCompliant = (items.ComplianceItems ?? []).filter((i) => i.Status === 'NON_COMPLIANT');
      expect(nonCompliant.length).toBe(after.FailedCount);
    }
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.length).toBeLessThan(nodes.length);

    // A second Install retries the failed patches, and most succeed this time.
    await run(failing, {Operation: ['Install']});
    const failedAfter = await Promise.all(failing.map(async (n) => (await stateOf(n.instanceId)).FailedCount ?? 0));
    expect(failedAfter.reduce((a, b) => a + b, 0)).toBeLessThan(failedPatches);
  });

  it('NoReboot leaves installed patches pending a reboot until an Install that may reboot', async () => {
    const nodes = al2023().slice(12, 16);
    await groupWith('no-reboot', nodes, everything());
    await run(nodes, {Operation: ['Scan']});
    const before = await Promise.all(nodes.map((n) => stateOf(n.instanceId)));
    await run(nodes, {Operation: ['Install'], RebootOption: ['NoReboot']});
    const after = await Promise.all(nodes.map((n) => stateOf(n.instanceId)));
    after.forEach((s, i) => {
      const b = before[i] as InstancePatchState;
      const newlyInstalled = (b.MissingCount ?? 0) + (b.FailedCount ?? 0) - (s.FailedCount ?? 0);
      expect(s.InstalledPendingRebootCount).toBe(newlyInstalled + (b.InstalledPendingRebootCount ?? 0));
      expect(s.RebootOption).toBe('NoReboot');
      expect(s.LastNoRebootInstallOperationTime).toBeInstanceOf(Date);
    });
    expect(after.some((s) => (s.InstalledPendingRebootCount ?? 0) > 0)).toBe(true);
    await run(nodes, {Operation: ['Install'], RebootOption: ['RebootIfNeeded']});
    for (const n of nodes) expect((await stateOf(n.instanceId)).InstalledPendingRebootCount).toBe(0);
  });
});

describe('Windows', () => {
  it('an Install under the seeded windows-prod baseline installs security and critical updates only', async () => {
    const win = fleet.model.managed().filter((n) => n.platformType === 'Windows' && n.pingStatus === 'Online' && n.tags['PatchGroup'] === 'windows-prod' && n.tags['Patch Group'] === undefined);
    expect(win.length).toBeGreaterThan(0);
    const results = await run(win, {Operation: ['Install']});
    for (const n of win) {
      const s = await stateOf(n.instanceId);
      expect(s.MissingCount).toBe(0);
      expect(results.get(n.instanceId)?.stdout).toContain('(windows-prod-monthly)');
      for (const p of await patchesOf(n.instanceId)) {
        if (p.State === 'INSTALLED' || p.State === 'FAILED') expect(['SecurityUpdates', 'CriticalUpdates']).toContain(p.Classification);
      }
    }
  });
});

describe('Scan against the rules', () => {
  it('reports only what the rules approve: classification and severity, the approval delay', async () => {
    const [critical, delayed] = [al2023().slice(16, 20), al2023().slice(20, 24)];
    await groupWith('critical-only', critical, {
      ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: [{Key: 'CLASSIFICATION', Values: ['Security']}, {Key: 'SEVERITY', Values: ['Critical']}]}, ApproveAfterDays: 0, ComplianceLevel: 'CRITICAL'}]},
    });
    await groupWith('long-delay', delayed, everything(360));
    await run([...critical, ...delayed], {Operation: ['Scan']});
    let missing = 0;
    for (const n of critical) {
      for (const p of await patchesOf(n.instanceId)) {
        if (p.State === 'MISSING' || p.State === 'INSTALLED') expect([p.Classification, p.Severity]).toEqual(['Security', 'Critical']);
        if (p.State === 'MISSING') missing++;
      }
      const s = await stateOf(n.instanceId);
      expect(s.CriticalNonCompliantCount).toBe((s.MissingCount ?? 0) + (s.FailedCount ?? 0));
    }
    expect(missing).toBeGreaterThan(0);
    for (const n of delayed) {
      const s = await stateOf(n.instanceId);
      expect(s).toMatchObject({MissingCount: 0, InstalledCount: 0, FailedCount: 0});
      expect(s.InstalledOtherCount).toBeGreaterThan(0);
    }
  });

  it('an installed rejected patch is InstalledRejected under BLOCK and InstalledOther when allowed as a dependency', async () => {
    const withOpenssl = [];
    for (const n of al2023().slice(24)) {
      if ((await patchesOf(n.instanceId)).some((p) => p.KBId?.startsWith('openssl.') && p.State === 'INSTALLED')) withOpenssl.push(n);
      if (withOpenssl.length === 2) break;
    }
    const [blocked, allowed] = withOpenssl as [FleetNode, FleetNode];
    expect(allowed).toBeDefined();
    await groupWith('reject-block', [blocked], {...everything(), RejectedPatches: ['openssl'], RejectedPatchesAction: 'BLOCK'});
    await groupWith('reject-allow', [allowed], {...everything(), RejectedPatches: ['openssl'], RejectedPatchesAction: 'ALLOW_AS_DEPENDENCY'});
    const results = await run([blocked, allowed], {Operation: ['Scan']});
    expect(results.get(blocked.instanceId)?.stdout).toContain('Baseline: pb-');
    const state = async (n: FleetNode) => (await patchesOf(n.instanceId)).find((p) => p.KBId?.startsWith('openssl.'))?.State;
    expect(await state(blocked)).toBe('INSTALLED_REJECTED');
    expect(await state(allowed)).toBe('INSTALLED_OTHER');
    expect((await stateOf(blocked.instanceId)).InstalledRejectedCount).toBe(1);
  });
});
