// The Parameter Store views in the real App (Ink) over the local fleet through the real adapter: the tree opened and
// closed one level at a time, a secret revealed and hidden again (by the reveal timer and by leaving), a diff of two
// versions, and an edit refused because another client wrote between the read and the put.
import fs from 'node:fs';
import path from 'node:path';
import {PutParameterCommand} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {createAppStore, type AppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';
import {parameterApi} from '../../../src/aws/parameters/parameter-api.js';
import {plainText} from '../../../src/fleet/parameters/parameter.js';
import {usePrivateStateDir} from '../../helpers/state-dir.js';

const local = useFleetClients({nodes: 2, seed: 'parameter-views'});
const renderApp = useAppRenderer();

const state = usePrivateStateDir('fd-params-');

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
  const frame = (pred: (s: string) => boolean, what: string, timeoutMs = 10_000) => app.frame(pred, what, timeoutMs);
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
    const prod = await frame((s) => s.includes('▾ prod/') && !s.includes('prod/ …') && s.includes('log-level'), 'prod open');
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

  it('shows a level\'s parameters as soon as they are listed, and its folders when the slower listing arrives', async () => {
    const real = parameterApi(local.aws);
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const {frame, press, cursorTo} = setup({parameters: {...real, listLevel: async (p, signal, onDirect) => {
      const level = await real.listLevel(p, signal, onDirect);
      // The metadata and folders of /payments/prod are late.
      if (p === '/payments/prod') await held;
      return level;
    }}});
    await frame((s) => s.includes('▸ payments/'), 'the root level');
    await cursorTo('/payments');
    await press('right');
    await frame((s) => s.includes('▸ prod/'), 'payments open');
    await cursorTo('/payments/prod');
    await press('right');
    const early = await frame((s) => s.includes('▾ prod/ …') && s.includes('log-level'), 'the parameters first');
    expect(early).not.toContain('▸ db/');
    release();
    const late = await frame((s) => s.includes('▸ db/') && !s.includes('prod/ …'), 'the folders after');
    expect(late).toMatch(/log-level\s+String\s+Standard/);
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

describe('filters by label and tag', () => {
  it('loads labels and tags when the flat filter asks for them', async () => {
    const api = parameterApi(local.aws);
    const search = await api.listAll('/search');
    const labelled = (await Promise.all(search.map((p) => api.history(p.name, {decrypt: false}))))
      .filter((h) => h.some((v) => v.labels.includes('current'))).length;
    expect(labelled).toBeGreaterThan(0);
    const {frame, press} = setup();
    await frame((s) => s.includes('▸ checkout/'), 'the root level');
    await press('f');
    await frame((s) => s.includes('/catalog/dev/allowed-origins'), 'flat list');
    await press('/', ...'tag:app=search label:current', 'enter');
    await frame((s) => new RegExp(`Parameters ${labelled}/`).test(s), 'the labelled search parameters', 30_000);
  }, 60_000);
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

/** Opens the flat list filtered to one name and puts the cursor on it. */
async function openOne(app: ReturnType<typeof setup>, name: string): Promise<void> {
  await app.frame((s) => s.includes('▸ checkout/'), 'the root level');
  await app.press('f');
  await app.frame((s) => s.includes('/catalog/dev/allowed-origins'), 'flat list');
  await app.press('/', ...`name:${name}`, 'enter');
  await app.frame((s) => /Parameters 1\//.test(s), `${name} alone`);
}

describe('history and diff', () => {
  it('lists every version with who and labels, and diffs two marked versions', async () => {
    const api = parameterApi(local.aws);
    const all = await api.listAll('/');
    const many = all.find((p) => p.type === 'String' && p.version >= 3);
    if (!many) throw new Error('the seed has no String parameter with 3 versions');
    const versions = await api.history(many.name, {decrypt: false});
    const app = setup();
    await openOne(app, many.name);
    await app.press('H');
    const hist = await app.frame((s) => new RegExp(`History ${many.name.replace(/\//g, '\\/')} ${versions.length}/${versions.length}`).test(s), 'history');
    expect(hist).toMatch(/VERSION\S*\s+LABELS\s+MODIFIED\s+BY\s+VALUE/);
    const first = versions[0];
    const last = versions[versions.length - 1];
    if (!first || !last) throw new Error('no versions');
    // Newest first: mark the newest and the oldest, then d.
    await app.press(' ');
    await app.press('G', ' ', 'd');
    const diff = await app.frame((s) => s.includes(`--- version ${first.version}`) && s.includes(`+++ version ${last.version}`), 'the diff');
    const a = plainText(first.value) ?? '';
    const b = plainText(last.value) ?? '';
    if (a !== b) {
      expect(diff).toContain(`- ${a.split('\n')[0]}`);
      expect(diff).toContain(`+ ${b.split('\n')[0]}`);
    } else expect(diff).toContain('the values are the same');
  });

  it('compares a SecureString only after an explicit reveal', async () => {
    const name = '/payments/prod/db/password';
    const api = parameterApi(local.aws);
    await api.put({name, value: 'rotated-1', type: 'SecureString', overwrite: true});
    await api.put({name, value: 'rotated-2', type: 'SecureString', overwrite: true});
    const app = setup();
    await openOne(app, name);
    await app.press('H');
    await app.frame((s) => /History \/payments\/prod\/db\/password \d+\//.test(s) && s.includes('••••'), 'masked history');
    await app.press('d');
    await app.frame((s) => s.includes('compared only after you reveal them'), 'no secret diff before a reveal');
    await app.press('esc', 'r');
    await app.frame((s) => s.includes('rotated-2'), 'revealed history');
    await app.press('d');
    const diff = await app.frame((s) => s.includes('- rotated-1') && s.includes('+ rotated-2'), 'the secret diff');
    expect(diff).toContain('1 line added, 1 removed');
  });
});

describe('editing', () => {
  const auditLines = () => {
    try {
      return fs.readFileSync(path.join(state.dir, 'fleetdeck', 'audit.jsonl'), 'utf8').trim().split('\n').filter(Boolean);
    } catch {
      return [];
    }
  };

  it('writes the edited value after the diff and a y, audited with a digest and never the value', async () => {
    const name = '/search/dev/log-level';
    const api = parameterApi(local.aws);
    const before = await api.get(name, {decrypt: false});
    const app = setup({editText: async (text) => `${text === 'warn' ? 'error' : 'warn'}\n`});
    await openOne(app, name);
    await app.press('e');
    const diff = await app.frame((s) => s.includes('your change') && s.includes(`Write version ${before.version + 1} of ${name}?`), 'the diff to confirm');
    expect(diff).toMatch(/^\s*\+ (warn|error)/m);
    await app.press('y');
    await app.frame((s) => s.includes(`${name} is now version ${before.version + 1}`), 'written');
    const after = await api.get(name, {decrypt: false});
    expect(after.version).toBe(before.version + 1);
    const record = JSON.parse(auditLines().at(-1) ?? '{}') as Record<string, unknown>;
    expect(record).toMatchObject({action: 'PutParameter', name, version: before.version + 1, via: 'dashboard'});
    expect(record['valueDigest']).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(JSON.stringify(record)).not.toContain(`"${plainText(after.value)}"`);
  });

  it('writes nothing when another client changed the parameter between the read and the put, and shows their change', async () => {
    const name = '/catalog/staging/replicas';
    const api = parameterApi(local.aws);
    const read = await api.get(name, {decrypt: false});
    const audited = auditLines().length;
    const app = setup({
      editText: async () => {
        // Another operator writes while this one is in the editor.
        await local.aws.ssm.send(new PutParameterCommand({Name: name, Value: '77', Overwrite: true}));
        return '5\n';
      },
    });
    await openOne(app, name);
    await app.press('e');
    await app.frame((s) => s.includes(`Write version ${read.version + 1} of ${name}?`), 'the confirmation');
    await app.press('y');
    const f = await app.frame((s) => s.includes('NOT written'), 'the conflict');
    expect(f).toContain(`it changed since you read version ${read.version} (now version ${read.version + 1}`);
    expect(f).toContain(`--- version ${read.version} (what you read)`);
    expect(f).toContain('+ 77');
    const now = await api.get(name, {decrypt: false});
    expect(now.version).toBe(read.version + 1);
    expect(plainText(now.value)).toBe('77');
    expect(auditLines().length).toBe(audited);
  });

  it('refuses every change in read-only mode and says why', async () => {
    let edited = false;
    const app = setup({editText: async (t) => {
      edited = true;
      return t;
    }}, true);
    await openOne(app, '/search/dev/log-level');
    for (const key of ['e', 'E', 'a', 'D', 'P']) {
      await app.press(key);
      await app.frame((s) => s.includes('read-only mode: Parameter Store writes are off'), `${key} refused`);
    }
    expect(edited).toBe(false);
  });
});
