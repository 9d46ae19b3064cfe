// Key routing from the keymap, mode by mode: every declared command is reached by each of its default keys in the
// mode it belongs to, pressing them through the real dispatcher does what the command says, a remapped key takes
// over from the default, and the footer and help show the remapped key.
import {describe, expect, it} from 'vitest';
import {activeScopes, dispatchKey, inputMode, type InputContext} from '../../src/app-input.js';
import {COMMANDS, type CommandId, type Scope} from '../../src/keys/commands.js';
import {yankAction} from '../../src/views/table-actions.js';
import {buildKeymap, commandsIn, defaultKeymap, resolveKey, type Keymap} from '../../src/keys/keymap.js';
import {DASHBOARD_SCOPES, MODE_SCOPES, SHELL_STACKS, type FormMode} from '../../src/keys/modes.js';
import {createAppStore} from '../../src/store/store.js';
import {VIEWS, NAVIGABLE} from '../../src/views/registry.js';
import {openRunForm} from '../../src/fleet/run-command/run-form.js';
import {openForwardForm} from '../../src/fleet/forwards/forward-form.js';
import {footerHints} from '../../src/components/Footer.js';
import {helpLines} from '../../src/components/HelpOverlay.js';
import {initTable} from '../../src/fleet/table-model.js';
import {validateConfig} from '../../src/config/config.js';
import {searchKey, type ScrollHost} from '../../src/workspace/scroll-mode.js';
import {INITIAL_SHELLS_STATE, type ShellsState} from '../../src/workspace/workspace-state.js';
import {makeFleet} from '../helpers/instances.js';

const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

function setup(keymap: Keymap = defaultKeymap()) {
  const fleet = makeFleet(3);
  const copied: string[] = [];
  const quits: number[] = [];
  const store = createAppStore({size: {cols: 120, rows: 30}});
  store.setState({instances: fleet});
  const ctx: InputContext = {store, services: {loadFleet: async () => fleet, copy: (t) => copied.push(t)}, keymap,
    pageSize: 10, readOnly: false, quit: () => quits.push(1), refresh: () => {}};
  const press = (...keys: string[]) => {
    for (const k of keys) dispatchKey(ctx, k, k.length === 1 ? k : k === 'space' ? ' ' : '');
  };
  const state = () => store.getState();
  return {ctx, store, fleet, copied, quits, press, state};
}

/** Every scope stack a user can be in: each form mode, and the dashboard under each view. */
function stacks(): [string, readonly Scope[]][] {
  return [
    ...(Object.entries(MODE_SCOPES) as [FormMode, readonly Scope[]][]),
    ...VIEWS.map((v) => [`view ${v.id}`, [...v.scopes, ...DASHBOARD_SCOPES]] as [string, readonly Scope[]]),
    ...SHELL_STACKS.map((scopes) => [`shells ${scopes.join()}`, scopes] as [string, readonly Scope[]]),
  ];
}

describe('key routing from the keymap', () => {
  const km = defaultKeymap();
  const cases = stacks().flatMap(([mode, scopes]) => commandsIn(scopes).flatMap((c) => c.keys.map((k) => [mode, scopes, c.id, k] as const)));

  it.each(cases)('%s: %s is reached by its default key %j', (_mode, scopes, id, key) => {
    const got = resolveKey(km, scopes, key);
    const winner = COMMANDS.find((c) => c.id === got);
    // By design a view's own command takes over a table-wide key in that view (the forwards view's y copies
    // localhost:PORT); nothing else is shadowed.
    const viewOverride = COMMANDS.find((c) => c.id === id)?.scope === 'table' && winner !== undefined
      && scopes.indexOf(winner.scope) < scopes.indexOf('table');
    if (!viewOverride) expect(got).toBe(id);
  });

  it.each(VIEWS.map((v) => [v.id, v] as const))('view %s has a handler for every command of its scopes', (_id, view) => {
    const missing = commandsIn(view.scopes).filter((c) =>
      !(c.id in view.actions) && !(view.kind === 'table' && yankAction(view, c.id as CommandId)));
    expect(missing.map((c) => c.id)).toEqual([]);
  });

  it('every command of a form, prompt or overlay belongs to a mode', () => {
    const inModes = new Set(Object.values(MODE_SCOPES).flat());
    const modeScopes: Scope[] = ['always', 'prompt', 'confirm', 'help', 'runForm', 'runFormEdit', 'runFormPicker', 'runFormConfirm', 'forwardForm'];
    for (const s of modeScopes) expect(inModes.has(s), s).toBe(true);
    expect(SHELL_STACKS.flat()).toContain('scrollSearch');
    expect(COMMANDS.filter((c) => modeScopes.includes(c.scope)).length).toBeGreaterThan(40);
  });

  it('the mode follows what is open, a question over a form first', () => {
    const {store, state, fleet} = setup();
    expect(inputMode(state())).toBeUndefined();
    expect(activeScopes(store)).toEqual(['instances', 'table', 'global', 'always']);
    store.getState().setRunForm(openRunForm(fleet.slice(0, 1)));
    expect(inputMode(state())).toBe('runFormEdit');
    store.getState().setPrompt({kind: 'confirm', text: '', before: '', question: 'Quit?'});
    expect(inputMode(state())).toBe('confirm');
    expect(activeScopes(store)).toEqual(['confirm']);
  });

  it('dashboard: every global command by its default key', () => {
    const {ctx, press, state, quits} = setup();
    let refreshed = 0;
    ctx.refresh = () => void refreshed++;
    press('ctrl+r');
    expect(refreshed).toBe(1);
    press('W');
    expect(state().flash?.text).toMatch(/no shells open/);
    press(':');
    expect(state().prompt?.kind).toBe('command');
    press('esc', '?');
    expect(state().help).toBe(true);
    press('esc');
    state().navigate({view: 'commands'});
    press('esc');
    expect(state().stack.at(-1)?.view).toBe('instances');
    press('q');
    expect(quits).toHaveLength(1);
    press('ctrl+c');
    expect(quits).toHaveLength(2);
  });

  it('prompt: open, type, complete, delete a word, clear, cancel; a filter is kept with enter', () => {
    const {press, state, store} = setup();
    press(':');
    expect(state().prompt?.kind).toBe('command');
    press('i', 'n', 'v');
    press('tab');
    expect(state().prompt?.text).toMatch(/^inv\S+/);
    press('ctrl+w');
    expect(state().prompt?.text).toBe('');
    press('a', 'b', 'backspace');
    expect(state().prompt?.text).toBe('a');
    press('ctrl+u');
    expect(state().prompt?.text).toBe('');
    press('esc');
    expect(state().prompt).toBeUndefined();
    store.getState().updateTable('instances', () => initTable('name'));
    press('/', 'n', 'o', 'd', 'e', 'tab');
    expect(state().prompt?.text).toBe('node'); // completion is the command bar's
    press('enter');
    expect(state().prompt).toBeUndefined();
  });

  it('filter prompt: / opens empty, ↑/↓ walk the filters kept in this view, newest first', () => {
    const {press, state, store} = setup();
    store.getState().updateTable('instances', () => initTable('name'));
    const applied = () => state().tables.instances?.appliedFilter;
    press('/', 'a', 'enter', '/', 'b', 'enter');
    expect(applied()).toBe('b');
    press('/');
    expect(state().prompt?.text).toBe('');
    press('up');
    expect(state().prompt?.text).toBe('b');
    press('up');
    expect(state().prompt?.text).toBe('a');
    press('up'); // nothing older
    expect(state().prompt?.text).toBe('a');
    expect(applied()).toBe('a');
    press('down', 'down');
    expect(state().prompt?.text).toBe('');
    press('up', 'x', 'enter');
    expect(applied()).toBe('bx');
    press('/', 'up');
    expect(state().prompt?.text).toBe('bx');
    press('esc');
    expect(applied()).toBe('bx');
    press(':', 'up');
    expect(state().prompt?.text).toBe(''); // the command bar has no filter history
  });

  it('confirm: y does it, n, esc, ctrl+c and any other key cancel', () => {
    const {store, press, state} = setup();
    let yes = 0;
    const ask = () => store.getState().setPrompt({kind: 'confirm', text: '', before: '', question: 'Sure?', onYes: () => void yes++});
    for (const key of ['n', 'esc', 'ctrl+c', 'x']) {
      ask();
      press(key);
      expect(state().prompt, key).toBeUndefined();
    }
    expect(yes).toBe(0);
    ask();
    press('y');
    expect(yes).toBe(1);
  });

  it('help: ? opens, j and k scroll, q closes; ctrl+c quits from it', () => {
    const {press, state, quits} = setup();
    press('?');
    expect(state().help).toBe(true);
    press('j', 'j', 'k');
    expect(state().stack.at(-1)?.scroll).toBe(1);
    press('q');
    expect(state().help).toBe(false);
    press('?', 'ctrl+c');
    expect(quits).toHaveLength(1);
  });

  it('run form fields: move, cycle, edit, clear, copy the CLI line, review, cancel', () => {
    const {store, press, state, fleet, copied} = setup();
    store.getState().setRunForm(openRunForm(fleet.slice(0, 2)));
    const focus = () => state().runForm?.focus;
    expect(focus()).toBe('param:commands');
    press('u', 'p', 't', 'i', 'm', 'e', 'x', 'backspace');
    expect(state().runForm?.params.commands).toBe('uptime');
    press('enter'); // a list field: a new line
    expect(state().runForm?.params.commands).toBe('uptime\n');
    press('down'); // stays in the list field
    expect(focus()).toBe('param:commands');
    press('backspace', 'tab');
    const next = focus();
    expect(next).not.toBe('param:commands');
    press('shift+tab');
    expect(focus()).toBe('param:commands');
    press('ctrl+y');
    expect(copied[0]).toContain('aws ssm send-command');
    press('tab', 'ctrl+u');
    press('up');
    expect(focus()).toBe('param:commands');
    press('ctrl+s'); // no Run Command here: the form says so instead of confirming
    expect(state().runForm?.errors).toEqual(['Run Command is not available here']);
    press('esc');
    expect(state().runForm).toBeUndefined();
  });

  it('run form picker and confirmation: move, search, choose, back; type the word, send', () => {
    const {store, press, state, fleet} = setup();
    const docs = ['AWS-RunShellScript', 'AWS-RunPatchBaseline', 'AWS-UpdateSSMAgent'].map((name) =>
      ({name, platformTypes: ['Linux'], owner: 'Amazon', documentVersion: '1'}));
    const form = openRunForm(fleet.slice(0, 2));
    store.getState().setRunForm({...form, picker: {query: '', cursor: 0, docs}});
    expect(inputMode(state())).toBe('runFormPicker');
    press('down', 'tab');
    expect(state().runForm?.picker?.cursor).toBe(2);
    press('up', 'shift+tab');
    expect(state().runForm?.picker?.cursor).toBe(0);
    press('p', 'a', 't', 'c', 'x', 'backspace');
    expect(state().runForm?.picker?.query).toBe('patc');
    press('ctrl+u');
    expect(state().runForm?.picker?.query).toBe('');
    press('esc');
    expect(state().runForm?.picker).toBeUndefined();
    store.getState().setRunForm({...form, picker: {query: 'patch', cursor: 0, docs}});
    press('enter');
    expect(state().runForm?.document).toBe('AWS-RunPatchBaseline');

    store.getState().setRunForm({...form, stage: 'confirm'});
    expect(inputMode(state())).toBe('runFormConfirm');
    press('2', '9', 'backspace');
    expect(state().runForm?.confirmText).toBe('2');
    press('esc');
    expect(state().runForm?.stage).toBe('edit');
    store.getState().setRunForm({...form, params: {commands: 'uptime'}, stage: 'confirm'});
    press('enter'); // two targets: no word to type; the run starts (nothing to send it to here) and the form closes
    expect(state().runForm).toBeUndefined();
  });

  it('run form: ctrl+c asks to quit from any stage, and the checking stage takes no other key', () => {
    const {store, press, state, fleet, quits} = setup();
    store.getState().setRunForm({...openRunForm(fleet.slice(0, 1)), stage: 'checking'});
    press('esc', 'x');
    expect(state().runForm?.stage).toBe('checking');
    press('ctrl+c');
    expect(quits).toHaveLength(1);
  });

  it('forward form: move, presets, edit, clear; only cancel while it starts', () => {
    const {store, press, state, fleet} = setup();
    const inst = {...fleet[0]!, tags: {'fleetdeck:forward': '5432,8080'}};
    store.getState().setForwardForm(openForwardForm(inst));
    const form = () => state().forwardForm;
    press('right');
    expect(form()?.values.remotePort).toBe('8080');
    press('left');
    expect(form()?.values.remotePort).toBe('5432');
    press('tab');
    expect(form()?.focus).toBe('localPort');
    press('right'); // presets are the remote port's
    expect(form()?.values.remotePort).toBe('5432');
    press('9', '9', 'x', 'backspace');
    expect(form()?.values.localPort).toBe('99');
    press('ctrl+u', 'down', 'up', 'shift+tab');
    expect(form()).toMatchObject({focus: 'remotePort', values: {localPort: ''}});
    press('enter'); // no forwards service here: the form says so and stays open
    expect(form()?.error).toBe('port forwards are not available here');
    store.getState().setForwardForm({...form()!, starting: true});
    press('tab', '1');
    expect(form()).toMatchObject({focus: 'remotePort', values: {remotePort: '5432'}});
    press('ctrl+c');
    expect(form()).toBeUndefined();
  });
});

describe('remapped keys', () => {
  const {keymap, errors} = buildKeymap({'runForm.send': ['ctrl+x'], 'confirm.yes': ['j']});

  it('the remapped key runs the command and the default no longer does', () => {
    expect(errors).toEqual([]);
    const {store, press, state, fleet} = setup(keymap);
    store.getState().setRunForm(openRunForm(fleet.slice(0, 1)));
    press('ctrl+s');
    expect(state().runForm?.errors).toEqual([]);
    press('ctrl+x');
    expect(state().runForm?.errors).toEqual(['Run Command is not available here']);
    let yes = 0;
    store.getState().setPrompt({kind: 'confirm', text: '', before: '', question: 'Sure?', onYes: () => void yes++});
    press('y'); // no longer yes: any other key cancels
    expect(yes).toBe(0);
    store.getState().setPrompt({kind: 'confirm', text: '', before: '', question: 'Sure?', onYes: () => void yes++});
    press('j');
    expect(yes).toBe(1);
  });

  it('the footer of the form and the help show the remapped key', () => {
    const footer = strip(footerHints(keymap, MODE_SCOPES.runFormEdit));
    expect(footer).toContain('<ctrl+x> review');
    expect(footer).not.toContain('ctrl+s');
    expect(footer).not.toMatch(/<[/jkr]>/); // no table keys under the form
    const help = helpLines(keymap, 160).map(strip);
    expect(help.find((l) => l.includes('Review the run'))).toMatch(/^\s+ctrl\+x\s/);
  });

  it('help lists the views and their aliases', () => {
    const help = helpLines(defaultKeymap(), 160, ['instances', 'table'], NAVIGABLE).map(strip);
    const at = help.findIndex((l) => l.startsWith('Views'));
    expect(at).toBeGreaterThan(0);
    const instances = NAVIGABLE.find((v) => v.id === 'instances');
    expect(help.slice(at).find((l) => l.trimStart().startsWith('instances '))).toContain(instances?.aliases.join(' '));
  });
});

describe('keymap validation', () => {
  it.each([
    [{'no.such': ['x']}, /unknown command "no.such"/],
    [{'runForm.send': ['ctrl+shift+s']}, /"runForm.send" needs a key/],
    [{'runForm.send': 42}, /"runForm.send" needs a key/],
    [{'runForm.send': ['ctrl+y']}, /"ctrl\+y" is bound to both "runForm.copyCli" and "runForm.send"/],
    [{'table.mark': ['q']}, /"q" is bound to both "app.quit" and "table.mark"/],
    [{'instances.run': ['ctrl+c']}, /"ctrl\+c" is bound to both "app.interrupt" and "instances.run"/],
    [{'prompt.accept': ['esc']}, /"esc" is bound to both "prompt.accept" and "prompt.cancel"/],
  ] as const)('%j is refused: %s', (overrides, message) => {
    const {keymap, errors} = buildKeymap(overrides);
    expect(errors.join('\n')).toMatch(message);
    expect(keymap).toEqual(defaultKeymap());
  });

  it('a remap to a key no command of its mode uses is accepted', () => {
    expect(buildKeymap({'runForm.send': ['ctrl+s', 'ctrl+x'], 'table.mark': ['space', 'M']}).errors).toEqual([]);
  });

  it('a view\'s own key wins over a table-wide remap in that view (the README example: mark with x)', () => {
    const {keymap, errors} = buildKeymap({'table.mark': ['space', 'x']});
    expect(errors).toEqual([]);
    expect(resolveKey(keymap, ['instances', 'table', 'global', 'always'], 'x')).toBe('table.mark');
    expect(resolveKey(keymap, ['forwards', 'table', 'global', 'always'], 'x')).toBe('forwards.stop');
  });

  it('the config file names itself and the clash', () => {
    expect(() => validateConfig({keys: {'runForm.send': ['ctrl+y']}}, 'c.json'))
      .toThrow(/^c\.json: keys: "ctrl\+y" is bound to both "runForm\.copyCli" and "runForm\.send"/);
    expect(() => validateConfig({keys: {'runForm.sned': ['ctrl+x']}}, 'c.json')).toThrow(/c\.json: keys: unknown command "runForm\.sned"/);
    expect(() => validateConfig({keys: {'runForm.send': ['ctrl+']}}, 'c.json')).toThrow(/c\.json: keys: "runForm\.send" needs a key/);
    expect(validateConfig({keys: {'runForm.send': ['ctrl+s', 'ctrl+x']}}, 'c.json').keys).toEqual({'runForm.send': ['ctrl+s', 'ctrl+x']});
  });
});

describe('shell scroll-mode search keys from the keymap', () => {
  function host(keymap: Keymap) {
    let state: ShellsState = {...INITIAL_SHELLS_STATE, mode: 'search', scroll: {back: 0, query: '', typing: ''}};
    const h: ScrollHost = {
      get state() { return state; },
      keymap,
      focusedPane: () => undefined,
      set: (patch) => { state = {...state, ...patch}; },
      redraw: () => {},
      copy: () => {},
    };
    return h;
  }

  it('types, deletes, finds and cancels; a remapped cancel takes over from esc', () => {
    const h = host(defaultKeymap());
    for (const ch of 'errx') searchKey(h, ch, ch);
    searchKey(h, 'space', ' ');
    searchKey(h, 'backspace', '');
    searchKey(h, 'backspace', '');
    expect(h.state.scroll.typing).toBe('err');
    searchKey(h, 'enter', '\r');
    expect(h.state).toMatchObject({mode: 'scroll', scroll: {query: 'err', typing: ''}});

    const remapped = host(buildKeymap({'scrollSearch.cancel': ['ctrl+q']}).keymap);
    searchKey(remapped, 'esc', '');
    expect(remapped.state.mode).toBe('search');
    searchKey(remapped, 'ctrl+q', '\x11');
    expect(remapped.state.mode).toBe('scroll');
  });
});
