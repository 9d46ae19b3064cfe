// A parameter's history (GetParameterHistory): every kept version with who, when, labels and the value — a
// SecureString's values only after an explicit reveal (`r`), which hides again as the detail's does. Diff two
// marked versions (or the one under the cursor with the one before); label and unlabel a version.
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge} from '../../fleet/format.js';
import {lineDiff} from '../../fleet/parameters/line-diff.js';
import {isSecret, modifiedBy, plainText, type ParameterVersion} from '../../fleet/parameters/parameter.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {setRows, type TableSpec} from '../../fleet/table-model.js';
import {currentScreen} from '../../store/store.js';
import {tableActions} from '../table-actions.js';
import {defineTableView, type ActionContext, type TableView} from '../view.js';
import {changed, dropSecretDiffs, schedule, session, type ParameterSession} from './session.js';
import {writeRefusal} from './writes.js';
import {labelVersion} from './changes.js';

const VIEW_ID = 'parameter-history';

export function openHistory(ctx: ActionContext, s: ParameterSession, name: string): void {
  void s;
  ctx.store.getState().push({view: VIEW_ID, arg: name});
}

function valueCell(v: ParameterVersion): string {
  const text = plainText(v.value);
  if (text === undefined) return '••••••••';
  const first = text.split('\n')[0] ?? '';
  return sanitizeText(text.includes('\n') ? `${first} …` : first);
}

const spec: TableSpec<ParameterVersion> = {
  rowId: (v) => String(v.version),
  filter: {
    keys: {label: {describe: 'a label of the version', get: (v) => v.labels, match: 'exact'},
      by: {describe: 'who wrote it', get: (v) => modifiedBy(v.lastModifiedUser)}},
    text: cachedHaystack((v: ParameterVersion) => [String(v.version), ...v.labels, modifiedBy(v.lastModifiedUser), v.description]),
  },
  sortValues: {version: (v) => -v.version, modified: (v) => -(v.lastModified?.getTime() ?? 0)},
};

const argOf = (ctx: ActionContext) => currentScreen(ctx.store.getState()).arg ?? '';
const rowsOf = (ctx: ActionContext) => (ctx.store.getState().tables[VIEW_ID]?.rows ?? []) as readonly ParameterVersion[];

/** Reloads the rows now (after a reveal, a hide or a label). */
function reload(ctx: ActionContext, s: ParameterSession, name: string): void {
  s.port.history(name, {decrypt: s.historyReveals.has(name)}).then(
    (rows) => ctx.store.getState().updateTable<ParameterVersion>(VIEW_ID, (st) => setRows(spec, st, rows)),
    (e: unknown) => ctx.store.getState().setFlash({text: `could not read the history: ${errorText(e)}`, tone: 'error'}),
  );
}

/** Masks the values of secrets in the rows (the reveal is over). */
function mask(ctx: ActionContext): void {
  ctx.store.getState().updateTable<ParameterVersion>(VIEW_ID, (st) =>
    setRows(spec, st, st.rows.map((v) => (isSecret(v) ? {...v, value: {kind: 'sealed'}} : v))));
}

function toggleReveal(ctx: ActionContext, s: ParameterSession, name: string): void {
  const hide = s.historyReveals.get(name);
  if (hide) {
    hide();
    return;
  }
  if (!rowsOf(ctx).some(isSecret)) return ctx.store.getState().setFlash({text: 'no secret here: the values are shown as they are', tone: 'info'});
  let cancel = () => {};
  const doHide = () => {
    cancel();
    s.historyReveals.delete(name);
    mask(ctx);
    changed(s);
  };
  cancel = schedule(ctx.services, () => {
    if (s.historyReveals.get(name) !== doHide) return;
    s.historyReveals.delete(name);
    mask(ctx);
    dropSecretDiffs(s);
    ctx.store.getState().setFlash({text: 'the secrets are hidden again', tone: 'info'});
  });
  s.historyReveals.set(name, doHide);
  reload(ctx, s, name);
}

/** The diff of two versions, oldest on the left; a sealed secret is named, never compared. */
function diffVersions(ctx: ActionContext, s: ParameterSession, name: string): void {
  const st = ctx.store.getState().tables[VIEW_ID];
  const rows = rowsOf(ctx);
  const marked = rows.filter((v) => st?.marks.has(String(v.version)));
  let pair: ParameterVersion[];
  if (marked.length === 2) pair = marked;
  else if (marked.length > 2) return ctx.store.getState().setFlash({text: 'mark two versions to compare (or none: the one under the cursor with the one before)', tone: 'info'});
  else {
    const cur = st?.visible[st.cursor] as ParameterVersion | undefined;
    const before = cur && [...rows].filter((v) => v.version < cur.version).sort((a, b) => b.version - a.version)[0];
    if (!cur || !before) return ctx.store.getState().setFlash({text: 'no earlier version to compare with: mark two versions', tone: 'info'});
    pair = [before, cur];
  }
  const [a, b] = [...pair].sort((x, y) => x.version - y.version) as [ParameterVersion, ParameterVersion];
  const key = `${name}@${a.version}..${b.version}`;
  const left = plainText(a.value);
  const right = plainText(b.value);
  s.diffs.set(key, {title: `${name} version ${a.version} → ${b.version}`, left: `version ${a.version} by ${modifiedBy(a.lastModifiedUser)}`,
    right: `version ${b.version} by ${modifiedBy(b.lastModifiedUser)}`,
    ...(left === undefined || right === undefined ? {note: 'SecureString values are compared only after you reveal them: r in the history, then d'}
      : {lines: lineDiff(left, right), secret: isSecret(a) || isSecret(b)})});
  ctx.store.getState().push({view: 'parameter-diff', arg: key, scroll: 0});
}

function withHistory(run: (s: ParameterSession, ctx: ActionContext, name: string) => void): (ctx: ActionContext) => void {
  return (ctx) => {
    const s = session(ctx.services, ctx.store);
    if (s) run(s, ctx, argOf(ctx));
  };
}

export const historyView: TableView<ParameterVersion> = defineTableView<ParameterVersion>({
  id: VIEW_ID,
  title: 'History',
  aliases: [],
  needsArg: true,
  liveAges: true,
  refreshMs: 120_000,
  defaultSort: 'version',
  scopes: ['parameterHistory', 'table'],
  table: spec,
  columns: () => [
    {id: 'version', title: 'VERSION', width: 8, priority: 0, align: 'right', text: (v) => String(v.version)},
    {id: 'labels', title: 'LABELS', width: 14, priority: 0, text: (v) => sanitizeText(v.labels.join(',')), tone: () => 'accent'},
    {id: 'modified', title: 'MODIFIED', width: 9, priority: 1, align: 'right',
      text: (v, ctx) => (v.lastModified ? formatAge(v.lastModified.getTime(), ctx.now) : '')},
    {id: 'by', title: 'BY', width: 16, priority: 1, text: (v) => sanitizeText(modifiedBy(v.lastModifiedUser))},
    {id: 'value', title: 'VALUE', width: 24, flex: true, priority: 0, text: valueCell, tone: (v) => (isSecret(v) ? 'warn' : undefined)},
    {id: 'description', title: 'DESCRIPTION', width: 16, flex: true, priority: 3, text: (v) => sanitizeText(v.description ?? '')},
  ],
  fetch: async (services, {arg}) => {
    const s = session(services);
    if (!s || !arg) throw new Error('no parameter selected');
    return s.port.history(arg, {decrypt: s.historyReveals.has(arg)});
  },
  disabled: {
    'parameterHistory.label': (ctx) => writeRefusal(ctx),
    'parameterHistory.unlabel': (ctx) => writeRefusal(ctx),
  },
  actions: {
    ...tableActions<ParameterVersion>(VIEW_ID, () => spec),
    'parameterHistory.reveal': withHistory((s, ctx, name) => toggleReveal(ctx, s, name)),
    'parameterHistory.diff': withHistory((s, ctx, name) => diffVersions(ctx, s, name)),
    'parameterHistory.label': withHistory((s, ctx, name) => {
      const st = ctx.store.getState().tables[VIEW_ID];
      const cur = st?.visible[st.cursor] as ParameterVersion | undefined;
      if (cur) labelVersion(ctx, s, name, cur.version, 'label', () => reload(ctx, s, name));
    }),
    'parameterHistory.unlabel': withHistory((s, ctx, name) => {
      const st = ctx.store.getState().tables[VIEW_ID];
      const cur = st?.visible[st.cursor] as ParameterVersion | undefined;
      if (cur) labelVersion(ctx, s, name, cur.version, 'unlabel', () => reload(ctx, s, name));
    }),
  },
});
