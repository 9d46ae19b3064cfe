// The Parameter Store views in the real App (Ink) over the local fleet through the real adapter: the tree opened and
// closed one level at a time, a secret revealed and hidden again (by the reveal timer and by leaving), a diff of two
// versions, and an edit refused because another client wrote between the read and the put.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PutParameterCommand} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAppStore, type AppStore} from '../../src/store/store.js';
import type {Services} from '../../src/views/view.js';
import {useFleetClients} from '../helpers/local-fleet.js';
import {useAppRenderer} from '../helpers/app.js';
import {parameterApi} from '../../src/aws/parameters/parameter-api.js';
import {plainText} from '../../src/fleet/parameters/parameter.js';

const local = useFleetClients({nodes: 2, seed: 'parameter-views'});
const renderApp = useAppRenderer();

let stateDir = '';
let savedState: string | undefined;
beforeAll(() => {
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-params-'));
  savedState = process.env['XDG_STATE_HOME'];
  process.env['XDG_STATE_HOME'] = stateDir;
});
afterAll(() => {
  if (savedState === undefined) delete process.env['XDG_STATE_HOME'];
  else process.env['XDG_STATE_HOME'] = savedState;
});

interface Timer {fn: () => void; ms: number; cancelled: boolean}

function setup(extra: Partial<Services> = {}, readOnly = false) {
  const store: AppStore = createAppStore({size: {cols: 140, rows: 40}, view: 'parameters'});
  const timers: Timer[] = [];
  const copied: string[] = [];
  const services: Services = {
    loadFleet: async () => [],
    parameters: parameterApi(local.aws),
    revealSeconds: 30,
    identity: 'local',
    copy: (t) => copied.push(t),
    parameterTimer: (fn, ms) => {
      const t = {fn, ms, cancelled: false};
      timers.push(t);
      return () => {
        t.cancelled = true;
      };
    },
    ...extra,
  };
  const app = renderApp({store, services, readOnly});
  const frame = (pred: (s: string) => boolean, what: string) => app.frame(pred, what, 10_000);
  /** Moves the cursor to the row whose name cell is `label` (as the tree shows it). */
  const cursorTo = async (id: string) => {
    const st = () => store.getState().tables['parameters'];
    const at = (st()?.visible as {path: string}[] | undefined)?.findIndex((r) => r.path === id) ?? -1;
    if (at < 0) throw new Error(`no row ${id}`);
    const from = st()?.cursor ?? 0;
    const moves = at - from;
    for (let i = 0; i < Math.abs(moves); i++) await app.press(moves > 0 ? 'down' : 'up');
  };
  return {store, services, timers, copied, ...app, frame, cursorTo};
}

describe('the parameter tree', () => {
  it('opens and closes folders one level at a time, parameters with their metadata columns', async () => {
    const {frame, press, cursorTo} = setup();
    const root = await frame((s) => /Parameters \d+\/\d+/.test(s) && s.includes('▸ checkout/'), 'the root level');
    expect(root).toMatch(/NAME\s+TYPE\s+TIER\s+VER\s+LAST MODIFIED\s+MODIFIED BY\s+DATA TYPE\s+POLICIES/);
    expect(root).not.toContain('prod/');
    local.fleet.resetRequestCounts();
    await cursorTo('/checkout');
    await press('right');
    await frame((s) => s.includes('▾ checkout/') && s.includes('▸ prod/'), 'checkout open');
    await cursorTo('/checkout/prod');
    await press('enter');
    const prod = await frame((s) => s.includes('▾ prod/') && s.includes('log-level'), 'prod open');
    // A parameter row: type, tier, version, age and who (the last part of the user ARN).
    expect(prod).toMatch(/log-level\s+String\s+Standard\s+\d+\s+\S+\s+(alice|bob|codebuild|carol@example\.com)\s+text/);
    expect(prod).toMatch(/▸ db\//);
    // Only the two levels opened were listed.
    expect(local.fleet.requestCounts()['ssm:GetParametersByPath']).toBe(2);
    await press('left');
    await frame((s) => s.includes('▸ prod/') && !s.includes('log-level'), 'prod closed');
    // ← on a parameter closes its folder and puts the cursor on it.
    await press('right');
    await frame((s) => s.includes('log-level'), 'prod open again');
    await cursorTo('/checkout/prod/log-level');
    await press('left');
    await frame((s) => s.includes('▸ prod/') && !s.includes('log-level'), 'closed from a parameter');
  });

  it('flat mode filters every parameter by path prefix and type', async () => {
    const {frame, press} = setup();
    await frame((s) => s.includes('▸ checkout/'), 'the root level');
    await press('f');
    await frame((s) => s.includes('/catalog/dev/allowed-origins'), 'flat list');
    await press('/', ...'path:/payments/prod type:securestring', 'enter');
    const f = await frame((s) => /Parameters 3\/\d+/.test(s), 'filtered');
    expect(f).toContain('/payments/prod/db/password');
    expect(f).not.toContain('/payments/dev/');
  });
});

describe('a secret in the detail pane', () => {
  it('is masked until r, hides again when the reveal timer fires and when the user leaves', async () => {
    const {frame, press, timers} = setup();
    await frame((s) => s.includes('▸ checkout/'), 'the root level');
    const name = '/checkout/prod/db/password';
    const secret = plainText((await parameterApi(local.aws).get(name, {decrypt: true})).value) ?? '';
    expect(secret.length).toBeGreaterThan(10);
    await press('f');
    await press('/', ...name, 'enter');
    await frame((s) => /Parameters 1\//.test(s), 'one row');
    await press('enter');
    const masked = await frame((s) => s.includes('Value (SecureString: hidden') && s.includes('KMS key id'), 'detail');
    expect(masked).toContain('••••••••');
    expect(masked).not.toContain(secret);
    await press('r');
    await frame((s) => s.includes(secret), 'revealed');
    expect(timers.at(-1)?.ms).toBe(30_000);
    timers.at(-1)?.fn();
    const hidden = await frame((s) => s.includes('hidden again') && !s.includes(secret), 'hidden by the timer');
    expect(hidden).toContain('••••••••');
    await press('r');
    await frame((s) => s.includes(secret), 'revealed again');
    await press('esc');
    await frame((s) => /Parameters 1\//.test(s), 'back on the table');
    await press('enter');
    const again = await frame((s) => s.includes('Value (SecureString: hidden'), 'detail again');
    expect(again).not.toContain(secret);
  });
});
