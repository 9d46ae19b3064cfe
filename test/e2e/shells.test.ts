// Shells in split panes, end to end: the built CLI under a real PTY against the local fleet (sessions over real
// WebSockets to real PTY shells on the fleet's side).
import fs from 'node:fs';
import {userInfo} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis, type Tui} from '../helpers/pty-harness.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';

const spawn = useTuis();
const env = isolatedEnv('fleetdeck-shells-');
const home = env.HOME;

// Local shells run as the user running the fleet, and say so.
const PROMPT = new RegExp(`${userInfo().username.replace(/[^\w.-]/g, '')}@[\\w.-]+:~[#$]`, 'g');

async function startOnline(args: string[] = [], cols = 140, rows = 40): Promise<Tui> {
  const tui = await spawn({args: [CLI_PATH, '--local', '--seed', '11', ...args], cols, rows, env});
  await tui.waitForText(/Managed instances [1-9]\d*\//, {description: 'the instances view'});
  await tui.press('/');
  await tui.type('ping:online platform:linux');
  await tui.press('enter');
  await tui.waitForText('/ping:online platform:linux', {description: 'the filter'});
  return tui;
}

/** Text of the columns [from, to) of every screen row. */
function region(tui: Tui, from: number, to: number): string {
  return tui.screen().split('\n').map((l) => l.slice(from, to)).join('\n');
}

function readAudit(): Record<string, unknown>[] {
  const file = path.join(home, 'state', 'fleetdeck', 'audit.jsonl');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : [];
}

describe('shells in split panes', () => {
  it('opens two panes, types in each, broadcasts, zooms, closes one, and quits (terminating the rest) restoring the terminal', async () => {
    const before = readAudit().length;
    const tui = await startOnline();
    await tui.press('space', 'space');
    await tui.waitForText('2 marked');
    await tui.press('s');
    await tui.waitFor((s) => (s.match(PROMPT) ?? []).length >= 2, {description: 'two prompts side by side', timeout: 15_000});
    await tui.waitForText('2 shells', {description: 'the header count'});
    // fleetdeck's own title row (not the remote's prompt) says local nodes run as you.
    expect(tui.line(3)).toContain(`local node: runs as you (${userInfo().username}`);
    // 140 columns: the left pane is 70 wide, then a separator, then 69.
    expect(tui.line(3)).toMatch(/^▶ /);
    expect(tui.line(3).charAt(71)).toBe(' ');

    await tui.type('echo left-$((40+2)); stty size\r');
    await tui.waitFor(() => region(tui, 0, 70).includes('left-42'), {description: 'the echo in the left pane'});
    // The first Size was the pane's real size: 40 rows - 1 (kept free) - 4 (chrome) - 1 (pane title) = 34.
    await tui.waitFor(() => region(tui, 0, 70).includes('34 70'), {description: 'stty size in the left pane'});
    expect(region(tui, 71, 140)).not.toContain('left-42');

    await tui.press('ctrl-g', 'o');
    await tui.type('echo right-$((50+5))\r');
    await tui.waitFor(() => region(tui, 71, 140).includes('right-55'), {description: 'the echo in the right pane'});
    expect(region(tui, 0, 70)).not.toContain('right-55');

    await tui.press('ctrl-g', 'b');
    await tui.waitForText('BROADCAST', {description: 'broadcast shown'});
    expect(tui.screen().match(/◉ BROADCAST/g)?.length).toBeGreaterThanOrEqual(2);
    await tui.type('echo all-$((3*3))\r');
    await tui.waitFor(() => region(tui, 0, 70).includes('all-9') && region(tui, 71, 140).includes('all-9'), {description: 'broadcast echo in both panes'});
    await tui.press('ctrl-g', 'b');
    await tui.waitFor((s) => !s.includes('BROADCAST'), {description: 'broadcast off'});

    await tui.press('ctrl-g', 'z');
    await tui.waitForText('(zoom)', {description: 'zoomed'});
    await tui.type('clear; stty size\r');
    await tui.waitFor(() => /^34 140\s*$/m.test(tui.screen()), {description: 'the zoomed pane has the whole width'});
    await tui.press('ctrl-g', 'z');
    await tui.waitFor((s) => !s.includes('(zoom)'), {description: 'unzoomed'});

    await tui.press('ctrl-g', 'x');
    await tui.waitForText('1 shell ', {description: 'one shell left'});
    await tui.waitFor((s) => (s.match(PROMPT) ?? []).length >= 1 && !s.split('\n').some((l) => l.charAt(70) === '│'), {description: 'a single pane'});

    // Back to the dashboard (the shell keeps running), then quit: asked first, then the session is terminated.
    await tui.press('ctrl-g', 'd');
    await tui.waitForText(/Managed instances \d+\/\d+/);
    expect(tui.screen()).toContain('1 shell');
    await tui.press('q');
    await tui.waitForText('Quit? This ends 1 shell.');
    await tui.press('y');
    const status = await tui.exited;
    expect(status.exitCode).toBe(0);
    tui.assertRestored();

    const audit = readAudit().slice(before);
    const started = audit.filter((e) => e['action'] === 'StartSession');
    const ended = audit.filter((e) => e['action'] === 'TerminateSession');
    expect(started).toHaveLength(2);
    expect(ended.map((e) => e['reason']).sort()).toEqual(['closed by the user', 'quit']);
    expect(new Set(ended.map((e) => e['sessionId']))).toEqual(new Set(started.map((e) => e['sessionId'])));
  });

  it('gives the shell the pane\'s size, runs a full-screen program, and follows the terminal when it is resized', async () => {
    const tui = await startOnline([], 120, 40);
    await tui.press('s');
    await tui.waitFor((s) => (s.match(PROMPT) ?? []).length >= 1, {description: 'a prompt', timeout: 15_000});
    await tui.type('stty size\r');
    // 40 rows - 1 (kept free) - 4 (chrome) - 1 (pane title).
    await tui.waitFor((s) => /^34 120\s*$/m.test(s), {description: 'the first size'});
    // A full-screen program on the alternate screen, then back to the shell's screen.
    await tui.type('seq 1000 | less\r');
    await tui.waitFor((s) => /^1\s*$/m.test(s) && /^33\s*$/m.test(s), {description: 'less showing a full page'});
    await tui.press('G');
    await tui.waitFor((s) => /^1000\s*$/m.test(s), {description: 'the end in less'});
    await tui.press('q');
    await tui.waitFor((s) => /^34 120\s*$/m.test(s) && !/^1000\s*$/m.test(s), {description: 'the shell screen restored'});
    tui.resize(100, 30);
    await tui.waitFor(() => tui.line(-2).includes('pane commands'), {description: 'the redraw at the new size'});
    // The harness's screen changes size before the app has seen SIGWINCH (and the shell its Size message): a command
    // typed at once may still see the old size, so ask again until the answer is the new size.
    let size = '';
    for (let i = 0; i < 10 && size !== '24 100'; i++) {
      if (i > 0) await tui.waitForIdle(100);
      await tui.type(`clear; echo S${i}=$(stty size)\r`);
      const answer = new RegExp(`^S${i}=(\\d+ \\d+)\\s*$`, 'm');
      await tui.waitFor((s) => answer.test(s), {description: `the size after the resize (try ${i + 1})`});
      size = answer.exec(tui.screen())?.[1] ?? '';
    }
    expect(size).toBe('24 100');
    await tui.press('ctrl-g', 'd');
    await tui.press('q', 'y');
    await tui.exited;
    tui.assertRestored();
  });

  it('terminates the open sessions when the SSH link drops (SIGHUP), and restores the terminal', async () => {
    const before = readAudit().length;
    const tui = await startOnline();
    await tui.press('s');
    await tui.waitFor((s) => (s.match(PROMPT) ?? []).length >= 1, {description: 'a prompt', timeout: 15_000});
    await tui.waitForText('1 shell');
    tui.kill('SIGHUP');
    const status = await tui.exited;
    expect(status.exitCode).toBe(129);
    tui.assertRestored();
    const audit = readAudit().slice(before);
    const started = audit.filter((e) => e['action'] === 'StartSession');
    expect(started).toHaveLength(1);
    expect(audit.filter((e) => e['action'] === 'TerminateSession')).toEqual([
      expect.objectContaining({reason: 'SIGHUP', sessionId: started[0]?.['sessionId']}),
    ]);
  });

  it('treats a lost terminal (tty reads and writes fail with EIO) as SIGHUP: sessions terminated and audited, exit', async () => {
    const before = readAudit().length;
    const logFile = path.join(home, 'state', 'fleetdeck', 'fleetdeck.log');
    const logBefore = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    const tui = await startOnline();
    await tui.press('s');
    await tui.waitFor((s) => (s.match(PROMPT) ?? []).length >= 1, {description: 'a prompt', timeout: 15_000});
    await tui.waitForText('1 shell');
    tui.hangup();
    await tui.exited;
    // The exit code is not readable once the terminal is gone; the process itself must be.
    expect(() => process.kill(tui.pid, 0)).toThrow(/ESRCH/);
    const audit = readAudit().slice(before);
    const started = audit.filter((e) => e['action'] === 'StartSession');
    expect(started).toHaveLength(1);
    expect(audit.filter((e) => e['action'] === 'TerminateSession')).toEqual([
      expect.objectContaining({reason: 'SIGHUP', sessionId: started[0]?.['sessionId']}),
    ]);
    const log = fs.readFileSync(logFile, 'utf8').slice(logBefore);
    expect(log).not.toMatch(/uncaught error|"level":"error"/);
  });

  it('--read-only turns shells off and says why', async () => {
    const tui = await startOnline(['--read-only']);
    await tui.waitForText('READ-ONLY', {description: 'the header'});
    await tui.press('s');
    await tui.waitForText('read-only mode: shells are off', {description: 'the reason'});
    await tui.waitForIdle(300);
    expect(tui.screen()).not.toMatch(PROMPT);
    expect(tui.screen()).not.toContain('shell ');
    await tui.press('q');
    await tui.exited;
    tui.assertRestored();
  });
});
