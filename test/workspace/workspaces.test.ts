// Shell workspaces against the local fleet: real sessions (SessionClient over a real WebSocket to real PTY shells),
// raw input routed through handleInput exactly as the dashboard routes stdin.
import {SSM, TerminateSessionCommand} from '@aws-sdk/client-ssm';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';

import {startLocalFleet, type FleetNode, type LocalFleet} from '../../src/local/index.js';
import {sessionServiceFor, type SessionService} from '../../src/local/ssm/sessions/session-service.js';
import {sessionApi} from '../../src/aws/sessions/start-session.js';
import {defaultKeymap} from '../../src/keys/keymap.js';
import {Lifecycle} from '../../src/lifecycle.js';
import type {AuditEvent} from '../../src/audit.js';
import {paneIds, paneRects, terminalSize} from '../../src/workspace/layout.js';
import {nativeLauncher} from '../../src/workspace/shell.js';
import {ShellWorkspaces} from '../../src/workspace/workspaces.js';
import type {ShellPane} from '../../src/workspace/pane.js';
import {untilIdle} from '../helpers/wait.js';
import {appShellsPort} from '../helpers/shells.js';

let fleet: LocalFleet;
let service: SessionService;
let nodes: FleetNode[];
let offline: FleetNode;
const live: ShellWorkspaces[] = [];

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 12, seed: 'workspaces'});
  service = sessionServiceFor(fleet.model);
  service.configure({
    env: (n, dir) => ({PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, TERM: 'xterm-256color', LANG: 'C.UTF-8',
      PS1: `${n.instanceId}$ `}),
  });
  nodes = fleet.model.managed().filter((n) => n.pingStatus === 'Online').slice(0, 3);
  const off = fleet.model.managed().find((n) => n.pingStatus !== 'Online');
  if (nodes.length < 3 || off === undefined) throw new Error('the test fleet needs 3 online nodes and an offline one');
  offline = off;
});

afterEach(async () => {
  for (const w of live.splice(0)) {
    await w.closeAll('test cleanup');
    w.dispose();
  }
  for (const s of service.all()) s.terminate('test cleanup');
});

afterAll(async () => {
  await fleet.close();
});

interface Harness {
  shells: ShellWorkspaces;
  audit: AuditEvent[];
  copied: string[];
  lifecycle: Lifecycle;
}

function workspaces(area = {cols: 100, rows: 30}, prefixKey = 'ctrl+g'): Harness {
  const ssm = new SSM({endpoint: fleet.endpoint, region: fleet.region, credentials: fleet.credentials, maxAttempts: 1});
  const audit: AuditEvent[] = [];
  const copied: string[] = [];
  const lifecycle = new Lifecycle();
  const shells = new ShellWorkspaces({
    state: appShellsPort(),
    launcher: nativeLauncher(sessionApi({ssm: ssm as never})),
    keymap: defaultKeymap(), prefixKey, area: () => area, identity: 'local',
    audit: (e) => audit.push(e), copy: (t) => copied.push(t), lifecycle,
  });
  live.push(shells);
  return {shells, audit, copied, lifecycle};
}

async function until(check: () => boolean, message: string, timeout = 10_000): Promise<void> {
  await vi.waitFor(() => {
    if (!check()) throw new Error(`timed out waiting for ${message}`);
  }, {timeout, interval: 10});
}

const screenText = (p: ShellPane) => p.screen.text(0, p.screen.length);
const target = (n: FleetNode) => ({instanceId: n.instanceId, name: n.name});

function panes(shells: ShellWorkspaces): ShellPane[] {
  const ws = shells.activeWorkspace();
  return ws ? paneIds(ws.layout).map((id) => shells.pane(id) as ShellPane) : [];
}

async function prompt(p: ShellPane): Promise<void> {
  await until(() => p.state === 'open' && screenText(p).includes(`${p.target.instanceId}$ `), `the prompt of ${p.id}`);
}

describe('ShellWorkspaces with real sessions', () => {
  it('opens a shell whose first size is the pane\'s real size, and follows resizes', async () => {
    const area = {cols: 100, rows: 30};
    const {shells, audit} = workspaces(area);
    shells.open([target(nodes[0] as FleetNode)]);
    expect(shells.state.visible).toBe(true);
    const [p] = panes(shells);
    if (!p) throw new Error('no pane');
    await prompt(p);
    // Straight from the agent: the first Size message it got was the pane's size.
    const session = service.get(p.sessionId ?? '');
    expect(session?.initialSize).toEqual({cols: 100, rows: 29});
    shells.handleInput('stty size\r');
    await until(() => screenText(p).includes('29 100'), 'stty size at open');
    area.cols = 80;
    area.rows = 20;
    shells.relayout();
    shells.handleInput('stty size\r');
    await until(() => screenText(p).includes('19 80'), 'stty size after the resize');
    expect(audit).toEqual([expect.objectContaining({action: 'StartSession', target: p.target.instanceId, sessionId: p.sessionId, identity: 'local'})]);
  });

  it('routes keys to the focused pane, moves focus with the prefix, and sends the prefix through when pressed twice', async () => {
    const {shells} = workspaces();
    shells.open([target(nodes[0] as FleetNode), target(nodes[1] as FleetNode)]);
    const [a, b] = panes(shells);
    if (!a || !b) throw new Error('two panes expected');
    await Promise.all([prompt(a), prompt(b)]);
    // Side by side: 50 + 1 separator + 49 columns.
    shells.handleInput('stty size\r');
    await until(() => screenText(a).includes('29 50'), 'the left pane size');
    shells.handleInput('\x07o');
    expect(shells.focusedPane()).toBe(b);
    shells.handleInput('stty size; echo only-$((2+3))\r');
    await until(() => screenText(b).includes('only-5') && screenText(b).includes('29 49'), 'the right pane output');
    expect(screenText(a)).not.toContain('only-5');
    // ctrl+g ctrl+g: one BEL byte reaches the shell.
    shells.handleInput('read -r x; printf "got:%q\\n" "$x"\r');
    await until(() => screenText(b).includes('printf'), 'the read to start');
    shells.handleInput('\x07\x07\r');
    await until(() => screenText(b).includes("got:$'\\a'"), 'the BEL byte read by the shell');
    expect(shells.state.mode).toBe('normal');
  });

  it('broadcasts to every pane of the workspace, zooms, splits and closes panes (terminating their sessions)', async () => {
    const {shells, audit} = workspaces();
    shells.open([target(nodes[0] as FleetNode), target(nodes[1] as FleetNode)]);
    const [a, b] = panes(shells);
    if (!a || !b) throw new Error('two panes expected');
    await Promise.all([prompt(a), prompt(b)]);
    shells.handleInput('\x07b');
    expect(shells.activeWorkspace()?.broadcast).toBe(true);
    shells.handleInput('echo both-$((20+2))\r');
    await until(() => screenText(a).includes('both-22') && screenText(b).includes('both-22'), 'broadcast output in both panes');
    shells.handleInput('\x07b');

    shells.handleInput('\x07z');
    const zoomed = shells.arranged();
    expect(zoomed?.kind).toBe('pane');
    expect(zoomed?.rect).toEqual({x: 0, y: 0, width: 100, height: 30});
    shells.handleInput('stty size\r');
    await until(() => screenText(a).includes('29 100'), 'the zoomed pane resized to the whole area');
    shells.handleInput('\x07z');
    expect(shells.arranged()?.kind).toBe('split');

    shells.handleInput('\x07"');
    const all = panes(shells);
    expect(all).toHaveLength(3);
    const c = shells.focusedPane() as ShellPane;
    expect(c.target.instanceId).toBe(a.target.instanceId);
    await prompt(c);
    const rect = paneRects(shells.arranged() as never).get(c.id);
    expect(service.get(c.sessionId ?? '')?.initialSize).toEqual(terminalSize(rect ?? {x: 0, y: 0, width: 0, height: 0}));

    const closedId = c.sessionId;
    shells.handleInput('\x07x');
    expect(panes(shells)).toHaveLength(2);
    await until(() => service.get(closedId ?? '')?.status === 'Terminated', 'TerminateSession on the agent');
    await until(() => audit.some((e) => e.action === 'TerminateSession'), 'the audit entry');
    expect(audit.filter((e) => e.action === 'TerminateSession')).toEqual([
      expect.objectContaining({sessionId: closedId, reason: 'closed by the user', target: a.target.instanceId}),
    ]);
    expect(shells.state.shells).toBe(2);
  });

  it('says why a session ended, offers to reconnect, and reports a node that cannot be reached', async () => {
    const {shells, audit} = workspaces();
    shells.open([target(nodes[2] as FleetNode)]);
    const [p] = panes(shells);
    if (!p) throw new Error('no pane');
    await prompt(p);
    const first = p.sessionId;
    shells.handleInput('exit 3\r');
    await until(() => p.state === 'ended', 'the pane to end');
    expect(p.endReason).toBe('the shell exited');
    // The note follows the output still queued: it is in the pane once the emulator has parsed it.
    await until(() => screenText(p).includes('the shell exited'), 'the end note in the pane');
    expect(audit.at(-1)).toMatchObject({action: 'TerminateSession', sessionId: first, reason: 'the shell exited'});
    shells.handleInput('r');
    await until(() => p.state === 'open' && p.sessionId !== first, 'a new session after r');
    await prompt(p);

    shells.open([target(offline)]);
    const [off] = panes(shells);
    if (!off) throw new Error('no pane');
    await until(() => off.state === 'ended', 'the offline pane to fail');
    expect(off.endReason).toMatch(/could not start: .*(TargetNotConnected|not connected)/i);
  });

  it('says who ended a session that another operator terminated', async () => {
    const {shells} = workspaces();
    shells.open([target(nodes[1] as FleetNode)]);
    const [p] = panes(shells);
    if (!p) throw new Error('no pane');
    await prompt(p);
    const other = new SSM({endpoint: fleet.endpoint, region: fleet.region, credentials: fleet.credentials, maxAttempts: 1});
    await other.send(new TerminateSessionCommand({SessionId: p.sessionId}));
    await until(() => p.state === 'ended', 'the pane to end');
    expect(p.endReason).toBe(`session terminated: The session was terminated by arn:aws:iam::${fleet.model.accountId}:user/fleetdeck.`);
  });

  it('hides the shells with the prefix and hands the rest of the input to the dashboard', async () => {
    const {shells} = workspaces();
    shells.open([target(nodes[0] as FleetNode)]);
    expect(shells.handleInput('\x07dq')).toBe('q');
    expect(shells.state.visible).toBe(false);
    expect(shells.show()).toBe(true);
    expect(shells.handleInput('\x07?')).toBe('');
    expect(shells.state.message).toMatch(/no such pane command/);
  });

  it('counts open shells for the quit question and terminates them all on closeAll', async () => {
    const {shells, lifecycle, audit} = workspaces();
    shells.open([target(nodes[0] as FleetNode), target(nodes[1] as FleetNode)]);
    const all = panes(shells);
    await Promise.all(all.map(prompt));
    expect(lifecycle.openSummary()).toBe('2 shells');
    const ids = all.map((p) => p.sessionId);
    await lifecycle.closeAll('SIGHUP');
    expect(lifecycle.openSummary()).toBeUndefined();
    for (const id of ids) expect(service.get(id ?? '')?.status).toBe('Terminated');
    expect(audit.filter((e) => e.action === 'TerminateSession').map((e) => e['reason'])).toEqual(['SIGHUP', 'SIGHUP']);
    expect(shells.state.visible).toBe(false);
  });

  it('scrolls back, searches the scrollback and copies what is in view or the last output', async () => {
    const {shells, copied} = workspaces({cols: 60, rows: 12});
    shells.open([target(nodes[0] as FleetNode)]);
    const [p] = panes(shells);
    if (!p) throw new Error('no pane');
    await prompt(p);
    shells.handleInput('for i in $(seq 1 300); do echo "line-$i"; done\r');
    await until(() => screenText(p).includes('line-300'), 'the output');
    await until(() => p.screen.text(p.screen.cursorLine, p.screen.cursorLine + 1).includes('$ '), 'the prompt after');
    shells.handleInput('\x07y');
    expect(copied.at(-1)?.split('\n')).toHaveLength(300);
    expect(copied.at(-1)?.endsWith('line-300')).toBe(true);

    shells.handleInput('\x07[');
    expect(shells.state.mode).toBe('scroll');
    const top = () => shells.paneFrame(p.id)?.rows[0]?.replace(/\x1b\[[0-9;]*m/g, '').trim();
    // From the bottom up, the nearest line containing "line-4" is line-49; n goes older, N newer.
    shells.handleInput('/line-4\r');
    expect(shells.state.mode).toBe('scroll');
    expect(top()).toBe('line-49');
    shells.handleInput('nn');
    expect(top()).toBe('line-47');
    shells.handleInput('N');
    expect(top()).toBe('line-48');
    shells.handleInput('y');
    expect(copied.at(-1)?.split('\n').slice(0, 2)).toEqual(['line-48', 'line-49']);
    shells.handleInput('/no-such-text\r');
    expect(shells.state.message).toMatch(/no match/);
    expect(top()).toBe('line-48');
    // Keys in scroll mode never reach the shell.
    shells.handleInput('q');
    expect(shells.state.mode).toBe('normal');
    expect(shells.state.scroll.back).toBe(0);
  });

  it('loses and repeats nothing when a flood pauses the session (frames and their acks held back) and resumes it', {timeout: 90_000}, async () => {
    const ssm = new SSM({endpoint: fleet.endpoint, region: fleet.region, credentials: fleet.credentials, maxAttempts: 1});
    const native = nativeLauncher(sessionApi({ssm: ssm as never}));
    let pauses = 0;
    const shells = new ShellWorkspaces({
      state: appShellsPort(),
      launcher: async (o) => {
        const c = await native(o);
        return {...c, pause: () => {
          pauses++;
          c.pause();
        }};
      },
      keymap: defaultKeymap(), prefixKey: 'ctrl+g', area: () => ({cols: 120, rows: 30}), identity: 'local', audit: () => undefined,
      // Low enough that the flood below is sure to pause the session, more than once.
      outputWatermarks: {high: 4 * 1024, low: 1024},
    });
    live.push(shells);
    shells.open([target(nodes[1] as FleetNode)]);
    const [p] = panes(shells);
    if (!p) throw new Error('no pane');
    await prompt(p);
    // About 6 MB, faster than the emulator parses it.
    shells.handleInput('seq -f "%-80g" 1 75000; echo FLOOD-$((1+1))\r');
    const tail = () => p.screen.text(Math.max(0, p.screen.length - 40), p.screen.length);
    await until(() => tail().includes('FLOOD-2'), 'the end of the flood', 60_000);
    expect(pauses).toBeGreaterThan(0);
    const lines = p.screen.text(0, p.screen.length).split('\n').map((l) => l.trim()).filter((l) => /^\d+$/.test(l)).map(Number);
    expect(lines.at(-1)).toBe(75000);
    // Every number in the scrollback, in order, none missing or doubled.
    expect(lines.length).toBeGreaterThan(9_000);
    lines.forEach((n, i) => {
      if (i > 0) expect(n).toBe((lines[i - 1] ?? 0) + 1);
    });
  });

  it('gives the pane typed into priority: a flooding pane is held until the echo is drawn, then resumes with nothing lost', {timeout: 90_000}, async () => {
    const {shells} = workspaces({cols: 120, rows: 30});
    shells.open([target(nodes[0] as FleetNode), target(nodes[1] as FleetNode)]);
    const [a, b] = panes(shells);
    if (!a || !b) throw new Error('two panes expected');
    await Promise.all([prompt(a), prompt(b)]);
    // Draw as SplitLayout does: every pane's frame on every tick.
    const frames: {a: string[]; b: string[]}[] = [];
    const unsubscribe = shells.slice.subscribe((s, prev) => {
      if (s.tick !== prev.tick) frames.push({a: shells.paneFrame(a.id)?.rows ?? [], b: shells.paneFrame(b.id)?.rows ?? []});
    });
    try {
      shells.handleInput('\x07o');
      expect(shells.focusedPane()).toBe(b);
      shells.handleInput('seq -f "%-40g" 1 100000; echo FLOOD-$((1+1))\r');
      shells.handleInput('\x07o');
      const tailB = () => b.screen.text(Math.max(0, b.screen.length - 40), b.screen.length);
      await until(() => /^\d{3,}/m.test(tailB()), 'the flood under way');
      let echoes = 0;
      for (const word of ['alpha', 'bravo', 'charlie']) {
        if (tailB().includes('FLOOD-2')) break;
        shells.handleInput(word);
        expect(b.held).toBe(true);
        expect(a.held).toBe(false);
        const from = frames.length;
        await until(() => frames.slice(from).some((f) => f.a.join('\n').includes(word)), `${word} drawn in the typed pane`);
        const echo = frames.slice(from).findIndex((f) => f.a.join('\n').includes(word)) + from;
        // The echo's frame shows the flooding pane exactly as the frame before it did.
        if (echo > 0) expect(frames[echo]?.b).toEqual(frames[echo - 1]?.b);
        expect(b.held).toBe(false);
        echoes++;
        shells.handleInput('\x15');
      }
      expect(echoes).toBeGreaterThan(0);
      await until(() => tailB().includes('FLOOD-2'), 'the end of the flood', 60_000);
      const lines = screenText(b).split('\n').map((l) => l.trim()).filter((l) => /^\d+$/.test(l)).map(Number);
      expect(lines.at(-1)).toBe(100000);
      expect(lines.length).toBeGreaterThan(9_000);
      lines.forEach((n, i) => {
        if (i > 0) expect(n).toBe((lines[i - 1] ?? 0) + 1);
      });
    } finally {
      unsubscribe();
    }
  });

  it('redraws a port-forwards pane beside a shell every second while shown, and only then', {timeout: 20_000}, async () => {
    const ssm = new SSM({endpoint: fleet.endpoint, region: fleet.region, credentials: fleet.credentials, maxAttempts: 1});
    let status: 'listening' | 'active' = 'listening';
    const shells = new ShellWorkspaces({
      state: appShellsPort(),
      launcher: nativeLauncher(sessionApi({ssm: ssm as never})),
      keymap: defaultKeymap(), prefixKey: 'ctrl+g', area: () => ({cols: 120, rows: 30}), identity: 'local', audit: () => undefined,
      forwards: () => [{id: 'fw1', name: 'pg', instanceId: 'i-1', local: '127.0.0.1:15432', remote: 'localhost:5432', status,
        connections: 0, bytesIn: 0, bytesOut: 0, startedAt: 1, upMs: 1_000, localPort: 15432}],
    });
    live.push(shells);
    shells.open([target(nodes[0] as FleetNode)]);
    const [p] = panes(shells);
    if (!p) throw new Error('no pane');
    await prompt(p);
    shells.handleInput('\x07f');
    const ws = shells.activeWorkspace();
    const fid = paneIds(ws?.layout ?? {kind: 'pane', id: ''}).find((id) => id !== p.id) ?? '';
    expect(ws?.focus).toBe(p.id);
    const text = () => (shells.forwardsFrame(fid, 59, 10)?.rows ?? []).join('\n').replace(/\x1b\[[0-9;]*m/g, '');
    expect(text()).toMatch(/pg +127\.0\.0\.1:15432 +listening/);
    // Once the shell has redrawn at its new size (its output idle), no output and no key: the ticks come from the
    // pane's own refresh.
    await untilIdle(() => screenText(p), 'the shell redrawn at its new size', 300);
    const before = shells.state.tick;
    status = 'active';
    await until(() => shells.state.tick - before >= 2 && /pg +127\.0\.0\.1:15432 +active/.test(text()), 'two refreshes showing the new status', 5_000);
    // Hidden: no redraws. Nothing happening is what is tested, so this waits longer than one refresh period (1 s).
    shells.hide();
    const hidden = shells.state.tick;
    await new Promise((r) => setTimeout(r, 1_300));
    expect(shells.state.tick).toBe(hidden);
  });

  it('spends no frames on the output of a pane that is not on screen, and shows it afresh when it is', async () => {
    const {shells} = workspaces();
    shells.open([target(nodes[0] as FleetNode)]);
    const [a] = panes(shells);
    if (!a) throw new Error('no pane');
    await prompt(a);
    shells.handleInput('sleep 0.5; seq 1 30000; echo HIDDEN-$((1+1))\r');
    shells.handleInput('\x07c');
    const [b] = panes(shells);
    if (!b || b === a) throw new Error('a second workspace expected');
    await prompt(b);
    const before = shells.state.tick;
    await until(() => screenText(a).includes('HIDDEN-2'), 'the output of the hidden pane', 20_000);
    // The second workspace's own prompt may still cost a frame or two; 30,000 lines in the first none.
    expect(shells.state.tick - before).toBeLessThanOrEqual(3);
    shells.handleInput('\x07p');
    expect(shells.activeWorkspace()?.focus).toBe(a.id);
    const rows = (shells.paneFrame(a.id)?.rows ?? []).map((r) => r.replace(/\x1b\[[0-9;]*m/g, '').trim());
    expect(rows).toContain('HIDDEN-2');
  });

  it('flags a bell on an unfocused pane until it is focused', async () => {
    const {shells} = workspaces();
    shells.open([target(nodes[0] as FleetNode), target(nodes[1] as FleetNode)]);
    const [a, b] = panes(shells);
    if (!a || !b) throw new Error('two panes expected');
    await Promise.all([prompt(a), prompt(b)]);
    shells.handleInput('\x07o');
    shells.handleInput('sleep 0.3; printf "\\a"\r');
    shells.handleInput('\x07o');
    expect(shells.focusedPane()).toBe(a);
    await until(() => b.bell, 'the bell on the unfocused pane');
    expect(a.bell).toBe(false);
    shells.handleInput('\x07o');
    expect(b.bell).toBe(false);
  });
});
