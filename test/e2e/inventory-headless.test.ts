// `fleetdeck inventory` of the built CLI for types without versions and for untrusted values: each match carries
// its matching rows, column titles never repeat, a package name with an invisible character is found with its real
// value — printed escaped in JSON and sanitized in the table.
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {CLI_PATH} from '../helpers/pty-harness.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {SPOOFED_PACKAGE, typeRows} from '../../src/local/ssm/inventory/inventory-data.js';

const run = promisify(execFile);
const t = useLocalFleet({nodes: 80, seed: 31});
const cli = (...args: string[]) => run(process.execPath, [CLI_PATH, ...args, '--endpoint-url', t.fleet.endpoint],
  {env: {...process.env, ...t.env(), AWS_EC2_METADATA_DISABLED: 'true'}});

interface Answer {
  instanceId: string;
  status: string;
  rows: Record<string, string>[];
}

const holders = (type: string, pred: (r: Record<string, string>) => boolean) => t.fleet.model.managed()
  .filter((n) => typeRows(t.fleet.model, n, type)?.rows.some(pred)).map((n) => n.instanceId).sort();

describe('fleetdeck inventory beyond packages', () => {
  it('answers an AWS:Service query with each instance\'s matching service rows', async () => {
    const {stdout} = await cli('inventory', '--type', 'AWS:Service', '--where', 'Name=sshd', '--output', 'json');
    const answers = JSON.parse(stdout) as Answer[];
    expect(answers.map((a) => a.instanceId).sort()).toEqual(holders('AWS:Service', (r) => r.Name === 'sshd'));
    expect(answers.length).toBeGreaterThan(0);
    for (const a of answers) {
      expect(a.rows.length, a.instanceId).toBeGreaterThan(0);
      expect(a.rows.every((r) => r.Name === 'sshd' && r.DisplayName !== undefined)).toBe(true);
    }
  });

  it('titles an attribute that shares a fixed column\'s name with its type (no STATUS STATUS)', async () => {
    const {stdout} = await cli('inventory', '--type', 'AWS:Service', '--where', 'Name=sshd,Status=Running');
    const [header = '', ...lines] = stdout.trimEnd().split('\n');
    expect(header).toMatch(/^INSTANCE\s+COMPUTER NAME\s+PLATFORM\s+STATUS\s+NAME\s+SERVICE STATUS$/);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => /\ssshd\s+Running$/.test(l))).toBe(true);
  });

  it('finds a package whose name holds an invisible character: raw in JSON (escaped), sanitized in the table', async () => {
    const expected = holders('AWS:Application', (r) => r.Name === SPOOFED_PACKAGE);
    expect(expected).toHaveLength(1);
    const {stdout} = await cli('inventory', '--where', `Name=${SPOOFED_PACKAGE}`, '--output', 'json');
    expect(stdout).toContain('open\\u200bssl');
    expect(stdout).not.toContain('\u200b');
    const answers = JSON.parse(stdout) as Answer[];
    expect(answers.map((a) => a.instanceId)).toEqual(expected);
    expect(answers[0]?.rows).toEqual([{Name: SPOOFED_PACKAGE, Version: '1.0.0'}]);
    const {stdout: table} = await cli('inventory', '--where', `Name=${SPOOFED_PACKAGE}`);
    expect(table).toMatch(new RegExp(`^${expected[0] ?? '?'}\\s.*\\sopen\\ufffdssl\\s+1\\.0\\.0$`, 'm'));
    expect(table).not.toContain('\u200b');
  });
});
