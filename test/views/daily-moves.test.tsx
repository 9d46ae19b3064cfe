// The daily-use moves in the real App (Ink) over the local fleet: esc walks back through the views opened with `:`
// and by drilling down (the header shows the way), yank copies from any table through OSC 52, and the output pane
// searches, jumps and saves the whole output as SSM returned it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {GetCommandInvocationCommand, SendCommandCommand} from '@aws-sdk/client-ssm';
import {createAppStore, currentScreen, type AppStore} from '../../src/store/store.js';
import type {Services} from '../../src/views/view.js';
import {FleetLoader} from '../../src/aws/instances/fleet-loader.js';
import {complianceApi} from '../../src/aws/compliance/compliance-api.js';
import {runCommandApi} from '../../src/aws/run-command/run-command-api.js';
import {osc52} from '../../src/tui/clipboard.js';
import {saveText} from '../../src/config/saved-files.js';
import {savedOutputText} from '../../src/views/run-command/output.js';
import {useFleetClients} from '../helpers/local-fleet.js';
import {useAppRenderer} from '../helpers/app.js';

const local = useFleetClients({nodes: 40, seed: 12});
const renderApp = useAppRenderer();

/** What the terminal received through the clipboard escape, decoded. */
const clipboard = (written: readonly string[]) =>
  written.map((w) => {
    const m = /^\x1b\]52;c;([A-Za-z0-9+/=]*)\x07$/.exec(w);
    if (!m?.[1] && m?.[1] !== '') throw new Error(`not an OSC 52 write: ${JSON.stringify(w)}`);
    return Buffer.from(m[1], 'base64').toString('utf8');
  });

let stateHome: string;
let savedEnv: string | undefined;
beforeEach(() => {
  savedEnv = process.env.XDG_STATE_HOME;
  stateHome = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetdeck-moves-'));
  process.env.XDG_STATE_HOME = stateHome;
});
afterEach(() => {
  if (savedEnv === undefined) delete process.env.XDG_STATE_HOME;
  else process.env.XDG_STATE_HOME = savedEnv;
  fs.rmSync(stateHome, {recursive: true, force: true});
});

async function setup(cols = 160) {
  const store: AppStore = createAppStore({size: {cols, rows: 40}});
  const loader = new FleetLoader(local.aws);
  const written: string[] = [];
  const services: Services = {
    loadFleet: (o) => loader.load(o),
    compliance: complianceApi(local.aws),
    runCommand: runCommandApi(local.aws),
    copy: (text) => void written.push(osc52(text)),
    saveText,
  };
  const app = renderApp({store, services, target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET'}});
  const frame = (pred: (s: string) => boolean, what: string) => app.frame(pred, what, 10_000);
  await frame((s) => /Managed instances [1-9]\d*\//.test(s), 'instances loaded');
  return {store, press: app.press, frame, written};
}

const views = (store: AppStore) => store.getState().stack.map((s) => s.view);

describe('back with esc (Ink, local fleet)', () => {
  it('walks back through views opened with : and drill-downs, innermost first, with a breadcrumb in the header', async () => {
    const {store, press, frame} = await setup();
    await press(':', ...'commands', 'enter');
    await frame((s) => s.includes('managed instances › command history'), 'the breadcrumb after :commands');
    await press(':', ...'compliance', 'enter');
    await frame((s) => /Compliance \d+\/[1-9]/.test(s), 'the compliance summary');
    await press('enter');
    await frame((s) => s.includes('managed instances › command history › compliance › non-compliant'), 'the drill-down crumb');
    expect(views(store)).toEqual(['instances', 'commands', 'compliance', 'compliance-instances']);

    // A filter is the innermost thing: esc clears it first, then goes back.
    await press('/', ...'zzz-nothing', 'enter');
    await frame((s) => s.includes('/zzz-nothing'), 'the filter applied');
    await press('esc');
    await frame((s) => !s.includes('/zzz-nothing'), 'the filter cleared');
    expect(views(store)).toEqual(['instances', 'commands', 'compliance', 'compliance-instances']);

    await press('esc');
    await frame((s) => /Compliance \d+\/[1-9]/.test(s) && !s.includes('› non-compliant'), 'back to the summary');
    await press('esc');
    await frame((s) => s.includes('Command history'), 'back to the history');
    // The same view again is not a new step.
    await press(':', ...'commands', 'enter');
    expect(views(store)).toEqual(['instances', 'commands']);
    await press('esc');
    await frame((s) => /Managed instances \d+\//.test(s) && !s.includes('›'), 'back to the instances');
    expect(views(store)).toEqual(['instances']);
  }, 30_000);
});

describe('back to a screen of the same view for another argument', () => {
  it('starts its table over instead of showing the rows of the screen left', async () => {
    const store: AppStore = createAppStore({size: {cols: 160, rows: 40}});
    const loader = new FleetLoader(local.aws);
    const real = complianceApi(local.aws);
    // Once set, the non-compliant lists wait until released: what is on screen meanwhile is what the table held.
    const hold: {gate?: Promise<void>} = {};
    let release = () => {};
    const compliance: typeof real = {...real, resources: async (...a) => {
      await hold.gate;
      return real.resources(...a);
    }};
    const services: Services = {loadFleet: (o) => loader.load(o), compliance};
    const app = renderApp({store, services, target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET'}});
    const frame = (pred: (s: string) => boolean, what: string) => app.frame(pred, what, 10_000);
    await frame((s) => /Managed instances [1-9]\d*\//.test(s), 'instances loaded');
    const rows = () => store.getState().tables['compliance-instances']?.rows.length ?? 0;
    await app.press(':', ...'compliance', 'enter');
    await frame((s) => /Compliance [2-9]\d*\/[2-9]/.test(s), 'two compliance types or more');
    await app.press('enter');
    await frame(() => rows() > 0, 'the first type\'s instances');
    const first = currentScreen(store.getState()).arg;
    await app.press(':', ...'compliance', 'enter');
    await frame((s) => /Compliance \d+\//.test(s) && currentScreen(store.getState()).view === 'compliance', 'the summary again');
    await app.press('j', 'enter');
    await frame(() => rows() > 0 && currentScreen(store.getState()).arg !== first, 'the second type\'s instances');
    hold.gate = new Promise((r) => {
      release = r;
    });
    await app.press('esc', 'esc');
    expect(currentScreen(store.getState())).toEqual({view: 'compliance-instances', arg: first});
    await frame((s) => /Non-compliant \S+ 0\/0/.test(s), 'the first type loading again, its table empty');
    expect(rows()).toBe(0);
    release();
    await frame(() => rows() > 0, 'the first type\'s instances again');
  }, 30_000);
});

describe('yank (Ink, local fleet)', () => {
  it('copies the id, the name or the whole row as shown through OSC 52, the marked rows one a line', async () => {
    const {store, press, frame, written} = await setup();
    const st = () => store.getState().tables.instances;
    const rowAt = (i: number) => st()?.visible[i] as {instanceId: string; name: string} | undefined;
    const first = rowAt(0);
    expect(first).toBeDefined();
    await press('y');
    await frame((s) => s.includes(`copied id ${first?.instanceId}`), 'the flash');
    expect(clipboard(written)).toEqual([first?.instanceId]);

    await press('n');
    await frame((s) => s.includes('copied name'), 'the name flash');
    expect(clipboard(written)[1]).toBe(first?.name);

    await press('Y');
    await frame((s) => s.includes(`copied row of ${first?.instanceId}`), 'the row flash');
    const row = clipboard(written)[2] ?? '';
    const cells = row.split('\t');
    expect(cells[0]).toBe(first?.instanceId);
    expect(cells).toContain(first?.name);
    // The row as shown: the columns on screen, each cell whole (the screen may cut a long one), sanitized.
    const screen = await frame(() => true, 'the screen');
    const line = screen.split('\n').find((l) => l.trimStart().startsWith(first?.instanceId ?? '?')) ?? '';
    expect(cells.length).toBeGreaterThan(4);
    for (const c of cells) expect(line).toContain(c.slice(0, 6));

    await press(' ', ' ');
    await frame((s) => s.includes('2 marked'), 'two marked');
    await press('y');
    await frame((s) => s.includes('copied 2 ids'), 'two ids copied');
    expect(clipboard(written)[3]?.split('\n')).toEqual([rowAt(0)?.instanceId, rowAt(1)?.instanceId]);

    // Any table: the compliance summary copies its compliance type.
    await press(':', ...'compliance', 'enter');
    await frame((s) => /Compliance \d+\/[1-9]/.test(s), 'the compliance summary');
    expect(currentScreen(store.getState()).view).toBe('compliance');
    const summary = store.getState().tables.compliance;
    const type = summary?.visible[summary.cursor] as {type: string} | undefined;
    await press('y');
    await frame((s) => s.includes(`copied id ${type?.type}`), 'the compliance type copied');
    expect(clipboard(written)[4]).toBe(type?.type);
    await press('n');
    await frame((s) => s.includes('has no NAME column'), 'no name to copy here');
    expect(written).toHaveLength(5);
  }, 30_000);
});

describe('the output pane (Ink, local fleet)', () => {
  it('searches with / n N, jumps with g G, and ctrl+s saves the whole output as GetCommandInvocation returns it', async () => {
    const {store, press, frame} = await setup();
    const node = store.getState().instances.find((i) => i.pingStatus === 'Online' && i.platformType === 'Linux');
    const script = 'for i in $(seq 1 80); do echo "line $i"; done; printf \'bell\\007 \\033[31mred\\033[0m\\n\'; echo "warned" >&2';
    const sent = await local.aws.ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript',
      InstanceIds: [node?.instanceId ?? ''], Parameters: {commands: [script]}}));
    const commandId = sent.Command?.CommandId ?? '';
    await press(':', ...'commands', 'enter');
    await frame((s) => s.includes(commandId.slice(0, 30)), 'the command in the history');
    await press('enter');
    await frame((s) => /Success/.test(s) && s.includes(node?.instanceId ?? '?'), 'the invocation succeeded');
    await press('enter');
    await frame((s) => s.includes('line 1') && s.includes('exit code 0'), 'the output pane');
    expect(store.getState().stack.at(-1)?.view).toBe('invocation-output');

    await press('/', ...'line 7', 'enter');
    // line 7, line 70..79: eleven matches, the first in view at the top.
    await frame((s) => s.includes('/line 7 1/11'), 'the first match');
    await press('n');
    await frame((s) => s.includes('/line 7 2/11') && s.includes('line 70'), 'the next match');
    await press('N', 'N');
    await frame((s) => s.includes('/line 7 11/11') && s.includes('line 79'), 'wrapped back to the last match');
    await press('G');
    await frame((s) => s.includes('warned') && !s.includes('exit code 0'), 'the bottom');
    // j at the end stays at the end: one k then shows the line above the last page.
    const bottom = currentScreen(store.getState()).scroll;
    await press('j', 'j', 'j');
    expect(currentScreen(store.getState()).scroll).toBe(bottom);
    await press('k');
    expect(currentScreen(store.getState()).scroll).toBe((bottom ?? 0) - 1);
    await press('g');
    await frame((s) => s.includes('exit code 0'), 'the top');

    await press('ctrl+s');
    const shown = await frame((s) => s.includes('saved to '), 'the saved flash');
    const file = path.join(stateHome, 'fleetdeck', 'saved', `${commandId}-${node?.instanceId}.txt`);
    expect(shown.replace(/\s+/g, '')).toContain(`savedto${file}`.replace(/\s+/g, '').slice(0, 60));
    const got = await local.aws.ssm.send(new GetCommandInvocationCommand({CommandId: commandId, InstanceId: node?.instanceId}));
    const saved = fs.readFileSync(file, 'utf8');
    expect(saved).toBe(savedOutputText({stdout: got.StandardOutputContent ?? '', stderr: got.StandardErrorContent ?? ''}));
    // As SSM returned it: the control characters the screen shows disarmed are in the file as they came.
    expect(saved).toContain('bell\x07 \x1b[31mred');
    expect(saved).toContain('line 80\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    // A link planted where the file goes is refused, never followed.
    const elsewhere = path.join(stateHome, 'elsewhere.txt');
    fs.writeFileSync(elsewhere, 'untouched');
    fs.rmSync(file);
    fs.symlinkSync(elsewhere, file);
    await press('ctrl+s');
    await frame((s) => s.includes('could not save') && s.includes('symbolic link'), 'the refusal');
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe('untouched');

    // The grouped outputs save what they show, every instance listed.
    await press('esc', '=');
    await frame((s) => s.includes('Grouped output'), 'the grouped outputs');
    await press('ctrl+s');
    await frame((s) => s.includes('saved to '), 'the grouped outputs saved');
    const grouped = fs.readFileSync(path.join(stateHome, 'fleetdeck', 'saved', `${commandId}-grouped.txt`), 'utf8');
    expect(grouped).toContain(node?.instanceId);
    expect(grouped).toContain('line 80');
    expect(grouped).not.toContain('\x1b');
  }, 30_000);

  it('searches the instance detail pane and saves it whole', async () => {
    const {store, press, frame} = await setup();
    const id = (store.getState().tables.instances?.visible[0] as {instanceId: string} | undefined)?.instanceId ?? '?';
    await press('enter');
    await frame((s) => s.includes('Ping status'), 'the detail pane');
    await press('/', ...'ip address', 'enter');
    await frame((s) => s.includes('/ip address 1/1'), 'the one match');
    await press('n');
    await frame((s) => s.includes('/ip address 1/1'), 'n wraps to the same match');
    await press('/', ...'no-such-field', 'enter');
    await frame((s) => s.includes('no match for no-such-field'), 'no match said');
    await press('ctrl+s');
    await frame((s) => s.includes('saved to '), 'saved');
    const saved = fs.readFileSync(path.join(stateHome, 'fleetdeck', 'saved', `${id}.txt`), 'utf8');
    expect(saved).toContain(`Instance ID              ${id}`);
    expect(saved).toMatch(/^Tags$/m);
    await press('esc');
    await frame((s) => /Managed instances \d+\//.test(s), 'back to the table');
  }, 30_000);
});
