// `fleetdeck compliance` and `fleetdeck inventory` of the built CLI against a local fleet: the answers match the
// fleet's own data, JSON is machine-readable, and bad input exits 2 with a message naming what is valid.
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {CLI_PATH} from '../helpers/pty-harness.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {typeRows} from '../../src/local/ssm/inventory/inventory-data.js';
import {compareVersions} from '../../src/local/protocol/list-paging.js';
import {sanitizeText} from '../../src/fleet/sanitize.js';

const run = promisify(execFile);
const t = useLocalFleet({nodes: 50, seed: 14});
const cli = (...args: string[]) => run(process.execPath, [CLI_PATH, ...args, '--endpoint-url', t.fleet.endpoint],
  {env: {...process.env, ...t.env(), AWS_EC2_METADATA_DISABLED: 'true'}});
const failure = (...args: string[]) => cli(...args).then(() => undefined, (e: {code: number; stderr: string}) => e);

interface Report {
  summaries: {type: string; compliant: number; nonCompliant: number}[];
  resources: {instanceId: string; name: string; type: string; status: string; severity: string}[];
}

describe('fleetdeck compliance', () => {
  it('prints the summary per type and the filtered instances, most severe first', async () => {
    const {stdout} = await cli('compliance', '--output', 'json');
    const all = JSON.parse(stdout) as Report;
    expect(all.summaries.map((s) => s.type)).toEqual(expect.arrayContaining(['Association', 'Patch']));
    const {stdout: bad} = await cli('compliance', '--filter', 'Status=NON_COMPLIANT ComplianceType=Patch', '--output', 'json');
    const report = JSON.parse(bad) as Report;
    const patch = all.summaries.find((s) => s.type === 'Patch');
    expect(report.resources.length).toBe(patch?.nonCompliant);
    expect(report.resources.every((r) => r.status === 'NON_COMPLIANT' && r.type === 'Patch')).toBe(true);
    const order = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNSPECIFIED'];
    const ranks = report.resources.map((r) => order.indexOf(r.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const {stdout: table} = await cli('compliance', '--filter', 'Status=NON_COMPLIANT');
    expect(table.split('\n')[0]).toMatch(/^TYPE\s+COMPLIANT\s+NON-COMPLIANT\s+CRITICAL\s+HIGH\s+MEDIUM\s+LOW$/);
    expect(table).toMatch(/^INSTANCE\s+NAME\s+TYPE\s+STATUS\s+SEVERITY\s+FAILING\s+EXECUTED$/m);
    expect(table).not.toMatch(/\x1b/);
    // Every instance carries its name (the fleet's Name tag or hybrid node name), in the table and in JSON.
    const names = new Map(t.fleet.model.managed().map((n) => [n.instanceId, sanitizeText(n.name)]));
    const first = report.resources[0];
    expect(first).toBeDefined();
    expect(report.resources.every((r) => r.name === names.get(r.instanceId))).toBe(true);
    const row = table.split('\n').find((l) => l.startsWith(`${first?.instanceId} `) && /\sPatch\s/.test(l));
    expect(row?.split(/\s+/).slice(0, 3)).toEqual([first?.instanceId, names.get(first?.instanceId ?? ''), 'Patch']);
  });

  it('rejects a bad filter with exit code 2, naming the valid keys and values', async () => {
    const key = await failure('compliance', '--filter', 'Colour=red');
    expect(key?.code).toBe(2);
    expect(key?.stderr).toMatch(/unknown compliance filter key "Colour" — use one of: ComplianceType, Status, OverallSeverity/);
    const value = await failure('compliance', '--filter', 'Status=bad');
    expect(value?.code).toBe(2);
    expect(value?.stderr).toMatch(/"bad" is not valid — use one of: COMPLIANT, NON_COMPLIANT/);
    const output = await failure('compliance', '--output', 'csv');
    expect(output?.code).toBe(2);
    expect(output?.stderr).toMatch(/--output must be table or json \(got "csv"\)/);
  });
});

describe('fleetdeck inventory', () => {
  it('answers which instances have openssl below a version, with the version each has', async () => {
    const model = t.fleet.model;
    const versions = new Set(model.managed().flatMap((n) =>
      (typeRows(model, n, 'AWS:Application')?.rows ?? []).filter((r) => r.Name === 'openssl').map((r) => r.Version ?? '')));
    const newest = [...versions].sort(compareVersions).at(-1) ?? '';
    const expected = new Map(model.managed().flatMap((n) => {
      const row = typeRows(model, n, 'AWS:Application')?.rows.find((r) => r.Name === 'openssl' && compareVersions(r.Version ?? '', newest) < 0);
      return row ? [[n.instanceId, row.Version ?? '']] : [];
    }));
    expect(expected.size).toBeGreaterThan(0);
    const {stdout} = await cli('inventory', '--type', 'AWS:Application', '--where', `Name=openssl,Version<${newest}`, '--output', 'json');
    const answers = JSON.parse(stdout) as {instanceId: string; rows: {Name: string; Version: string}[]}[];
    expect(new Map(answers.map((a) => [a.instanceId, a.rows.map((r) => r.Version).join(',')]))).toEqual(expected);
    const {stdout: table} = await cli('inventory', '--where', 'Name=openssl');
    expect(table.split('\n')[0]).toMatch(/^INSTANCE\s+COMPUTER NAME\s+PLATFORM\s+STATUS\s+NAME\s+VERSION$/);
    expect(table.split('\n').filter((l) => /\sopenssl\s/.test(l)).length).toBeGreaterThan(expected.size);
  });

  it('rejects an unknown type, attribute or version expression with exit code 2, naming what is valid', async () => {
    const type = await failure('inventory', '--type', 'AWS:Packages', '--where', 'Name=openssl');
    expect(type?.code).toBe(2);
    expect(type?.stderr).toMatch(/unknown inventory type "AWS:Packages" — use one of: AWS:Application, AWS:AWSComponent, AWS:Network/);
    const attr = await failure('inventory', '--where', 'Nmae=openssl');
    expect(attr?.stderr).toMatch(/AWS:Application has no attribute "Nmae" — use one of: Name, ApplicationType, Publisher, Version/);
    const version = await failure('inventory', '--where', 'Name=openssl,Version<latest');
    expect(version?.code).toBe(2);
    expect(version?.stderr).toMatch(/"latest" is not a version/);
    const none = await failure('inventory');
    expect(none?.code).toBe(2);
    expect(none?.stderr).toMatch(/inventory needs --where/);
  });
});
