// Patch Manager baselines and patch groups on the local fleet through the real SDK: AWS's predefined baselines per
// operating system, custom baselines with their rules, default baselines, patch groups and their state, effective
// and available patches, and the documented errors.
import {
  CreatePatchBaselineCommand, DeletePatchBaselineCommand, DeregisterPatchBaselineForPatchGroupCommand, DescribeAvailablePatchesCommand,
  DescribeEffectivePatchesForPatchBaselineCommand, DescribeInstancePatchStatesForPatchGroupCommand, DescribePatchBaselinesCommand, DescribePatchGroupsCommand, DescribePatchGroupStateCommand,
  GetDefaultPatchBaselineCommand, GetPatchBaselineCommand, GetPatchBaselineForPatchGroupCommand, RegisterDefaultPatchBaselineCommand,
  RegisterPatchBaselineForPatchGroupCommand, UpdatePatchBaselineCommand, type CreatePatchBaselineCommandInput, type OperatingSystem,
} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../../src/local/index.js';
import {expectSdkError, fleetClients, type FleetClients} from '../../../helpers/fleet-clients.js';

let fleet: LocalFleet;
let c: FleetClients;

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 60, seed: 'baselines-tests', region: 'us-east-2'});
  c = fleetClients(fleet);
});
afterAll(async () => {
  await fleet.close();
});

const create = async (input: Partial<CreatePatchBaselineCommandInput> = {}): Promise<string> =>
  (await c.ssm.send(new CreatePatchBaselineCommand({Name: 'custom', ...input}))).BaselineId ?? '';

async function defaultName(os?: OperatingSystem): Promise<{id: string; name: string; os: string}> {
  const d = await c.ssm.send(new GetDefaultPatchBaselineCommand(os === undefined ? {} : {OperatingSystem: os}));
  const b = await c.ssm.send(new GetPatchBaselineCommand({BaselineId: d.BaselineId}));
  return {id: d.BaselineId ?? '', name: b.Name ?? '', os: d.OperatingSystem ?? ''};
}

describe('predefined baselines', () => {
  it('each operating system defaults to AWS\'s baseline by its name, addressed by full ARN (Windows when none is named)', async () => {
    expect(await defaultName()).toMatchObject({name: 'AWS-DefaultPatchBaseline', os: 'WINDOWS'});
    expect((await defaultName('AMAZON_LINUX_2')).name).toBe('AWS-AmazonLinux2DefaultPatchBaseline');
    expect((await defaultName('UBUNTU')).name).toBe('AWS-UbuntuDefaultPatchBaseline');
    expect((await defaultName('REDHAT_ENTERPRISE_LINUX')).name).toBe('AWS-RedHatDefaultPatchBaseline');
    expect((await defaultName('DEBIAN')).name).toBe('AWS-DebianDefaultPatchBaseline');
    // The seeded fleet registered its own default for Amazon Linux 2023.
    expect((await defaultName('AMAZON_LINUX_2023')).name).toBe('linux-security-critical');
    const al = await defaultName('AMAZON_LINUX');
    expect(al.id).toBe('arn:aws:ssm:us-east-2:733109147000:patchbaseline/pb-0e392de35e7c563b7');
    await expectSdkError(c.ssm.send(new GetPatchBaselineCommand({BaselineId: 'pb-0e392de35e7c563b7'})), 'DoesNotExistException');
  });

  it('carry AWS\'s documented rules', async () => {
    const al2 = await c.ssm.send(new GetPatchBaselineCommand({BaselineId: (await defaultName('AMAZON_LINUX_2')).id}));
    expect(al2.ApprovalRules?.PatchRules?.map((r) => [r.PatchFilterGroup?.PatchFilters?.map((f) => `${f.Key}=${f.Values?.join('|')}`), r.ApproveAfterDays])).toEqual([
      [['PRODUCT=*', 'CLASSIFICATION=Security', 'SEVERITY=Critical|Important'], 7],
      [['PRODUCT=*', 'CLASSIFICATION=Bugfix'], 7],
    ]);
    const win = await c.ssm.send(new GetPatchBaselineCommand({BaselineId: (await defaultName('WINDOWS')).id}));
    expect(win.ApprovalRules?.PatchRules?.[0]?.PatchFilterGroup?.PatchFilters).toEqual([
      {Key: 'PRODUCT', Values: ['*']}, {Key: 'CLASSIFICATION', Values: ['CriticalUpdates', 'SecurityUpdates']}, {Key: 'MSRC_SEVERITY', Values: ['Critical', 'Important']},
    ]);
    const ubuntu = await c.ssm.send(new GetPatchBaselineCommand({BaselineId: (await defaultName('UBUNTU')).id}));
    expect(ubuntu.ApprovalRules?.PatchRules?.[0]?.ApproveAfterDays).toBeUndefined();
    const aws = await c.ssm.send(new DescribePatchBaselinesCommand({Filters: [{Key: 'OWNER', Values: ['AWS']}]}));
    expect(aws.BaselineIdentities?.map((b) => b.BaselineName)).toContain('AWS-WindowsPredefinedPatchBaseline-OS-Applications');
    await expectSdkError(c.ssm.send(new UpdatePatchBaselineCommand({BaselineId: win.BaselineId, Description: 'mine'})), 'ValidationException');
  });
});

describe('custom baselines', () => {
  it('create, read, update (partial and Replace) and delete', async () => {
    const id = await create({
      Name: 'web-linux', OperatingSystem: 'AMAZON_LINUX_2023', Description: 'web tier',
      ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: [{Key: 'CLASSIFICATION', Values: ['Security']}]}, ComplianceLevel: 'HIGH', ApproveAfterDays: 3}]},
      ApprovedPatches: ['curl'], RejectedPatches: ['telnet*'], RejectedPatchesAction: 'BLOCK',
    });
    expect(id).toMatch(/^pb-0[0-9a-f]{16}$/);
    const got = await c.ssm.send(new GetPatchBaselineCommand({BaselineId: id}));
    expect(got).toMatchObject({
      Name: 'web-linux', OperatingSystem: 'AMAZON_LINUX_2023', Description: 'web tier', ApprovedPatches: ['curl'], RejectedPatches: ['telnet*'],
      RejectedPatchesAction: 'BLOCK', ApprovedPatchesComplianceLevel: 'UNSPECIFIED', PatchGroups: [],
    });
    expect(got.CreatedDate).toBeInstanceOf(Date);
    const updated = await c.ssm.send(new UpdatePatchBaselineCommand({BaselineId: id, ApprovedPatches: ['curl', 'bash']}));
    expect(updated).toMatchObject({Name: 'web-linux', ApprovedPatches: ['curl', 'bash'], RejectedPatchesAction: 'BLOCK', Description: 'web tier'});
    const replaced = await c.ssm.send(new UpdatePatchBaselineCommand({BaselineId: id, Replace: true, Name: 'web-linux-2'}));
    expect(replaced).toMatchObject({Name: 'web-linux-2', ApprovedPatches: [], RejectedPatches: [], RejectedPatchesAction: 'ALLOW_AS_DEPENDENCY'});
    expect(replaced.ApprovalRules?.PatchRules).toEqual([]);
    expect(replaced.Description).toBeUndefined();
    const self = await c.ssm.send(new DescribePatchBaselinesCommand({Filters: [{Key: 'NAME_PREFIX', Values: ['web-linux']}, {Key: 'OWNER', Values: ['Self']}]}));
    expect(self.BaselineIdentities).toEqual([{BaselineId: id, BaselineName: 'web-linux-2', OperatingSystem: 'AMAZON_LINUX_2023', DefaultBaseline: false}]);
    expect(await c.ssm.send(new DeletePatchBaselineCommand({BaselineId: id}))).toMatchObject({BaselineId: id});
    await expectSdkError(c.ssm.send(new GetPatchBaselineCommand({BaselineId: id})), 'DoesNotExistException');
    await expectSdkError(c.ssm.send(new UpdatePatchBaselineCommand({BaselineId: id, Name: 'x-y-z'})), 'DoesNotExistException');
  });

  it('CreatePatchBaseline defaults to Windows and is idempotent per ClientToken', async () => {
    const a = await create({Name: 'win-default', ClientToken: 'token-1', ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: []}, ApproveAfterDays: 0}]}});
    const b = await create({Name: 'win-default', ClientToken: 'token-1', ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: []}, ApproveAfterDays: 0}]}});
    expect(b).toBe(a);
    expect((await c.ssm.send(new GetPatchBaselineCommand({BaselineId: a}))).OperatingSystem).toBe('WINDOWS');
  });

  it('refuses what Patch Manager refuses', async () => {
    const rules = (rule: object) => ({ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: [{Key: 'CLASSIFICATION' as const, Values: ['Security']}]}, ...rule}]}});
    await expectSdkError(create({OperatingSystem: 'AMAZON_LINUX_2', ...rules({})}), 'ValidationException');
    await expectSdkError(create({OperatingSystem: 'AMAZON_LINUX_2', ...rules({ApproveAfterDays: 3, ApproveUntilDate: '2026-01-01'})}), 'ValidationException');
    await expectSdkError(create({OperatingSystem: 'AMAZON_LINUX_2', ...rules({ApproveAfterDays: 361})}), 'ValidationException');
    await expectSdkError(create({OperatingSystem: 'AMAZON_LINUX_2', ...rules({ApproveUntilDate: 'tomorrow'})}), 'ValidationException');
    const msrc = {ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: [{Key: 'MSRC_SEVERITY' as const, Values: ['Critical']}]}, ApproveAfterDays: 1}]}};
    const err = await expectSdkError(create({OperatingSystem: 'UBUNTU', ...msrc}), 'ValidationException');
    expect(err.message).toContain('MSRC_SEVERITY');
    await expectSdkError(create({Name: 'no spaces allowed'}), 'ValidationException');
    await expectSdkError(create({ApprovedPatches: Array.from({length: 51}, (_, i) => `KB${i}`)}), 'ValidationException');
    await expectSdkError(create({OperatingSystem: 'PLAN9' as OperatingSystem}), 'ValidationException');
    // An Ubuntu rule needs no approval delay: there are no reliable release dates to count from.
    await create({Name: 'ubuntu-all', OperatingSystem: 'UBUNTU', ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: [{Key: 'PRIORITY', Values: ['Required']}]}}]}});
  });
});

describe('default baselines and patch groups', () => {
  it('registers a default; a default or a baseline with patch groups cannot be deleted', async () => {
    const id = await create({Name: 'rhel-strict', OperatingSystem: 'REDHAT_ENTERPRISE_LINUX', ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: []}, ApproveAfterDays: 14}]}});
    expect(await c.ssm.send(new RegisterDefaultPatchBaselineCommand({BaselineId: id}))).toEqual(expect.objectContaining({BaselineId: id}));
    expect((await defaultName('REDHAT_ENTERPRISE_LINUX')).id).toBe(id);
    await expectSdkError(c.ssm.send(new DeletePatchBaselineCommand({BaselineId: id})), 'ResourceInUseException');
    const aws = await c.ssm.send(new DescribePatchBaselinesCommand({Filters: [{Key: 'NAME_PREFIX', Values: ['AWS-RedHat']}]}));
    await c.ssm.send(new RegisterDefaultPatchBaselineCommand({BaselineId: aws.BaselineIdentities?.[0]?.BaselineId}));
    expect((await defaultName('REDHAT_ENTERPRISE_LINUX')).name).toBe('AWS-RedHatDefaultPatchBaseline');
    await expectSdkError(c.ssm.send(new RegisterDefaultPatchBaselineCommand({BaselineId: 'pb-0123456789abcdef0'})), 'DoesNotExistException');

    await c.ssm.send(new RegisterPatchBaselineForPatchGroupCommand({BaselineId: id, PatchGroup: 'rhel-canary'}));
    await expectSdkError(c.ssm.send(new DeletePatchBaselineCommand({BaselineId: id})), 'ResourceInUseException');
    await c.ssm.send(new DeregisterPatchBaselineForPatchGroupCommand({BaselineId: id, PatchGroup: 'rhel-canary'}));
    await c.ssm.send(new DeletePatchBaselineCommand({BaselineId: id}));
  });

  it('one baseline per operating system per group; lookups fall back to the default', async () => {
    const win = await create({Name: 'win-canary', ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: []}, ApproveAfterDays: 0}]}});
    const ubuntu = await create({Name: 'ubuntu-canary', OperatingSystem: 'UBUNTU'});
    const other = await create({Name: 'win-other'});
    await c.ssm.send(new RegisterPatchBaselineForPatchGroupCommand({BaselineId: win, PatchGroup: 'canary'}));
    await c.ssm.send(new RegisterPatchBaselineForPatchGroupCommand({BaselineId: ubuntu, PatchGroup: 'canary'}));
    await expectSdkError(c.ssm.send(new RegisterPatchBaselineForPatchGroupCommand({BaselineId: other, PatchGroup: 'canary'})), 'AlreadyExistsException');
    await expectSdkError(c.ssm.send(new RegisterPatchBaselineForPatchGroupCommand({BaselineId: 'pb-0123456789abcdef0', PatchGroup: 'x'})), 'DoesNotExistException');
    expect((await c.ssm.send(new GetPatchBaselineCommand({BaselineId: win}))).PatchGroups).toEqual(['canary']);
    const groups = await c.ssm.send(new DescribePatchGroupsCommand({Filters: [{Key: 'NAME_PREFIX', Values: ['can']}]}));
    expect(groups.Mappings?.map((m) => [m.PatchGroup, m.BaselineIdentity?.BaselineName])).toEqual([['canary', 'ubuntu-canary'], ['canary', 'win-canary']]);
    const ubuntuOnly = await c.ssm.send(new DescribePatchGroupsCommand({Filters: [{Key: 'OPERATING_SYSTEM', Values: ['UBUNTU']}]}));
    expect(ubuntuOnly.Mappings?.map((m) => m.BaselineIdentity?.BaselineId)).toEqual([ubuntu]);
    expect(await c.ssm.send(new GetPatchBaselineForPatchGroupCommand({PatchGroup: 'canary'}))).toMatchObject({BaselineId: win, OperatingSystem: 'WINDOWS'});
    expect((await c.ssm.send(new GetPatchBaselineForPatchGroupCommand({PatchGroup: 'canary', OperatingSystem: 'AMAZON_LINUX_2'}))).BaselineId).toBe((await defaultName('AMAZON_LINUX_2')).id);
    await c.ssm.send(new DeregisterPatchBaselineForPatchGroupCommand({BaselineId: win, PatchGroup: 'canary'}));
    await expectSdkError(c.ssm.send(new DeregisterPatchBaselineForPatchGroupCommand({BaselineId: win, PatchGroup: 'canary'})), 'InvalidResourceId');
    await expectSdkError(c.ssm.send(new RegisterPatchBaselineForPatchGroupCommand({BaselineId: win, PatchGroup: 'bad<group>'})), 'ValidationException');
  });

  it('DescribePatchGroupState counts the group\'s nodes by patch state', async () => {
    const tagged = fleet.model.managed().filter((n) => (n.tags['Patch Group'] ?? n.tags['PatchGroup']) === 'linux-prod');
    expect(tagged.length).toBeGreaterThan(0);
    const state = await c.ssm.send(new DescribePatchGroupStateCommand({PatchGroup: 'linux-prod'}));
    expect(state.Instances).toBe(tagged.length);
    expect(state.InstancesWithInstalledPatches).toBeGreaterThan(0);
    expect(state.InstancesWithMissingPatches).toBeLessThanOrEqual(tagged.length);
    const none = await c.ssm.send(new DescribePatchGroupStateCommand({PatchGroup: 'nobody-here'}));
    expect(none.Instances).toBe(0);
  });

  it('DescribeInstancePatchStatesForPatchGroup lists the group\'s nodes, filtered on their counts', async () => {
    const all = await c.ssm.send(new DescribeInstancePatchStatesForPatchGroupCommand({PatchGroup: 'linux-prod', MaxResults: 100}));
    const tagged = fleet.model.managed().filter((n) => n.tags['PatchGroup'] === 'linux-prod').map((n) => n.instanceId);
    expect(all.InstancePatchStates?.map((s) => s.InstanceId)).toEqual(tagged);
    const missing = await c.ssm.send(new DescribeInstancePatchStatesForPatchGroupCommand({
      PatchGroup: 'linux-prod', MaxResults: 100, Filters: [{Key: 'MissingCount', Values: ['0'], Type: 'GreaterThan'}],
    }));
    expect(missing.InstancePatchStates?.map((s) => s.InstanceId)).toEqual(all.InstancePatchStates?.filter((s) => (s.MissingCount ?? 0) > 0).map((s) => s.InstanceId));
    const state = await c.ssm.send(new DescribePatchGroupStateCommand({PatchGroup: 'linux-prod'}));
    expect(missing.InstancePatchStates?.length).toBe(state.InstancesWithMissingPatches);
    await expectSdkError(c.ssm.send(new DescribeInstancePatchStatesForPatchGroupCommand({PatchGroup: 'linux-prod', Filters: [{Key: 'Colour', Values: ['1'], Type: 'Equal'}]})), 'InvalidFilter');
  });
});

describe('effective and available patches', () => {
  it('a Windows baseline\'s effective patches say approved, pending, explicitly approved or rejected', async () => {
    const id = await create({
      Name: 'win-effective', OperatingSystem: 'WINDOWS',
      ApprovalRules: {PatchRules: [
        {PatchFilterGroup: {PatchFilters: [{Key: 'CLASSIFICATION', Values: ['SecurityUpdates']}, {Key: 'MSRC_SEVERITY', Values: ['Critical']}]}, ApproveAfterDays: 0, ComplianceLevel: 'CRITICAL'},
        {PatchFilterGroup: {PatchFilters: [{Key: 'CLASSIFICATION', Values: ['CriticalUpdates']}]}, ApproveAfterDays: 360},
      ]},
      ApprovedPatches: ['KB890830'], RejectedPatches: ['KB5041160'],
    });
    const out = await c.ssm.send(new DescribeEffectivePatchesForPatchBaselineCommand({BaselineId: id}));
    const byKb = new Map<string, string>();
    for (const e of out.EffectivePatches ?? []) byKb.set(e.Patch?.KbNumber ?? '', e.PatchStatus?.DeploymentStatus ?? '');
    expect(Object.fromEntries(byKb)).toEqual({KB5044281: 'APPROVED', KB890830: 'EXPLICIT_APPROVED', KB5041160: 'EXPLICIT_REJECTED', KB5039335: 'PENDING_APPROVAL'});
    const approved = out.EffectivePatches?.find((e) => e.Patch?.KbNumber === 'KB5044281');
    expect(approved?.PatchStatus).toMatchObject({ComplianceLevel: 'CRITICAL'});
    expect(approved?.PatchStatus?.ApprovalDate).toBeInstanceOf(Date);
    const linux = await create({Name: 'linux-effective', OperatingSystem: 'AMAZON_LINUX_2', ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: []}, ApproveAfterDays: 0}]}});
    await expectSdkError(c.ssm.send(new DescribeEffectivePatchesForPatchBaselineCommand({BaselineId: linux})), 'UnsupportedOperatingSystem');
    await expectSdkError(c.ssm.send(new DescribeEffectivePatchesForPatchBaselineCommand({BaselineId: 'pb-0123456789abcdef0'})), 'DoesNotExistException');
  });

  it('available patches: Windows updates by default, a Linux product when named, filtered by classification', async () => {
    const win = await c.ssm.send(new DescribeAvailablePatchesCommand({}));
    expect(win.Patches?.length).toBeGreaterThan(0);
    expect(win.Patches?.every((p) => p.ProductFamily === 'Windows')).toBe(true);
    const al = await c.ssm.send(new DescribeAvailablePatchesCommand({Filters: [{Key: 'PRODUCT', Values: ['AmazonLinux2023']}, {Key: 'CLASSIFICATION', Values: ['Security']}]}));
    expect(al.Patches?.map((p) => p.Name)).toContain('openssl');
    expect(al.Patches?.every((p) => p.Product === 'AmazonLinux2023' && p.Classification === 'Security')).toBe(true);
    const first = await c.ssm.send(new DescribeAvailablePatchesCommand({MaxResults: 3}));
    const second = await c.ssm.send(new DescribeAvailablePatchesCommand({MaxResults: 3, NextToken: first.NextToken}));
    expect([...(first.Patches ?? []), ...(second.Patches ?? [])]).toEqual(win.Patches?.slice(0, 6));
    await expectSdkError(c.ssm.send(new DescribeAvailablePatchesCommand({Filters: [{Key: 'COLOUR', Values: ['x']}]})), 'ValidationException');
  });
});
