// The create / edit-rules form for a patch baseline: name and operating system (new baselines only), one approval
// rule (classifications, severities, delay, compliance level) and the exceptions. Each field is edited in the prompt
// line; enter checks it as Patch Manager would, asks, creates or updates (audited) and opens the baseline.
import {appendAudit} from '../../audit.js';
import {checkBaselineForm, nextComplianceLevel, nextOperatingSystem, type BaselineForm} from '../../fleet/baselines/baseline-form.js';
import {ruleSummary} from '../../fleet/baselines/summary.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {bold, tone} from '../../components/style.js';
import {currentScreen, type AppStore} from '../../store/store.js';
import {definePaneView, type ActionContext} from '../view.js';
import {baselinesChanged} from './changes.js';
import {formOf, loadBaseline, openBaseline, setForm} from './open.js';
import {createRefusal, editRefusal} from './refusals.js';

type TextField = 'name' | 'classifications' | 'severities' | 'approveAfterDays' | 'approved' | 'rejected';

export function formLines(f: BaselineForm): string[] {
  const row = (key: string, label: string, value: string) => `  ${tone(key, 'accent')} ${label.padEnd(16)} ${value}`;
  const none = tone('(none)', 'muted');
  const check = checkBaselineForm(f);
  const fixed = f.baselineId ? tone('  (fixed)', 'muted') : '';
  return [
    f.baselineId ? `  Edit the rules of ${bold(sanitizeText(f.name))}` : '  Create a patch baseline',
    '',
    row('n', 'Name', `${f.name ? sanitizeText(f.name) : none}${fixed}`),
    row('o', 'Operating system', `${f.operatingSystem}${fixed}`),
    '',
    '  Approval rule',
    row('c', 'Classifications', sanitizeText(f.classifications) || tone('(any)', 'muted')),
    row('v', 'Severities', sanitizeText(f.severities) || tone('(any)', 'muted')),
    row('a', 'Approve after', f.approveAfterDays ? `${sanitizeText(f.approveAfterDays)} days` : tone('(at release)', 'muted')),
    row('l', 'Compliance', f.complianceLevel),
    ...(f.keep?.otherRules.length ? [tone(`    and its other rules, kept: ${sanitizeText(f.keep.otherRules.map(ruleSummary).join('; '))}`, 'muted')] : []),
    '',
    '  Exceptions',
    row('A', 'Approved', sanitizeText(f.approved) || none),
    row('R', 'Rejected', sanitizeText(f.rejected) || none),
    row('b', 'Rejected action', f.rejectedAction),
    '',
    check.ok ? tone(`  ${check.rules.rules[0] ? sanitizeText(ruleSummary(check.rules.rules[0])) : ''} · enter ${f.baselineId ? 'saves' : 'creates'} it (asks first)`, 'good')
      : tone(`  ✗ ${sanitizeText(check.error)}`, 'bad'),
  ];
}

function edit(ctx: ActionContext, field: TextField, hint: string): void {
  const f = formOf(ctx.store);
  if (!f) return;
  if (field === 'name' && f.baselineId) return ctx.store.getState().setFlash({text: 'the name is fixed here: this form edits the rules', tone: 'info'});
  const s = ctx.store.getState();
  s.setFlash({text: hint, tone: 'info'});
  s.setPrompt({kind: 'search', text: f[field], before: '', onSubmit: (text) => {
    const now = formOf(ctx.store);
    if (now) setForm(ctx.store, {...now, [field]: text.trim()});
  }});
}

function update(store: AppStore, fn: (f: BaselineForm) => BaselineForm): void {
  const f = formOf(store);
  if (f) setForm(store, fn(f));
}

function save(ctx: ActionContext): void {
  const s = ctx.store.getState();
  const f = formOf(ctx.store);
  const api = ctx.services.baselines;
  const why = f?.baselineId ? editRefusal(ctx) : createRefusal(ctx);
  if (why) return s.setFlash({text: why, tone: 'warn'});
  if (!f || !api) return;
  const check = checkBaselineForm(f);
  if (!check.ok) return s.setFlash({text: sanitizeText(check.error), tone: 'warn'});
  const summary = check.rules.rules[0] ? ruleSummary(check.rules.rules[0]) : '';
  const identity = ctx.services.identity ?? 'unknown';
  const done = (id: string, text: string) => {
    const st = ctx.store.getState();
    st.pop();
    st.setFlash({text, tone: 'info'});
    baselinesChanged(ctx.services);
    // Edited from its detail: that screen shows it again; created: its detail opens.
    const under = currentScreen(ctx.store.getState());
    if (under.view === 'baseline' && under.arg === id) loadBaseline(ctx, id);
    else openBaseline(ctx, id);
  };
  const fail = (e: unknown) => ctx.store.getState().setFlash({text: `${f.baselineId ? 'save' : 'create'} failed: ${errorText(e)}`, tone: 'error'});
  const id = f.baselineId;
  if (id) {
    s.setPrompt({kind: 'confirm', text: '', before: '', question: `Replace the rules of ${sanitizeText(f.name)} (${sanitizeText(summary)})?`, onYes: () => {
      const {operatingSystem: _os, ...rules} = check.rules;
      api.update(id, {rules}).then(() => {
        appendAudit({action: 'UpdatePatchBaseline', identity, baselineId: id, name: f.name, rules: summary, via: 'dashboard'});
        done(id, `saved the rules of ${sanitizeText(f.name)}`);
      }, fail);
    }});
    return;
  }
  s.setPrompt({kind: 'confirm', text: '', before: '', question: `Create ${sanitizeText(check.request.name)} for ${f.operatingSystem} (${sanitizeText(summary)})?`, onYes: () => {
    api.create(check.request).then((newId) => {
      appendAudit({action: 'CreatePatchBaseline', identity, baselineId: newId, name: check.request.name, operatingSystem: f.operatingSystem,
        rules: summary, via: 'dashboard'});
      done(newId, `created ${sanitizeText(check.request.name)}`);
    }, fail);
  }});
}

export const baselineFormView = definePaneView({
  id: 'baseline-form',
  title: 'Patch baseline',
  aliases: [],
  scopes: ['baselineForm'],
  lines: (store) => {
    const f = formOf(store);
    return f ? formLines(f) : ['no form open'];
  },
  actions: {
    'baselineForm.name': (ctx) => edit(ctx, 'name', 'name: 3 to 128 letters, digits, _ - .'),
    'baselineForm.os': (ctx) => update(ctx.store, nextOperatingSystem),
    'baselineForm.classification': (ctx) => edit(ctx, 'classifications', 'classifications, comma separated: Security, Bugfix (Linux); SecurityUpdates, CriticalUpdates (Windows)'),
    'baselineForm.severity': (ctx) => edit(ctx, 'severities', 'severities, comma separated: Critical, Important, Medium, Low'),
    'baselineForm.delay': (ctx) => edit(ctx, 'approveAfterDays', 'approve after: days after release, 0 to 360'),
    'baselineForm.level': (ctx) => update(ctx.store, nextComplianceLevel),
    'baselineForm.approved': (ctx) => edit(ctx, 'approved', 'approved patches, comma separated (names, KB ids; * wildcards)'),
    'baselineForm.rejected': (ctx) => edit(ctx, 'rejected', 'rejected patches, comma separated (names, KB ids; * wildcards)'),
    'baselineForm.rejectedAction': (ctx) => update(ctx.store, (f) => ({...f, rejectedAction: f.rejectedAction === 'BLOCK' ? 'ALLOW_AS_DEPENDENCY' : 'BLOCK'})),
    'baselineForm.save': (ctx) => save(ctx),
  },
});
