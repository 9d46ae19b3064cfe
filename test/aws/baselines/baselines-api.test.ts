// The Patch Manager baselines adapter through the real SDK against the local fleet: listing with filters, a
// baseline's rules and whether it is its OS's default, create/edit/delete, set as default, patch groups and their
// state, and the service's refusals as BaselineErrors with sanitized messages.
import {describe, expect, it} from 'vitest';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {baselinesApi} from '../../../src/aws/baselines/baselines-api.js';
import {BaselineError, type BaselinesApi} from '../../../src/fleet/baselines/port.js';
import type {BaselineRules} from '../../../src/fleet/baselines/baseline.js';

const f = useFleetClients({nodes: 30, seed: 'baselines-adapter'});
const api = (): BaselinesApi => baselinesApi(f.aws);

async function failure(call: Promise<unknown>): Promise<BaselineError> {
  try {
    await call;
  } catch (err) {
    expect(err).toBeInstanceOf(BaselineError);
    return err as BaselineError;
  }
  throw new Error('expected a BaselineError');
}

const rules = (over: Partial<BaselineRules> = {}): BaselineRules => ({
  operatingSystem: 'AMAZON_LINUX_2', globalFilters: [], approvedPatches: [], approvedPatchesComplianceLevel: 'UNSPECIFIED',
  approvedPatchesEnableNonSecurity: false, rejectedPatches: [], rejectedPatchesAction: 'ALLOW_AS_DEPENDENCY',
  rules: [{filters: [{key: 'CLASSIFICATION', values: ['Security']}, {key: 'SEVERITY', values: ['Critical']}], complianceLevel: 'CRITICAL', approveAfterDays: 3, enableNonSecurity: false}],
  ...over,
});

describe('baselines', () => {
  it('lists every baseline (all pages) and filters by owner and operating system', async () => {
    const all = await api().list();
    expect(all.map((b) => b.name)).toContain('AWS-UbuntuDefaultPatchBaseline');
    const defaults = all.filter((b) => b.defaultBaseline);
    expect(new Set(defaults.map((b) => b.operatingSystem)).size).toBe(defaults.length);
    const windows = await api().list([{key: 'OPERATING_SYSTEM', values: ['WINDOWS']}, {key: 'OWNER', values: ['AWS']}]);
    expect(windows.map((b) => b.name).sort()).toEqual(['AWS-DefaultPatchBaseline', 'AWS-WindowsPredefinedPatchBaseline-OS', 'AWS-WindowsPredefinedPatchBaseline-OS-Applications']);
  });

  it('creates, reads the rules back, edits, sets as default and deletes', async () => {
    const id = await api().create({name: 'adapter-al2', description: 'from the adapter', rules: rules({approvedPatches: ['curl'], rejectedPatches: ['telnet'], rejectedPatchesAction: 'BLOCK'})});
    const got = await api().get(id);
    expect(got).toMatchObject({baselineId: id, name: 'adapter-al2', operatingSystem: 'AMAZON_LINUX_2', description: 'from the adapter', defaultBaseline: false, patchGroups: []});
    expect(got.rules).toEqual(rules({approvedPatches: ['curl'], rejectedPatches: ['telnet'], rejectedPatchesAction: 'BLOCK'}));
    expect(got.createdTime).toBeGreaterThan(0);
    await api().update(id, {name: 'adapter-al2-b'});
    expect((await api().get(id)).name).toBe('adapter-al2-b');
    const previous = await api().defaultFor('AMAZON_LINUX_2');
    await api().setDefault(id);
    expect(await api().defaultFor('AMAZON_LINUX_2')).toBe(id);
    expect((await api().get(id)).defaultBaseline).toBe(true);
    expect((await failure(api().remove(id))).kind).toBe('in-use');
    await api().setDefault(previous);
    await api().remove(id);
    expect((await failure(api().get(id))).kind).toBe('not-found');
  });

  it('refusals: invalid rules, unknown baselines', async () => {
    const bad = await failure(api().create({name: 'adapter-bad', rules: rules({rules: [{filters: [], complianceLevel: 'LOW', enableNonSecurity: false}]})}));
    expect(bad.kind).toBe('invalid');
    expect((await failure(api().update('pb-0123456789abcdef0', {name: 'nope'}))).kind).toBe('not-found');
  });
});

describe('patch groups', () => {
  it('registers and deregisters a group, lists mappings, resolves the group\'s baseline and counts its nodes', async () => {
    const id = await api().create({name: 'adapter-group', rules: rules()});
    await api().registerPatchGroup(id, 'adapter-canary');
    expect((await failure(api().registerPatchGroup(id, 'adapter-canary'))).kind).toBe('exists');
    expect((await api().patchGroups()).filter((m) => m.patchGroup === 'adapter-canary').map((m) => m.baseline.baselineId)).toEqual([id]);
    expect(await api().baselineForPatchGroup('adapter-canary', 'AMAZON_LINUX_2')).toBe(id);
    expect(await api().baselineForPatchGroup('adapter-canary', 'UBUNTU')).toBe(await api().defaultFor('UBUNTU'));
    expect((await api().get(id)).patchGroups).toEqual(['adapter-canary']);
    await api().deregisterPatchGroup(id, 'adapter-canary');
    expect((await failure(api().deregisterPatchGroup(id, 'adapter-canary'))).kind).toBe('not-found');

    const group = f.fleet.model.managed().find((n) => n.tags['PatchGroup'] !== undefined)?.tags['PatchGroup'] ?? '';
    const members = f.fleet.model.managed().filter((n) => n.tags['PatchGroup'] === group).length;
    const state = await api().patchGroupState(group);
    expect(state.instances).toBe(members);
    expect(state.withInstalled).toBeGreaterThan(0);
    const instances = await api().patchGroupInstances(group);
    expect(instances).toHaveLength(members);
    expect(instances.filter((i) => i.missing > 0)).toHaveLength(state.withMissing);
    expect(instances.every((i) => i.patchGroup === group && i.baselineId !== '' && i.operationEndTime > 0)).toBe(true);
  });
});
