// `fleetdeck run` when the endpoint misbehaves or the user presses Ctrl+C: the built CLI against a local fleet.
// A throttling storm and an endpoint killed and restarted mid-run end with every invocation accounted for and an
// audit end record; Ctrl+C cancels what still runs, prints what finished and the command ids, and exits 130.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CLI_PATH} from '../helpers/pty-harness.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {startOutageProxy} from '../helpers/outage-proxy.js';

const t = useLocalFleet({nodes: 140, seed: 23});

interface Running {
  stdout: () => string;
  stderr: () => string;
  /** Resolves when stderr satisfies `pred`. */
  waitErr: (pred: (s: string) => boolean, what: string) => Promise<void>;
  exit: Promise<number>;
  signal: (sig: NodeJS.Signals) => void;
}

function start(args: string[], endpoint = t.fleet.endpoint): Running {
  const child = spawn(process.execPath, [CLI_PATH, 'run', '--endpoint-url', endpoint, ...args], {env: t.env()});
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    for (const w of waiters.splice(0)) w();
  });
  const exit = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return {
    stdout: () => out,
    stderr: () => err,
    waitErr: (pred, what) => new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pred(err)) return resolve();
        if (child.exitCode !== null) return reject(new Error(`exited before ${what}:\n${err}`));
        waiters.push(check);
      };
      child.on('exit', check);
      check();
    }),
    exit,
    signal: (sig) => void child.kill(sig),
  };
}

const linuxOnline = () => t.fleet.model.managed().filter((n) => n.platformType === 'Linux' && n.pingStatus === 'Online');
const audit = () => fs.readFileSync(path.join(t.stateDir, 'fleetdeck', 'audit.jsonl'), 'utf8').trim().split('\n')
  .map((l) => JSON.parse(l) as {action: string; commandIds?: string[]; commandId?: string; summary?: Record<string, number>; cancelled?: boolean});
const rowsOf = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as {instanceId: string; statusDetails: string; output: string});

describe('fleetdeck run against a misbehaving endpoint', () => {
  it('about half the Run Command calls throttled: the run completes, every invocation accounted for, audited to the end', async () => {
    const ids = linuxOnline().slice(0, 30).map((n) => n.instanceId);
    // A burst first (more than the SDK's own attempts, so the run itself sees it), then a storm.
    t.fleet.injectFault({kind: 'throttle', operation: 'ListCommandInvocations', count: 6});
    for (const operation of ['SendCommand', 'ListCommandInvocations', 'ListCommands', 'CancelCommand']) {
      t.fleet.injectFault({kind: 'throttle', operation, probability: 0.5});
    }
    let r: Running;
    let code: number;
    try {
      r = start(['--targets', ids.join(','), '--document', 'AWS-RunShellScript', '--parameter', 'commands=echo ok',
        '--max-concurrency', '100%', '--output', 'json']);
      code = await r.exit;
    } finally {
      t.fleet.clearFaults();
    }
    expect(r.stderr()).toContain('following interrupted (throttled');
    expect(code).toBe(0);
    const rows = rowsOf(r.stdout());
    expect(rows.map((x) => x.instanceId).sort()).toEqual([...ids].sort());
    expect(rows.every((x) => x.statusDetails === 'Success')).toBe(true);
    expect(audit().at(-1)).toMatchObject({action: 'CommandFinished', summary: {Success: 30}});
  }, 180_000); // the SDK's adaptive mode slows the client down while it is throttled

  it('the endpoint killed and restarted mid-run: the run is followed again and completes', async () => {
    const proxy = await startOutageProxy(t.fleet.endpoint);
    try {
      const ids = linuxOnline().slice(0, 60).map((n) => n.instanceId);
      const r = start(['--targets', ids.join(','), '--document', 'AWS-RunShellScript', '--parameter', 'commands=sleep 0.3; echo ok',
        '--max-concurrency', '20', '--output', 'json'], proxy.url);
      await r.waitErr((s) => /\[\d+\/60\] .*InProgress/.test(s), 'the run under way');
      await proxy.down();
      await r.waitErr((s) => s.includes('following interrupted (endpoint unreachable'), 'the outage noticed');
      await proxy.up();
      expect(await r.exit).toBe(0);
      const rows = rowsOf(r.stdout());
      expect(rows).toHaveLength(60);
      expect(rows.every((x) => x.statusDetails === 'Success')).toBe(true);
      const sent = audit().filter((e) => e.action === 'SendCommand').map((e) => e.commandId);
      expect(audit().at(-1)).toMatchObject({action: 'CommandFinished', summary: {Success: 60}});
      expect(audit().at(-1)?.commandIds?.every((c) => sent.includes(c))).toBe(true);
    } finally {
      await proxy.close();
    }
  }, 120_000);
});

describe('fleetdeck run and Ctrl+C', () => {
  it('cancels what still runs, prints what finished and the command id, audits, exits 130', async () => {
    const [a, b, c] = linuxOnline().slice(70, 73).map((n) => n.instanceId);
    const script = `if [ "$FLEETDECK_INSTANCE_ID" = "${a}" ]; then echo finished-here; else sleep 60; fi`;
    const r = start(['--targets', [a, b, c].join(','), '--document', 'AWS-RunShellScript', '--parameter', `commands=${script}`]);
    await r.waitErr((s) => /\[1\/3\] .*1 Success/.test(s), 'the first instance done');
    r.signal('SIGINT');
    expect(await r.exit).toBe(130);
    expect(r.stderr()).toContain('cancelling what still runs');
    const id = /command ids: ([0-9a-f-]{36})/.exec(r.stderr())?.[1];
    expect(id).toBeDefined();
    const nameOf = (id: string | undefined) => t.fleet.model.managed().find((n) => n.instanceId === id)?.name ?? '';
    expect(r.stdout()).toContain(`${a}\t${nameOf(a)}\tSuccess\texit=0\nfinished-here`);
    expect(r.stdout()).toMatch(new RegExp(`${b}\\t${nameOf(b)}\\tCancelled`));
    expect(r.stdout()).toMatch(new RegExp(`${c}\\t${nameOf(c)}\\tCancelled`));
    const tail = audit().slice(-2);
    expect(tail[0]).toMatchObject({action: 'CancelCommand', commandIds: [id]});
    expect(tail[1]).toMatchObject({action: 'CommandFinished', commandIds: [id], cancelled: true, summary: {Success: 1, Cancelled: 2}});
  }, 60_000);

  it('a second Ctrl+C while the cancel cannot get through stops waiting: command ids printed, audited, exits 130', async () => {
    const proxy = await startOutageProxy(t.fleet.endpoint);
    try {
      const ids = linuxOnline().slice(80, 83).map((n) => n.instanceId);
      const r = start(['--targets', ids.join(','), '--document', 'AWS-RunShellScript', '--parameter', 'commands=sleep 60'], proxy.url);
      await r.waitErr((s) => /\[0\/3\] .*InProgress/.test(s), 'the run under way');
      await proxy.down();
      r.signal('SIGINT');
      await r.waitErr((s) => s.includes('cancelling what still runs') && s.includes('following interrupted'), 'the cancel retrying');
      r.signal('SIGINT');
      expect(await r.exit).toBe(130);
      expect(r.stderr()).toContain('no longer following the run');
      const id = /not followed to the end: stopped following\. What was sent goes on in SSM; command ids: ([0-9a-f-]{36})/.exec(r.stderr())?.[1];
      expect(id).toBeDefined();
      for (const i of ids) expect(r.stdout()).toMatch(new RegExp(`${i}\\t[^\\t\\n]+\\tInProgress`));
      expect(audit().at(-1)).toMatchObject({action: 'CommandFinished', commandIds: [id], unfollowed: 'stopped following', cancelled: true});
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
