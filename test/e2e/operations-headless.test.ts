// The headless commands for the rest of Systems Manager, through the built CLI against a local fleet: activations
// (the code printed once, never logged or audited), sessions (someone else's terminated, then in the history),
// OpsItems (listed, shown, resolved) and Distributor packages (installed as a Run Command; inventory follows).
import fs from 'node:fs';
import path from 'node:path';
import {ListInventoryEntriesCommand, SSMClient, StartSessionCommand} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {fleetCli, useLocalFleet} from '../helpers/local-fleet.js';
import {linuxNodes} from '../helpers/run-command.js';

const t = useLocalFleet({nodes: 12, seed: 'ops-headless'});

const cli = fleetCli(t);

const sdk = () => new SSMClient({region: t.fleet.region, endpoint: t.fleet.endpoint, credentials: t.fleet.credentials});
const stateFile = (name: string) => {
  const p = path.join(t.stateDir, 'fleetdeck', name);
  return fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : '';
};

describe('fleetdeck activations', () => {
  it('creates one (the code shown once with the register lines, never audited or logged), lists and deletes it', async () => {
    const made = await cli('activations', 'create', '--iam-role', 'SSMServiceRole', '--registration-limit', '3',
      '--default-instance-name', 'edge', '--output', 'json');
    expect(made.code).toBe(0);
    const out = JSON.parse(made.stdout) as {ActivationId: string; ActivationCode: string; RegisterLinux: string; RegisterWindows: string[]};
    expect(out.RegisterLinux).toBe(`sudo -E amazon-ssm-agent -register -code "${out.ActivationCode}" -id "${out.ActivationId}" -region "${t.fleet.region}"`);
    expect(out.RegisterWindows[1]).toBe('Restart-Service AmazonSSMAgent');
    expect(stateFile('audit.jsonl')).toContain(`"activationId":"${out.ActivationId}"`);
    expect(stateFile('audit.jsonl') + stateFile('fleetdeck.log')).not.toContain(out.ActivationCode);
    const ls = JSON.parse((await cli('activations', 'ls', '--output', 'json')).stdout) as {ActivationId: string; RegistrationLimit: number}[];
    expect(ls.find((a) => a.ActivationId === out.ActivationId)?.RegistrationLimit).toBe(3);
    expect((await cli('activations', 'delete', out.ActivationId)).stdout).toBe(`deleted ${out.ActivationId}\n`);
    expect((await cli('activations', 'ls')).stdout).not.toContain(out.ActivationId);
  });

  it('refuses a bad request before sending it, and any change in read-only mode', async () => {
    const arn = await cli('activations', 'create', '--iam-role', 'arn:aws:iam::1:role/x');
    expect(arn.code).toBe(2);
    expect(arn.stderr).toMatch(/a role name, not an ARN/);
    const ro = await cli('activations', 'delete', 'abc', '--read-only');
    expect(ro.code).toBe(2);
    expect(ro.stderr).toMatch(/read-only mode: deleting activations is off/);
  });
});

describe('fleetdeck sessions', () => {
  it('lists someone\'s session, terminates it (audited), then finds it in the history', async () => {
    const target = linuxNodes(t.fleet)[0]?.instanceId ?? '';
    const started = await sdk().send(new StartSessionCommand({Target: target, Reason: 'incident 42'}));
    const id = started.SessionId ?? '';
    const active = JSON.parse((await cli('sessions', 'ls', '--output', 'json')).stdout) as {SessionId: string; Target: string; Reason?: string}[];
    expect(active.find((s) => s.SessionId === id)).toMatchObject({Target: target, Reason: 'incident 42'});
    expect((await cli('sessions', 'terminate', id)).stdout).toBe(`terminated ${id}\n`);
    expect(stateFile('audit.jsonl')).toContain(`"sessionId":"${id}"`);
    const history = JSON.parse((await cli('sessions', 'ls', '--history', '--filter', `Target=${target}`, '--output', 'json')).stdout) as
      {SessionId: string; Status: string}[];
    expect(history.find((s) => s.SessionId === id)?.Status).toMatch(/Terminat/);
    expect((await cli('sessions', 'ls', '--filter', 'Nope=1')).code).toBe(2);
  });
});

describe('fleetdeck opsitems', () => {
  it('lists the open items, shows one and resolves it', async () => {
    const open = JSON.parse((await cli('opsitems', 'ls', '--output', 'json')).stdout) as {OpsItemId: string; Status: string}[];
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((o) => o.Status === 'Open' || o.Status === 'InProgress')).toBe(true);
    const id = open[0]?.OpsItemId ?? '';
    const shown = await cli('opsitems', 'show', id);
    expect(shown.stdout).toMatch(new RegExp(`^OpsItem\\s+${id}$`, 'm'));
    expect((await cli('opsitems', 'resolve', id)).stdout).toBe(`resolved ${id}\n`);
    const after = JSON.parse((await cli('opsitems', 'show', id, '--output', 'json')).stdout) as {Status: string};
    expect(after.Status).toBe('Resolved');
    expect((await cli('opsitems', 'ls', '--output', 'json')).stdout).not.toContain(id);
  });
});

describe('fleetdeck packages', () => {
  it('lists the packages and installs one as a Run Command; the node\'s inventory has the version', async () => {
    const ls = JSON.parse((await cli('packages', 'ls', '--output', 'json')).stdout) as {Name: string}[];
    expect(ls.map((p) => p.Name)).toEqual(expect.arrayContaining(['AmazonCloudWatchAgent', 'AWSCodeDeployAgent']));
    const versions = JSON.parse((await cli('packages', 'ls', 'AmazonCloudWatchAgent', '--output', 'json')).stdout) as {Version: string}[];
    expect(versions.map((v) => v.Version)).toContain('1.300032.2');
    const node = linuxNodes(t.fleet)[1]?.instanceId ?? '';
    const run = await cli('packages', 'install', 'AmazonCloudWatchAgent', '--package-version', '1.300032.2', '--targets', node);
    expect(run.code).toBe(0);
    const entries = await sdk().send(new ListInventoryEntriesCommand({InstanceId: node, TypeName: 'AWS:Application',
      Filters: [{Key: 'Name', Values: ['amazon-cloudwatch-agent'], Type: 'Equal'}]}));
    expect(entries.Entries?.map((e) => e['Version'])).toEqual(['1.300032.2']);
    const ro = await cli('packages', 'uninstall', 'AmazonCloudWatchAgent', '--targets', node, '--read-only');
    expect(ro.code).toBe(2);
    expect(ro.stderr).toMatch(/read-only mode: Run Command is off/);
  });
});
