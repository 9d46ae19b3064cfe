// `fleetdeck run` end to end: the built CLI against a local fleet endpoint, real processes on the "nodes".
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CLI_PATH} from '../helpers/pty-harness.js';
import {startLocalFleet, type LocalFleet} from '../../src/local/server.js';

const exec = promisify(execFile);
let fleet: LocalFleet;
const state = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-run-'));
beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 140, seed: 21});
});
afterAll(async () => {
  await fleet.close();
});

function env() {
  const e: Record<string, string | undefined> = {...process.env, CI: undefined, XDG_STATE_HOME: state,
    AWS_ACCESS_KEY_ID: fleet.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: fleet.credentials.secretAccessKey,
    AWS_SESSION_TOKEN: fleet.credentials.sessionToken, AWS_REGION: fleet.region, AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null'};
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

async function run(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  try {
    const r = await exec(process.execPath, [CLI_PATH, 'run', '--endpoint-url', fleet.endpoint, ...args], {env: env()});
    return {code: 0, stdout: r.stdout, stderr: r.stderr};
  } catch (e) {
    const x = e as {code: number; stdout: string; stderr: string};
    return {code: x.code, stdout: x.stdout, stderr: x.stderr};
  }
}

const linuxOnline = () => fleet.model.managed().filter((n) => n.platformType === 'Linux' && n.pingStatus === 'Online');
const auditLines = () => {
  try {
    return fs.readFileSync(path.join(state, 'fleetdeck', 'audit.jsonl'), 'utf8').trim().split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
};

describe('fleetdeck run', () => {
  it('runs a script on three instances, one fails: statuses, output, exit code 1, audited', async () => {
    const [a, b, c] = linuxOnline();
    const before = auditLines();
    const r = await run(['--targets', `${a?.instanceId},${b?.instanceId},${c?.instanceId}`, '--document',
      'AWS-RunShellScript', '--parameter', `commands=echo "on $FLEETDECK_INSTANCE_ID"; test "$FLEETDECK_INSTANCE_ID" != "${b?.instanceId}"`,
      '--output', 'json']);
    expect(r.code).toBe(1);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as {instanceId: string; statusDetails: string; output: string});
    const by = new Map(rows.map((x) => [x.instanceId, x]));
    expect(by.get(a?.instanceId ?? '')?.statusDetails).toBe('Success');
    expect(by.get(b?.instanceId ?? '')?.statusDetails).toBe('Failed');
    expect(by.get(c?.instanceId ?? '')?.output).toContain(`on ${c?.instanceId}`);
    expect(r.stderr).toMatch(/\[3\/3\]/);
    expect(auditLines()).toBe(before + 2); // the SendCommand when sent, the summary when done
  });

  it('stops at a percentage error budget over more than 50 instances, with a distinct exit code', async () => {
    const ids = linuxOnline().slice(0, 60).map((n) => n.instanceId);
    const r = await run(['--targets', ids.join(','), '--document', 'AWS-RunShellScript', '--parameter', 'commands=exit 1',
      '--max-concurrency', '2', '--max-errors', '5%', '--output', 'json']);
    expect(r.code).toBe(3);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as {statusDetails: string});
    expect(rows).toHaveLength(60);
    const failed = rows.filter((x) => x.statusDetails === 'Failed').length;
    // 5% of 60 → stop when errors exceed 3; at most 2 more were running then.
    expect(failed).toBeGreaterThanOrEqual(4);
    expect(failed).toBeLessThanOrEqual(4 + 2);
    expect(rows.filter((x) => x.statusDetails === 'Terminated').length).toBeGreaterThan(40);
  });

  it('text output: every line of every output, grouped pssh-style, full outputs fetched, SSM truncation said', async () => {
    const [a, b, c, d] = linuxOnline();
    const ids = [a, b, c, d].map((n) => n?.instanceId ?? '');
    // a and b print the same three lines; c prints 3,000 characters (past the list's 2,500); d prints 30,000
    // (past GetCommandInvocation's 24,000).
    const script = [
      `case "$FLEETDECK_INSTANCE_ID" in`,
      `  ${ids[2]}) printf 'x%.0s' $(seq 1 2999); echo END-OF-C ;;`,
      `  ${ids[3]}) printf 'y%.0s' $(seq 1 30000); echo ;;`,
      `  *) printf 'line one\\nline two\\nline three\\n' ;;`,
      'esac',
    ].join('\n');
    const r = await run(['--targets', ids.join(','), '--document', 'AWS-RunShellScript', '--parameter', `commands=${script}`]);
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain('=== 2 instances, identical output ===');
    const nameOf = (id: string | undefined) => fleet.model.managed().find((n) => n.instanceId === id)?.name ?? '';
    expect(out).toMatch(new RegExp(`${ids[0]}\t${nameOf(ids[0])}\tSuccess\texit=0\n${ids[1]}\t${nameOf(ids[1])}\tSuccess\texit=0\n` +
      'line one\nline two\nline three\n'));
    expect(out).toContain(`${'x'.repeat(2999)}END-OF-C`);
    expect(out).toContain('y'.repeat(24_000));
    expect(out).toContain('[SSM truncated this output: stdout at 24,000 characters');
    expect(out.match(/SSM truncated/g)).toHaveLength(1);
  });

  it('--targets takes Name tags as well as ids, and every result carries its instance\'s name (text and JSON)', async () => {
    const [a, b] = linuxOnline();
    const json = await run(['--targets', `${a?.name},${b?.instanceId}`, '--document', 'AWS-RunShellScript', '--parameter',
      'commands=echo "on $FLEETDECK_INSTANCE_ID"', '--output', 'json']);
    expect(json.code).toBe(0);
    const rows = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as {instanceId: string; name: string; output: string});
    expect(rows.map((x) => [x.instanceId, x.name]).sort()).toEqual([[a?.instanceId, a?.name], [b?.instanceId, b?.name]].sort());
    expect(rows.find((x) => x.instanceId === a?.instanceId)?.output).toContain(`on ${a?.instanceId}`);
    const text = await run(['--targets', a?.name ?? '', '--document', 'AWS-RunShellScript', '--parameter', 'commands=echo hi']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${a?.instanceId}\t${a?.name}\tSuccess\texit=0\nhi\n`);
  });

  it('an ambiguous name is refused with exit 2, listing the instances it names with their ping status; nothing is sent', async () => {
    const online = linuxOnline();
    const lost = fleet.model.managed().find((n) => n.pingStatus === 'ConnectionLost');
    const [x, y] = [online[5], lost ?? online[6]];
    if (!x || !y) throw new Error('fleet too small');
    fleet.model.setTag(x.instanceId, 'Name', 'twin-name');
    fleet.model.setTag(y.instanceId, 'Name', 'twin-name');
    const before = auditLines();
    const r = await run(['--targets', 'twin-name', '--document', 'AWS-RunShellScript', '--parameter', 'commands=true']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"twin-name" names 2 instances');
    expect(r.stderr).toContain(`${x.instanceId} (twin-name, ${x.pingStatus})`);
    expect(r.stderr).toContain(`${y.instanceId} (twin-name, ${y.pingStatus})`);
    expect(auditLines()).toBe(before);
    const unknown = await run(['--targets', 'no-such-name', '--document', 'AWS-RunShellScript', '--parameter', 'commands=true']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no managed instance is named "no-such-name"');
  });

  it.each([
    [['--max-concurrency', '150%'], /--max-concurrency/],
    [['--max-errors', 'abc'], /--max-errors/],
    [['--document', 'No-Such-Doc'], /no document named "No-Such-Doc"/],
    [['--parameter', 'executionTimeout=abc'], /does not match/],
    [['--targets', 'i-nothex'], /not an instance id/],
    [['--targets', 'tag:Env=nowhere'], /tag:Env=nowhere matches no managed instance right now/],
  ])('refuses bad input %j with exit code 2 and sends nothing', async (extra, msg) => {
    const before = auditLines();
    const base: Record<string, string> = {'--targets': linuxOnline()[0]?.instanceId ?? '', '--document': 'AWS-RunShellScript'};
    for (let i = 0; i < extra.length; i += 2) base[extra[i] ?? ''] = extra[i + 1] ?? '';
    const args = [...Object.entries(base).flat(), '--parameter', 'commands=true'];
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(auditLines()).toBe(before);
  });
});
