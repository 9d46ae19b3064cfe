// A parameter's detail: the value (a SecureString stays masked until `r` reveals it; it hides again after the
// revealSeconds setting or when the user leaves), version, labels, policies, tags, description, allowed pattern, KMS
// key id; copy the name, the ARN or the value (a secret asks first).
import {isSecret, modifiedBy, plainText, type ParameterVersion} from '../../fleet/parameters/parameter.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {formatAge} from '../../fleet/format.js';
import {tone} from '../../components/style.js';
import {currentScreen} from '../../store/store.js';
import {paneActions, type PaneText} from '../pane-actions.js';
import {definePaneView, type ActionContext} from '../view.js';
import {changed, hideReveal, loadDetail, schedule, session, sessionForStore, type ParameterSession} from './session.js';
import {openHistory} from './history.js';
import {editParameter, writeRefusal} from './writes.js';

const MASK = '••••••••';

/** Shows a parameter's detail and (re)loads it: every version's metadata (no secret values) and its tags. */
export function openDetail(ctx: ActionContext, s: ParameterSession, name: string): void {
  ctx.store.getState().push({view: 'parameter-detail', arg: name, scroll: 0});
  s.details.delete(name);
  loadDetail(s, name);
}

const field = (label: string, value: string | undefined) => `  ${label.padEnd(16)} ${value ? sanitizeText(value) : '—'}`;

function valueLines(s: ParameterSession, latest: ParameterVersion, revealSeconds: number): string[] {
  const shown = s.reveal?.name === latest.name ? s.reveal.version : undefined;
  const text = shown ? plainText(shown.value) : isSecret(latest) ? undefined : plainText(latest.value);
  const head = isSecret(latest)
    ? shown ? tone(`Value (SecureString, version ${shown.version}: revealed, hides in ${revealSeconds} s or when you leave; r hides now)`, 'warn')
      : `Value (SecureString: hidden; r reveals it for ${revealSeconds} s)`
    : 'Value';
  if (text === undefined) return [head, `  ${MASK}`];
  return [head, ...(text === '' ? ['  (empty)'] : text.split('\n').map((l) => `  ${sanitizeText(l)}`))];
}

export function detailLines(s: ParameterSession, name: string, now: number, revealSeconds: number): string[] {
  const d = s.details.get(name);
  if (!d || d.state === 'loading') return [`${sanitizeText(name)}`, '', 'loading…'];
  if (d.state === 'error') return [sanitizeText(name), '', tone(`could not read it: ${d.message}`, 'bad')];
  const latest = d.versions[d.versions.length - 1];
  if (!latest) return [sanitizeText(name), '', 'no versions'];
  const meta = s.meta.get(name);
  const labelled = d.versions.filter((v) => v.labels.length > 0).reverse();
  const lines = [
    field('Name', name),
    field('Type', latest.type),
    field('Version', `${latest.version}${latest.labels.length ? `  labels: ${latest.labels.join(', ')}` : ''}`),
    field('Last modified', latest.lastModified ? `${formatAge(latest.lastModified.getTime(), now)} ago by ${modifiedBy(latest.lastModifiedUser)}` : undefined),
    field('Modified by', latest.lastModifiedUser),
    field('Tier', latest.tier),
    field('Data type', latest.dataType),
    field('Description', latest.description),
    field('Allowed pattern', latest.allowedPattern),
    field('KMS key id', latest.keyId),
    field('ARN', meta?.arn),
    '',
    ...valueLines(s, latest, revealSeconds),
    '',
    'Policies',
    ...(latest.policies.length ? latest.policies.map((p) => field(p.type, `${p.status} ${p.text}`)) : ['  (none)']),
    '',
    'Labels',
    ...(labelled.length ? labelled.map((v) => field(`version ${v.version}`, v.labels.join(', '))) : ['  (none)']),
    '',
    'Tags',
    ...(Object.keys(d.tags).length ? Object.entries(d.tags).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => field(k, v)) : ['  (none)']),
  ];
  return lines;
}

/** Reveals a SecureString (GetParameter with decryption) until the reveal time passes or the user leaves. */
function toggleReveal(ctx: ActionContext, s: ParameterSession, name: string): void {
  if (s.reveal?.name === name) return hideReveal(s);
  const d = s.details.get(name);
  const latest = d?.state === 'ok' ? d.versions[d.versions.length - 1] : undefined;
  if (latest && !isSecret(latest)) return ctx.store.getState().setFlash({text: 'not a secret: the value is shown as is', tone: 'info'});
  s.port.get(name, {decrypt: true}).then((version) => {
    hideReveal(s);
    // Still on this parameter's detail: the value shows; otherwise it is not kept.
    const top = currentScreen(ctx.store.getState());
    if (top.view !== 'parameter-detail' || top.arg !== name) return;
    const cancel = schedule(ctx.services, () => {
      if (s.reveal?.name !== name) return;
      s.reveal = undefined;
      changed(s);
      ctx.store.getState().setFlash({text: 'the secret is hidden again', tone: 'info'});
    });
    s.reveal = {name, version, cancel};
    changed(s);
  }, (e: unknown) => ctx.store.getState().setFlash({text: `could not decrypt ${sanitizeText(name)}: ${errorText(e)}`, tone: 'error'}));
}

function copy(ctx: ActionContext, text: string | undefined, what: string): void {
  if (!ctx.services.copy) return ctx.store.getState().setFlash({text: 'no clipboard here', tone: 'warn'});
  if (!text) return ctx.store.getState().setFlash({text: `no ${what} to copy`, tone: 'info'});
  ctx.services.copy(text);
  ctx.store.getState().setFlash({text: `copied the ${what}`, tone: 'info'});
}

function copyValue(ctx: ActionContext, s: ParameterSession, name: string): void {
  const d = s.details.get(name);
  const latest = d?.state === 'ok' ? d.versions[d.versions.length - 1] : undefined;
  if (!latest) return;
  if (!isSecret(latest)) return copy(ctx, plainText(latest.value), `value of ${sanitizeText(name)}`);
  ctx.store.getState().setPrompt({kind: 'confirm', text: '', before: '',
    question: `Copy the SECRET value of ${sanitizeText(name)} to the clipboard (anything that reads the clipboard will have it)?`,
    onYes: () => s.port.get(name, {decrypt: true}).then((v) => {
      const text = plainText(v.value);
      if (text === undefined || !ctx.services.copy) return;
      ctx.services.copy(text);
      ctx.store.getState().setFlash({text: `copied the SECRET value of ${sanitizeText(name)} (version ${v.version}) to the clipboard`, tone: 'warn'});
    }, (e: unknown) => ctx.store.getState().setFlash({text: `could not decrypt: ${errorText(e)}`, tone: 'error'}))});
}

const argOf = (ctx: ActionContext) => currentScreen(ctx.store.getState()).arg ?? '';

function withDetail(run: (s: ParameterSession, ctx: ActionContext, name: string) => void): (ctx: ActionContext) => void {
  return (ctx) => {
    const s = session(ctx.services, ctx.store);
    if (s) run(s, ctx, argOf(ctx));
  };
}

const text: PaneText = {
  lines: (store, arg) => {
    const s = sessionForStore(store);
    if (!s || !arg) return ['Parameter Store is not available here'];
    return detailLines(s, arg, store.getState().now, s.revealSeconds);
  },
};

export const parameterDetailView = definePaneView({
  id: 'parameter-detail',
  title: 'Parameter',
  aliases: [],
  scopes: ['parameterDetail', 'detail'],
  lines: text.lines,
  actions: {
    ...paneActions(text),
    'parameterDetail.reveal': withDetail((s, ctx, name) => toggleReveal(ctx, s, name)),
    'parameterDetail.copyName': withDetail((_s, ctx, name) => copy(ctx, name, `name ${sanitizeText(name)}`)),
    'parameterDetail.copyArn': withDetail((s, ctx, name) => copy(ctx, s.meta.get(name)?.arn, 'ARN')),
    'parameterDetail.copyValue': withDetail((s, ctx, name) => copyValue(ctx, s, name)),
    'parameterDetail.history': withDetail((s, ctx, name) => openHistory(ctx, s, name)),
    'parameterDetail.edit': withDetail((s, ctx, name) => {
      const why = writeRefusal(ctx);
      if (why) return ctx.store.getState().setFlash({text: why, tone: 'warn'});
      editParameter(ctx, s, name, {stage: false});
    }),
  },
});
