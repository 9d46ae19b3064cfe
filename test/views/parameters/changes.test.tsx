// Parameter Store changes in the real App (Ink) over the local fleet: staged edits applied together with one
// confirmation (each result reported, a stale one refused), labels, a typed delete, two paths compared, and a secret
// copied only after the user says yes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PutParameterCommand} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';
import {parameterApi} from '../../../src/aws/parameters/parameter-api.js';
import {plainText} from '../../../src/fleet/parameters/parameter.js';

const local = useFleetClients({nodes: 2, seed: 'parameter-changes'});
const renderApp = useAppRenderer();

let savedState: string | undefined;
beforeAll(() => {
  savedState = process.env['XDG_STATE_HOME'];
  process.env['XDG_STATE_HOME'] = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-param-changes-'));
});
afterAll(() => {
  if (savedState === undefined) delete process.env['XDG_STATE_HOME'];
  else process.env['XDG_STATE_HOME'] = savedState;
});

function setup(extra: Partial<Services> = {}) {
  const store = createAppStore({size: {cols: 150, rows: 40}, view: 'parameters'});
  const copied: string[] = [];
  const services: Services = {loadFleet: async () => [], parameters: parameterApi(local.aws), identity: 'local',
    copy: (t) => copied.push(t), parameterTimer: () => () => {}, ...extra};
  const app = renderApp({store, services});
  const frame = (pred: (s: string) => boolean, what: string) => app.frame(pred, what, 10_000);
  const only = async (filter: string, count = 1) => {
    await frame((s) => s.includes('▸ checkout/'), 'the root level');
    await app.press('f');
    await frame((s) => s.includes('/catalog/dev/allowed-origins'), 'flat list');
    await app.press('/', ...filter, 'enter');
    await frame((s) => new RegExp(`Parameters ${count}/`).test(s), `${filter}: ${count} rows`);
  };
  return {store, copied, ...app, frame, only};
}

const api = () => parameterApi(local.aws);

describe('staged changes', () => {
  it('applies every staged edit with one confirmation and reports each, refusing the one changed meanwhile', async () => {
    const a = '/notifications/dev/cache/ttl-seconds';
    const b = '/notifications/dev/db/name';
    const va = await api().get(a, {decrypt: false});
    const vb = await api().get(b, {decrypt: false});
    const app = setup({editText: async (text) => `${text}-next\n`.replace(/^(\d+)-next/, '999')});
    const plain = (await api().listAll('/notifications/dev')).filter((p) => p.type !== 'SecureString').length;
    await app.only('path:/notifications/dev/ !type:securestring', plain);
    const st = () => app.store.getState().tables['parameters'];
    const cursorTo = async (name: string) => {
      const at = (st()?.visible as {path: string}[]).findIndex((r) => r.path === name);
      const from = st()?.cursor ?? 0;
      for (let i = 0; i < Math.abs(at - from); i++) await app.press(at > from ? 'down' : 'up');
    };
    await cursorTo(a);
    await app.press('E');
    await app.frame((s) => s.includes('1 staged'), 'one staged');
    await cursorTo(b);
    await app.press('E');
    await app.frame((s) => s.includes('2 staged'), 'two staged');
    expect(await api().get(a, {decrypt: false})).toMatchObject({version: va.version});
    // Someone else changes b before the apply.
    await local.aws.ssm.send(new PutParameterCommand({Name: b, Value: 'theirs', Overwrite: true}));
    await app.press('P');
    const review = await app.frame((s) => s.includes('2 staged changes') && s.includes(`${a}  version ${va.version} → ${va.version + 1}`), 'the review');
    expect(review).toContain('+ 999');
    await app.press('enter');
    await app.frame((s) => s.includes('Apply 2 staged changes'), 'one question');
    await app.press('y');
    const done = await app.frame((s) => s.includes('applied 1 of 2 staged changes'), 'the results');
    expect(done).toContain(`✓ ${a} is now version ${va.version + 1}`);
    expect(done).toContain(`✗ ${b} NOT written: it changed since you read version ${vb.version}`);
    expect(plainText((await api().get(a, {decrypt: false})).value)).toBe('999');
    expect(plainText((await api().get(b, {decrypt: false})).value)).toBe('theirs');
  });
});

describe('labels and deletes', () => {
  it('labels the version under the cursor in the history', async () => {
    const name = '/catalog/prod/replicas';
    const app = setup();
    await app.only(`name:${name}`);
    await app.press('H');
    await app.frame((s) => s.includes(`History ${name}`), 'history');
    await app.press('L');
    await app.frame((s) => s.includes('Labels for version'), 'the label prompt');
    await app.press(...'canary', 'enter');
    await app.frame((s) => /version \d+: labelled canary/.test(s) && /\bcanary\b/.test(s.split('\n').slice(3).join('\n')), 'labelled');
    const latest = (await api().history(name, {decrypt: false})).at(-1);
    expect(latest?.labels).toContain('canary');
  });

  it('deletes only after the name is typed', async () => {
    const name = '/search/staging/queue/url';
    const app = setup();
    await app.only(`name:${name}`);
    await app.press('D');
    await app.frame((s) => s.includes('Type its name to confirm'), 'the question');
    await app.press(...'nope', 'enter');
    await app.frame((s) => s.includes('not deleted'), 'refused');
    await expect(api().get(name, {decrypt: false})).resolves.toBeTruthy();
    await app.press('D', ...name, 'enter');
    await app.frame((s) => s.includes('deleted 1 parameter'), 'deleted');
    await expect(api().get(name, {decrypt: false})).rejects.toMatchObject({kind: 'not-found'});
  });
});

describe('paths compared', () => {
  it(':paramdiff lists what differs between two paths, secrets only after r', async () => {
    const app = setup();
    await app.frame((s) => s.includes('▸ checkout/'), 'the root level');
    await app.press(':', ...'paramdiff /checkout/prod /checkout/staging', 'enter');
    const f = await app.frame((s) => !s.includes('compare parameters › compare') && /Compare parameters \/checkout\/prod \/checkout\/staging \d+\/\d+/.test(s) && s.includes('db/host'), 'compared');
    expect(f).toMatch(/db\/host\s+differs/);
    expect(f).toMatch(/db\/port\s+same/);
    expect(f).toMatch(/db\/password\s+secret/);
    await app.press('r');
    const revealed = await app.frame((s) => /db\/password\s+differs/.test(s), 'secrets compared');
    expect(revealed).toMatch(/secrets\/api-key\s+differs/);
    expect(revealed).not.toMatch(/\ssecret\s{2,}/);
  });
});

describe('the inline editor', () => {
  it('edits a short value on the prompt line, then the diff and y write it', async () => {
    const name = '/catalog/dev/cache/ttl-seconds';
    const before = await api().get(name, {decrypt: false});
    const app = setup();
    await app.only(`name:${name}`);
    await app.press('i');
    await app.frame((s) => s.includes(`${name} = ${plainText(before.value)}`), 'the value in the prompt');
    await app.press('ctrl+u', ...'45', 'enter');
    await app.frame((s) => s.includes('+ 45') && s.includes(`Write version ${before.version + 1}`), 'the diff');
    await app.press('y');
    await app.frame((s) => s.includes(`${name} is now version ${before.version + 1}`), 'written');
    expect(plainText((await api().get(name, {decrypt: false})).value)).toBe('45');
  });

  it('never puts a secret on the prompt line', async () => {
    const app = setup();
    await app.only('name:/catalog/dev/db/password');
    await app.press('i');
    await app.frame((s) => s.includes('a SecureString is edited in $EDITOR'), 'refused');
    expect(app.store.getState().prompt).toBeUndefined();
  });
});

describe('two folders compared with =', () => {
  it('compares the marked folder with the one under the cursor', async () => {
    const app = setup();
    await app.frame((s) => s.includes('▸ payments/'), 'the root level');
    const rows = () => (app.store.getState().tables['parameters']?.visible ?? []) as {path: string}[];
    const cursorTo = async (id: string) => {
      const at = rows().findIndex((r) => r.path === id);
      const from = app.store.getState().tables['parameters']?.cursor ?? 0;
      for (let i = 0; i < Math.abs(at - from); i++) await app.press(at > from ? 'down' : 'up');
    };
    await cursorTo('/checkout');
    await app.press(' ');
    await cursorTo('/payments');
    await app.press('=');
    const f = await app.frame((s) => /Compare parameters \/checkout \/payments \d+\/\d+/.test(s) && s.includes('prod/db/host'), 'compared');
    expect(f).toMatch(/prod\/db\/host\s+differs/);
  });
});

describe('copying a secret', () => {
  it('asks first, says so, and copies nothing on no', async () => {
    const name = '/identity/prod/secrets/api-key';
    const secret = plainText((await api().get(name, {decrypt: true})).value);
    const app = setup();
    await app.only(`name:${name}`);
    await app.press('enter');
    await app.frame((s) => s.includes('Value (SecureString: hidden'), 'detail');
    await app.press('c');
    await app.frame((s) => s.includes('Copy the SECRET value'), 'the question');
    await app.press('n');
    expect(app.copied).toEqual([]);
    await app.press('c');
    await app.frame((s) => s.includes('Copy the SECRET value'), 'the question again');
    await app.press('y');
    await app.frame((s) => s.includes('copied the SECRET value'), 'copied');
    expect(app.copied).toEqual([secret]);
  });
});

describe('a new parameter', () => {
  it('asks for the name and the type, takes the value from the editor, and creates it only if the name is free', async () => {
    const name = '/search/dev/new-flag';
    const app = setup({editText: async () => 'on\n'});
    await app.only('name:/search/dev/log-level');
    await app.press('a');
    await app.frame((s) => s.includes('New parameter name: /search/dev/'), 'the name prompt in the folder');
    await app.press(...'new-flag', 'enter');
    await app.frame((s) => s.includes('Type (String, StringList, SecureString): String'), 'the type prompt');
    await app.press('enter');
    await app.frame((s) => s.includes(`Write new String ${name}?`) && s.includes('+ on'), 'the diff');
    await app.press('y');
    await app.frame((s) => s.includes(`${name} is now version 1`), 'created');
    expect(plainText((await api().get(name, {decrypt: false})).value)).toBe('on');
    // The same name again: it exists now, so nothing is written and the current value is shown.
    await app.press('a');
    await app.frame((s) => s.includes('New parameter name:'), 'the name prompt');
    await app.press('ctrl+u', ...name, 'enter');
    await app.press('enter');
    await app.frame((s) => s.includes(`Write new String ${name}?`), 'the diff again');
    await app.press('y');
    await app.frame((s) => s.includes(`${name} NOT written: it changed since you read version 0 (now version 1`), 'refused');
  });
});
