// The shell workspace drawn by the App (Ink): layout, titles, broadcast, bell, zoom, the prefix footer, the
// workspace list, an ended pane, and the way back to the dashboard. The remote side is a scripted line-echo shell
// (sessions themselves are tested against the local fleet in test/workspace and test/e2e/shells).
import {afterEach, describe, expect, it, vi} from 'vitest';
import {contentHeight} from '../../src/app.js';
import {createAppStore, type AppStore} from '../../src/store/store.js';
import {shellsPort} from '../../src/store/shells-slice.js';
import {defaultKeymap} from '../../src/keys/keymap.js';
import type {Services} from '../../src/views/view.js';
import {ShellWorkspaces} from '../../src/workspace/workspaces.js';
import type {ShellEnd, ShellLauncher, ShellSize} from '../../src/workspace/shell.js';
import {makeFleet} from '../helpers/instances.js';
import type {ForwardRow} from '../../src/fleet/forwards/forwards.js';
import {stripAnsi, tick} from '../helpers/ink.js';
import {useAppRenderer} from '../helpers/app.js';

const renderApp = useAppRenderer();
let disposeShells: (() => void) | undefined;
afterEach(() => disposeShells?.());

interface FakeShell {
  target: string;
  sizes: ShellSize[];
  input: string;
  output(text: string): void;
  end(e: ShellEnd): void;
}

/** A line-echo shell: a green prompt, typed text echoed, a new prompt on enter. */
function echoLauncher(shells: FakeShell[]): ShellLauncher {
  return async (o) => {
    const sh: FakeShell = {
      target: o.target, sizes: [o.size], input: '',
      output: (t) => o.onOutput(Buffer.from(t)),
      end: (e) => o.onEnd(e),
    };
    shells.push(sh);
    const prompt = `\x1b[32m${o.target}$\x1b[0m `;
    setImmediate(() => sh.output(prompt));
    return {
      sessionId: `sess-${shells.length}`,
      write: (d) => {
        const text = Buffer.from(d).toString('utf8');
        sh.input += text;
        sh.output(text.replace(/\r/g, `\r\n${prompt}`));
      },
      resize: (s) => sh.sizes.push(s),
      terminate: async () => undefined,
      pause: () => undefined,
      resume: () => undefined,
    };
  };
}

function setup(forwards?: () => readonly ForwardRow[]) {
  const store: AppStore = createAppStore({size: {cols: 100, rows: 24}});
  const fake: FakeShell[] = [];
  const shells = new ShellWorkspaces({
    state: shellsPort(store),
    launcher: echoLauncher(fake), keymap: defaultKeymap(), prefixKey: 'ctrl+g', identity: 'test', audit: () => undefined,
    area: () => ({cols: store.getState().size.cols, rows: contentHeight(store.getState().size.rows)}),
    ...(forwards ? {forwards} : {}),
  });
  const services: Services = {loadFleet: async () => makeFleet(6), shells};
  const {ui, press, frame} = renderApp({store, services});
  disposeShells = () => shells.dispose();
  /** Typed while the shells are shown: the dashboard's stdin router hands it to handleInput. */
  const type = async (text: string) => {
    shells.handleInput(text);
    await tick();
  };
  return {store, ui, press, type, frame, shells, fake};
}

async function openTwo(t: ReturnType<typeof setup>) {
  await t.frame((f) => f.includes('node-000'), 'rows');
  await t.press(' ', ' ', 's');
  return t.frame((f) => (f.match(/i-\d+\$/g) ?? []).length >= 2, 'two prompts');
}

describe('shell panes in the dashboard', () => {
  it('opens one pane per marked instance, side by side, each shell started at its pane\'s size', async () => {
    const t = setup();
    const f = await openTwo(t);
    const lines = f.split('\n');
    expect(lines[0]).toContain('2 shells');
    expect(lines[2]).toContain('1:2 shells');
    // Titles on row 3; a separator at column 50 from there down to the footer.
    expect(lines[3]).toMatch(/^▶ node-000 /);
    expect(lines[3]?.charAt(50)).toBe('│');
    expect(lines[4]?.charAt(50)).toBe('│');
    expect(lines.at(-1)).toContain('<ctrl+g> pane commands');
    // 100 columns: 50 | 49; content 24 - 1 - 4 = 19 rows, minus the title row.
    expect(t.fake.map((s) => s.sizes[0])).toEqual([{cols: 50, rows: 18}, {cols: 49, rows: 18}]);
    // The remote program's colours reach the frame; its text is drawn in its own pane.
    expect(t.ui.lastFrame()).toMatch(/\x1b\[(0;)?32m/);
  });

  it('orders panes by instance name (unnamed last) and titles each with its name and id', async () => {
    const t = setup();
    await t.frame((f) => f.includes('node-000'), 'rows');
    t.shells.open([{instanceId: 'i-0000000000000000c', name: ''}, {instanceId: 'i-0000000000000000b', name: 'web-zeta'},
      {instanceId: 'i-0000000000000000a', name: 'api-alpha'}]);
    const f = await t.frame((s) => (s.match(/i-0+[abc]\$/g) ?? []).length >= 3, 'three prompts');
    // Reading order: top to bottom, then left to right (a title's row and column).
    const lines = f.split('\n');
    const at = (text: string) => {
      const row = lines.findIndex((l) => l.includes(text));
      return row < 0 ? -1 : row * 1000 + (lines[row]?.indexOf(text) ?? 0);
    };
    expect(at('api-alpha i-0000000000000000a')).toBeGreaterThanOrEqual(0);
    expect(at('web-zeta i-0000000000000000b')).toBeGreaterThan(at('api-alpha'));
    expect(at('▶ ')).toBe(at('api-alpha') - 2);
    expect(at(' i-0000000000000000c')).toBeGreaterThan(at('web-zeta'));
  });

  it('types into the focused pane only, and into every pane while broadcasting (shown on every title)', async () => {
    const t = setup();
    await openTwo(t);
    await t.type('hello');
    let f = await t.frame((s) => s.includes('hello'), 'the echo');
    expect(f.split('\n').filter((l) => l.includes('hello')).every((l) => l.indexOf('hello') < 50)).toBe(true);
    expect(t.fake[1]?.input).toBe('');
    await t.type('\x07b');
    f = await t.frame((s) => (s.split('\n')[3]?.match(/◉ BROADCAST/g) ?? []).length === 2, 'broadcast on both titles');
    expect(f.split('\n').at(-1)).toContain('BROADCAST to 2 panes');
    await t.type('all');
    expect(t.fake.map((s) => s.input)).toEqual(['helloall', 'all']);
  });

  it('redraws only the panes on pane output: the dashboard around them (title, footer) is not rendered again', async () => {
    const t = setup();
    await openTwo(t);
    // The footer asks for the focused pane on every render of the App; the panes themselves never do (normal mode).
    const footerReads = vi.spyOn(t.shells, 'focusedPane');
    for (const word of ['one', 'two', 'three']) {
      t.fake[1]?.output(`${word}\r\n`);
      await t.frame((f) => f.includes(word), `${word} drawn in its pane`);
    }
    expect(footerReads).not.toHaveBeenCalled();
    // What the footer shows does change it: broadcast on.
    await t.type('\x07b');
    await t.frame((f) => (f.split('\n').at(-1) ?? '').includes('BROADCAST to 2 panes'), 'broadcast in the footer');
    expect(footerReads).toHaveBeenCalled();
  });

  it('shows a bell on the unfocused pane, zooms, lists workspaces, and shows the pane commands after the prefix', async () => {
    const t = setup();
    await openTwo(t);
    t.fake[1]?.output('\x07');
    let f = await t.frame((s) => s.includes('🔔'), 'the bell');
    expect(f.split('\n')[3]?.indexOf('🔔')).toBeGreaterThan(50);
    await t.type('\x07');
    f = await t.frame((s) => (s.split('\n').at(-1) ?? '').includes('zoom'), 'pane command hints');
    expect(f.split('\n').at(-1)).toMatch(/<o> next.*<"> split.*<z> zoom.*<x> close/);
    await t.type('z');
    f = await t.frame((s) => s.includes('(zoom)'), 'zoomed');
    expect(f.split('\n')[3]?.includes('│')).toBe(false);
    expect(t.fake[0]?.sizes.at(-1)).toEqual({cols: 100, rows: 18});
    await t.type('\x07c');
    await t.frame((s) => s.includes('2:node-000'), 'a second workspace');
    await t.type('\x07w');
    f = await t.frame((s) => s.includes('Workspaces'), 'the workspace list');
    expect(f).toMatch(/1 {2}2 shells {2}\(2 panes\)/);
    expect(f).toMatch(/2 {2}node-000 {2}\(1 pane\) {2}← current/);
    await t.type('1');
    await t.frame((s) => s.includes('1:2 shells') && !s.includes('Workspaces'), 'back on the first workspace');
  });

  it('says why a session ended and offers to reconnect; the prefix then d goes back to the dashboard and W returns', async () => {
    const t = setup();
    await openTwo(t);
    t.fake[0]?.end({reason: 'disconnected', detail: 'socket closed \x1b[2J'});
    await t.frame((s) => s.includes('ended: conn'), 'the ended title');
    // The reason is also written into the pane, sanitized (no escape reaches the screen).
    const f = await t.frame((s) => s.includes('connection lost: socket closed ␛[2J'), 'the reason in the pane');
    expect(f.split('\n').at(-1)).toContain('r reconnect');
    await t.type('r');
    await t.frame((s) => !s.includes('ended:'), 'reconnected');
    expect(t.fake).toHaveLength(3);
    await t.type('\x07d');
    await t.frame((s) => s.includes('Managed instances'), 'the dashboard');
    expect(stripAnsi(t.ui.lastFrame() ?? '').split('\n')[0]).toContain('2 shells');
    await t.press('W');
    await t.frame((s) => s.includes('1:2 shells'), 'the shells again');
  });

  it('shows the port forwards as a live pane beside the shell (prefix f), which takes no keys and closes with x', async () => {
    const rows: ForwardRow[] = [{id: 'fw1', name: 'pg-main', instanceId: 'i-0000000000000001', local: '127.0.0.1:15432',
      remote: 'localhost:5432', status: 'listening', connections: 0, bytesIn: 0, bytesOut: 0, startedAt: 1, upMs: 5_000,
      localPort: 15432}];
    const t = setup(() => rows);
    await t.frame((f) => f.includes('node-000'), 'rows');
    await t.press('s');
    await t.frame((f) => /i-\d+\$/.test(f), 'the prompt');
    await t.type('\x07f');
    let f = await t.frame((s) => s.includes('Port forwards') && s.includes('pg-main'), 'the forwards pane');
    let lines = f.split('\n');
    // Beside the shell (100 columns: 50 | 49), the shell keeping focus.
    expect(lines[3]).toMatch(/^▶ node-000 /);
    expect(lines[3]?.slice(51)).toMatch(/^ {2}Port forwards/);
    const row = lines.find((l) => l.includes('pg-main')) ?? '';
    expect(row.indexOf('pg-main')).toBeGreaterThan(50);
    expect(row).toMatch(/127\.0\.0\.1:15432 +listening/);
    // One per workspace.
    await t.type('\x07f');
    await t.frame((s) => s.includes('the port forwards are already shown'), 'the message');
    expect(t.ui.lastFrame()?.match(/Port forwards/g)).toHaveLength(1);
    // Live: the pane follows the forwards without a key pressed.
    rows[0] = {...rows[0] as ForwardRow, status: 'active'};
    rows.push({...rows[0] as ForwardRow, id: 'fw2', name: 'redis', local: '127.0.0.1:16379', status: 'failed', startedAt: 2});
    f = await t.frame((s) => /pg-main.*active/.test(s) && /redis.*failed/.test(s), 'the updated forwards');
    // Typing with the forwards pane focused reaches no shell; x closes the pane and leaves the shell.
    await t.type('\x07o');
    await t.frame((s) => s.includes('▶ Port forwards'), 'the forwards pane focused');
    await t.type('ls');
    expect(t.fake[0]?.input).toBe('');
    await t.type('\x07x');
    f = await t.frame((s) => !s.includes('Port forwards'), 'the forwards pane closed');
    lines = f.split('\n');
    expect(lines[3]).toMatch(/^▶ node-000 /);
    await t.type('ok');
    expect(t.fake[0]?.input).toBe('ok');
  });

  it('says so when port forwards are not available for a pane', async () => {
    const t = setup();
    await t.frame((f) => f.includes('node-000'), 'rows');
    await t.press('s');
    await t.frame((f) => /i-\d+\$/.test(f), 'the prompt');
    await t.type('\x07f');
    await t.frame((s) => s.includes('port forwards are not available here'), 'the message');
    expect(t.ui.lastFrame()).not.toContain('Port forwards');
  });
});
