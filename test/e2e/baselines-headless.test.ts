// `fleetdeck baselines` and `fleetdeck patch` of the built CLI against a local fleet: the baselines listed with their
// rules in short (table and JSON), one shown with the instances that use it and their patch state counts; a scan and
// an install through Run Command (AWS-RunPatchBaseline with the operation and reboot option) that move the nodes'
// patch states, audited; bad input and read-only refused before anything is sent.
import fs from 'node:fs';
import path from 'node:path';
import {DescribeInstancePatchStatesCommand, SSMClient} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {fleetCli, useLocalFleet} from '../helpers/local-fleet.js';
import {linuxNodes} from '../helpers/run-command.js';
import {nodeOperatingSystem, nodePatchGroup} from '../../src/local/ssm/baselines/store.js';
import {READ_ONLY_REFUSALS} from '../../src/fleet/read-only.js';

const t = useLocalFleet({nodes: 30, seed: 'baselines-headless'});

const cli = fleetCli(t);

const sdk = () => new SSMClient({region: t.fleet.region, endpoint: t.fleet.endpoint, credentials: t.fleet.credentials});
const stateOf = async (id: string) => (await sdk().send(new DescribeInstancePatchStatesCommand({InstanceIds: [id]}))).InstancePatchStates?.[0];
const sends = () => Object.entries(t.fleet.requestCounts()).filter(([k]) => /SendCommand/.test(k)).reduce((n, [, v]) => n + v, 0);
const audit = () => {
  const file = path.join(t.stateDir, 'fleetdeck', 'audit.jsonl');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : [];
};
const al2023 = () => linuxNodes(t.fleet).filter((n) => n.ec2 !== undefined && nodeOperatingSystem(n) === 'AMAZON_LINUX_2023');

describe('fleetdeck baselines', () => {
  it('lists the baselines with the default marked, rules in short and patch groups; --filter os:', async () => {
    const table = await cli('baselines', 'ls');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^NAME\s+OS\s+DEFAULT\s+APPROVAL RULES\s+APPROVED\s+REJECTED\s+PATCH GROUPS\s+ID$/m);
    expect(table.stdout).toMatch(/^linux-security-critical\s+AMAZON_LINUX_2023\s+\*\s+Security\/Critical,Important \+7d\s+0\s+0\s+linux-dev,linux-prod,linux-staging\s+pb-\w+$/m);
    const json = JSON.parse((await cli('baselines', 'ls', '--output', 'json')).stdout) as {BaselineName: string; DefaultBaseline: boolean; ApprovalRules: string; PatchGroups: string[]; OperatingSystem: string}[];
    expect(json.find((b) => b.BaselineName === 'windows-prod-monthly')).toMatchObject({DefaultBaseline: false, OperatingSystem: 'WINDOWS',
      ApprovalRules: 'SecurityUpdates,CriticalUpdates +14d', PatchGroups: ['windows-prod']});
    expect(json.filter((b) => b.DefaultBaseline).length).toBeGreaterThan(5);
    const windows = JSON.parse((await cli('baselines', 'ls', '--filter', 'os:windows', '--output', 'json')).stdout) as {OperatingSystem: string}[];
    expect(new Set(windows.map((b) => b.OperatingSystem))).toEqual(new Set(['WINDOWS']));
  });

  it('shows one baseline with its rules and the instances that use it with their patch state counts', async () => {
    const shown = JSON.parse((await cli('baselines', 'show', 'linux-security-critical', '--output', 'json')).stdout) as {
      DefaultBaseline: boolean; ApprovalRules: {Summary: string; ApproveAfterDays: number}[];
      Instances: {InstanceId: string; PatchGroup: string; MissingCount: number}[]; Totals: {instances: number}};
    expect(shown.DefaultBaseline).toBe(true);
    expect(shown.ApprovalRules).toEqual([expect.objectContaining({Summary: 'Security/Critical,Important +7d', ApproveAfterDays: 7})]);
    const groups = ['linux-dev', 'linux-prod', 'linux-staging'];
    const expected = t.fleet.model.managed().filter((n) => nodeOperatingSystem(n) === 'AMAZON_LINUX_2023'
      && (groups.includes(nodePatchGroup(n)) || nodePatchGroup(n) === '' || nodePatchGroup(n) === 'windows-prod'));
    expect(shown.Instances.map((i) => i.InstanceId).sort()).toEqual(expected.map((n) => n.instanceId).sort());
    expect(shown.Totals.instances).toBe(expected.length);
    const grouped = shown.Instances.find((i) => i.PatchGroup !== '');
    expect(grouped?.PatchGroup).toBe(nodePatchGroup(expected.find((n) => n.instanceId === grouped?.InstanceId)!));
    const text = await cli('baselines', 'show', 'linux-security-critical');
    expect(text.stdout).toMatch(/^Rule 1\s+Security\/Critical,Important \+7d \(CRITICAL\)$/m);
    expect(text.stdout).toMatch(new RegExp(`^Instances\\s+${expected.length}: \\d+ with missing`, 'm'));
    const missing = await cli('baselines', 'show', 'no-such-baseline');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no patch baseline named "no-such-baseline"');
  });
});

describe('fleetdeck patch', () => {
  it('scans, then installs with NoReboot: a Run Command run of AWS-RunPatchBaseline that moves the patch states, audited', async () => {
    const nodes = al2023().slice(0, 3);
    const ids = nodes.map((n) => n.instanceId);
    const scan = await cli('patch', 'scan', '--targets', ids.join(','), '--output', 'json');
    expect(scan.code, scan.stderr).toBe(0);
    const lines = scan.stdout.trim().split('\n').map((l) => JSON.parse(l) as {instanceId: string; statusDetails: string});
    expect(lines.map((l) => l.instanceId).sort()).toEqual([...ids].sort());
    expect(lines.every((l) => l.statusDetails === 'Success')).toBe(true);
    for (const id of ids) expect((await stateOf(id))?.Operation).toBe('Scan');
    const before = await Promise.all(ids.map(async (id) => (await stateOf(id))?.MissingCount ?? 0));
    expect(before.some((n) => n > 0)).toBe(true);
    const install = await cli('patch', 'install', '--targets', ids.join(','), '--reboot', 'NoReboot');
    expect([0, 1]).toContain(install.code);
    expect(install.stderr).toMatch(/\[3\/3\]/);
    for (const id of ids) {
      const s = await stateOf(id);
      expect(s?.Operation).toBe('Install');
      // Installed, save a deterministic failure or two; NoReboot leaves what needs one pending.
      expect(s?.MissingCount).toBe(0);
    }
    const after = await Promise.all(ids.map(async (id) => stateOf(id)));
    expect(after.some((s) => (s?.InstalledPendingRebootCount ?? 0) > 0 || (s?.FailedCount ?? 0) > 0 || (s?.InstalledCount ?? 0) > 0)).toBe(true);
    const runs = audit().filter((e) => e['action'] === 'SendCommand' && e['document'] === 'AWS-RunPatchBaseline');
    expect(runs).toHaveLength(2);
    expect(JSON.stringify(runs[1])).toContain('NoReboot');
  }, 60_000);

  it('refuses bad input and read-only mode before anything is sent', async () => {
    const id = al2023()[0]?.instanceId ?? '';
    const sent = sends();
    const ro = await cli('patch', 'install', '--targets', id, '--read-only');
    expect(ro.code).toBe(2);
    expect(ro.stderr).toContain(READ_ONLY_REFUSALS.run);
    const scanRo = await cli('patch', 'scan', '--targets', id, '--read-only');
    expect(scanRo.code).toBe(2);
    const reboot = await cli('patch', 'install', '--targets', id, '--reboot', 'Sometimes');
    expect(reboot.code).toBe(2);
    expect(reboot.stderr).toContain('--reboot must be RebootIfNeeded or NoReboot');
    const none = await cli('patch', 'scan');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('patch scan needs --targets');
    expect((await cli('patch', 'scan', '--targets', 'tag:Nothing=here')).code).toBe(2);
    expect(sends()).toBe(sent);
  }, 30_000);
});
