// `:paramdiff /app/prod /app/staging` (or `=` on two folders): the same names under two paths side by side, which
// differ, which exist on one side only; enter shows the diff. SecureString values are compared only after `r`.
import {cachedHaystack} from '../../fleet/filter.js';
import {lineDiff} from '../../fleet/parameters/line-diff.js';
import {isSecret, plainText, type Parameter, type ParameterVersion} from '../../fleet/parameters/parameter.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {setRows, type TableSpec} from '../../fleet/table-model.js';
import {currentScreen} from '../../store/store.js';
import {tableActions} from '../table-actions.js';
import {defineTableView, type ActionContext, type TableView, type Tone} from '../view.js';
import {dropSecretDiffs, schedule, session, type ParameterSession} from './session.js';

const VIEW_ID = 'paramdiff';

export type CompareStatus = 'same' | 'differs' | 'left only' | 'right only' | 'secret';

export interface CompareRow {
  /** The name under both paths, without the path (`db/host`). */
  readonly rel: string;
  readonly status: CompareStatus;
  readonly left: ParameterVersion | undefined;
  readonly right: ParameterVersion | undefined;
}

export const compareArg = (a: string, b: string) => `${a} ${b}`;

export function parseCompareArg(arg: string | undefined): [string, string] | undefined {
  const parts = (arg ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length !== 2) return undefined;
  const norm = (p: string) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);
  return [norm(parts[0] as string), norm(parts[1] as string)];
}

const STATUS_TONE: Record<CompareStatus, Tone | undefined> = {same: 'muted', differs: 'warn', 'left only': 'bad', 'right only': 'bad', secret: 'accent'};

function status(l: ParameterVersion | undefined, r: ParameterVersion | undefined): CompareStatus {
  if (!l) return 'right only';
  if (!r) return 'left only';
  const a = plainText(l.value);
  const b = plainText(r.value);
  if (a === undefined || b === undefined) return 'secret';
  return a === b && l.type === r.type ? 'same' : 'differs';
}

const relOf = (path: string, name: string) => name.slice(path === '/' ? 1 : path.length + 1);

/** Both sides' parameters (values read one by one; secrets decrypted only while revealed). */
export async function compareRows(s: ParameterSession, left: string, right: string, decrypt: boolean): Promise<CompareRow[]> {
  const [ls, rs] = await Promise.all([s.port.listAll(left), s.port.listAll(right)]);
  const byRel = new Map<string, {l?: Parameter; r?: Parameter}>();
  for (const p of ls) byRel.set(relOf(left, p.name), {...byRel.get(relOf(left, p.name)), l: p});
  for (const p of rs) byRel.set(relOf(right, p.name), {...byRel.get(relOf(right, p.name)), r: p});
  const read = (p: Parameter | undefined) => (p ? s.port.get(p.name, {decrypt: decrypt && isSecret(p)}) : Promise.resolve(undefined));
  const rows: CompareRow[] = [];
  for (const [rel, {l, r}] of [...byRel].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [lv, rv] = await Promise.all([read(l), read(r)]);
    rows.push({rel, left: lv, right: rv, status: status(lv, rv)});
  }
  return rows;
}

const spec: TableSpec<CompareRow> = {
  rowId: (r) => r.rel,
  filter: {
    keys: {status: {describe: 'same, differs, left only, right only, secret', get: (r) => r.status}},
    text: cachedHaystack((r: CompareRow) => [r.rel, r.status]),
  },
  sortValues: {name: (r) => r.rel, status: (r) => ['differs', 'left only', 'right only', 'secret', 'same'].indexOf(r.status)},
};

const argOf = (ctx: ActionContext) => currentScreen(ctx.store.getState()).arg;

function reload(ctx: ActionContext, s: ParameterSession): void {
  const paths = parseCompareArg(argOf(ctx));
  if (!paths) return;
  compareRows(s, paths[0], paths[1], s.compareRevealed !== undefined).then(
    (rows) => ctx.store.getState().updateTable<CompareRow>(VIEW_ID, (st) => setRows(spec, st, rows)),
    (e: unknown) => ctx.store.getState().setFlash({text: `could not compare: ${errorText(e)}`, tone: 'error'}),
  );
}

function mask(ctx: ActionContext): void {
  const sealed = (v: ParameterVersion | undefined): ParameterVersion | undefined => (v && isSecret(v) ? {...v, value: {kind: 'sealed'}} : v);
  ctx.store.getState().updateTable<CompareRow>(VIEW_ID, (st) => setRows(spec, st, st.rows.map((r) => {
    const left = sealed(r.left);
    const right = sealed(r.right);
    return {...r, left, right, status: status(left, right)};
  })));
}

function showDiff(ctx: ActionContext, s: ParameterSession): void {
  const st = ctx.store.getState().tables[VIEW_ID];
  const row = st?.visible[st.cursor] as CompareRow | undefined;
  const paths = parseCompareArg(argOf(ctx));
  if (!row || !paths) return;
  const a = row.left ? plainText(row.left.value) : '';
  const b = row.right ? plainText(row.right.value) : '';
  const key = `${paths[0]} ${paths[1]} ${row.rel}`;
  const side = (p: string, v: ParameterVersion | undefined) => (v ? `${v.name} (version ${v.version})` : `${p}/${row.rel} (does not exist)`);
  s.diffs.set(key, {title: row.rel, left: side(paths[0], row.left), right: side(paths[1], row.right),
    ...(a === undefined || b === undefined ? {note: 'SecureString values are compared only after you reveal them: r, then enter'}
      : {lines: lineDiff(a, b), secret: row.status !== 'left only' && row.status !== 'right only' && !!(row.left && isSecret(row.left))})});
  ctx.store.getState().push({view: 'parameter-diff', arg: key, scroll: 0});
}

export const compareView: TableView<CompareRow> = defineTableView<CompareRow>({
  id: VIEW_ID,
  title: 'Compare parameters',
  aliases: ['paramcompare'],
  refreshMs: 120_000,
  defaultSort: 'name',
  scopes: ['parameterCompare', 'table'],
  table: spec,
  withArgument: (text) => (parseCompareArg(text) ? {ok: true, view: VIEW_ID, arg: text.trim()}
    : {ok: false, error: 'name two paths: :paramdiff /app/prod /app/staging'}),
  titleNote: (rows) => `${rows.filter((r) => r.status === 'differs').length} differ · ${rows.filter((r) => r.status.endsWith('only')).length} on one side`,
  columns: () => [
    {id: 'name', title: 'NAME', width: 24, flex: true, priority: 0, text: (r) => sanitizeText(r.rel)},
    {id: 'status', title: 'STATUS', width: 10, priority: 0, text: (r) => r.status, tone: (r) => STATUS_TONE[r.status]},
    {id: 'left', title: 'LEFT', width: 8, priority: 1, align: 'right', text: (r) => (r.left ? `v${r.left.version}` : '—')},
    {id: 'right', title: 'RIGHT', width: 8, priority: 1, align: 'right', text: (r) => (r.right ? `v${r.right.version}` : '—')},
    {id: 'type', title: 'TYPE', width: 12, priority: 2, text: (r) => (r.left ?? r.right)?.type ?? ''},
  ],
  fetch: async (services, {arg}) => {
    const s = session(services);
    const paths = parseCompareArg(arg);
    if (!s) throw new Error('Parameter Store is not available here');
    if (!paths) return [];
    return compareRows(s, paths[0], paths[1], s.compareRevealed !== undefined);
  },
  actions: {
    ...tableActions<CompareRow>(VIEW_ID, () => spec),
    'parameterCompare.diff': (ctx) => {
      const s = session(ctx.services, ctx.store);
      if (s) showDiff(ctx, s);
    },
    'parameterCompare.reveal': (ctx) => {
      const s = session(ctx.services, ctx.store);
      if (!s) return;
      if (s.compareRevealed) {
        s.compareRevealed();
        return;
      }
      const cancel = schedule(ctx.services, () => hide());
      const hide = () => {
        cancel();
        s.compareRevealed = undefined;
        mask(ctx);
        dropSecretDiffs(s);
      };
      s.compareRevealed = hide;
      reload(ctx, s);
    },
  },
});
