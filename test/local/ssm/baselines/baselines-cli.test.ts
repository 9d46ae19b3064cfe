// Patch baselines and patch groups through the real AWS CLI (v2) against the local fleet: the anchors the user guide
// uses (get-default-patch-baseline, create-patch-baseline with approval rules, describe-patch-group-state).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../../src/local/index.js';
import {awsCli} from '../../../helpers/aws-cli.js';

let fleet: LocalFleet;

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 40, seed: 'baselines-cli'});
});
afterAll(async () => {
  await fleet.close();
});

describe('aws ssm (patch baselines)', () => {
  it('reads the default baseline, creates one with rules and reads it back, and summarizes a patch group', async () => {
    const def = await awsCli(fleet, ['ssm', 'get-default-patch-baseline', '--operating-system', 'UBUNTU']) as {BaselineId: string; OperatingSystem: string};
    expect(def.OperatingSystem).toBe('UBUNTU');
    expect(def.BaselineId).toMatch(/^arn:aws:ssm:us-east-1:\d{12}:patchbaseline\/pb-0[0-9a-f]{16}$/);
    const created = await awsCli(fleet, [
      'ssm', 'create-patch-baseline', '--name', 'cli-al2', '--operating-system', 'AMAZON_LINUX_2',
      '--approval-rules', 'PatchRules=[{PatchFilterGroup={PatchFilters=[{Key=CLASSIFICATION,Values=[Security]},{Key=SEVERITY,Values=[Critical]}]},ApproveAfterDays=7,ComplianceLevel=HIGH}]',
      '--rejected-patches', 'telnet*', '--rejected-patches-action', 'BLOCK',
    ]) as {BaselineId: string};
    const got = await awsCli(fleet, ['ssm', 'get-patch-baseline', '--baseline-id', created.BaselineId]) as Record<string, unknown>;
    expect(got).toMatchObject({
      Name: 'cli-al2', OperatingSystem: 'AMAZON_LINUX_2', RejectedPatches: ['telnet*'], RejectedPatchesAction: 'BLOCK',
      ApprovalRules: {PatchRules: [{ApproveAfterDays: 7, ComplianceLevel: 'HIGH', EnableNonSecurity: false}]},
    });
    const state = await awsCli(fleet, ['ssm', 'describe-patch-group-state', '--patch-group', 'linux-prod']) as Record<string, number>;
    const members = fleet.model.managed().filter((n) => n.tags['PatchGroup'] === 'linux-prod').length;
    expect(state['Instances']).toBe(members);
    expect(state['InstancesWithInstalledPatches']).toBeGreaterThan(0);
  });
});
