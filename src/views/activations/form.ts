// The activation form (`c` in :activations): IAM role, registration limit, expiry, default instance name and
// description, checked as SSM would while each is typed. enter asks, creates it (audited with its id, role and limit
// only: the code is a secret) and shows the code once with the register lines.
import {activationProblems, DEFAULT_EXPIRY_MS, DEFAULT_REGISTRATION_LIMIT, type Activation, type NewActivation} from '../../fleet/activations/activation.js';
import {setRows} from '../../fleet/table-model.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {tone} from '../../components/style.js';
import {appendAudit} from '../../audit.js';
import type {AppStore} from '../../store/store.js';
import {loaded, put} from '../pane-loads.js';
import {definePaneView, type ActionContext} from '../view.js';
import {showCreated} from './created.js';
import {activationsView} from './activations-view.js';
import {ACTIVATION_READ_ONLY, RESOURCE_ID} from './services.js';
import {promptFields} from '../prompt-fields.js';

export interface ActivationForm {
  role: string;
  limit: string;
  /** Hours from now; empty is SSM's default (24 hours). */
  expiryHours: string;
  name: string;
  description: string;
}

type Field = keyof ActivationForm;
const FORM_KEY = 'activation-form';
const HOUR_MS = 3_600_000;

export function formOf(store: AppStore): ActivationForm | undefined {
  const e = loaded<ActivationForm>(store, FORM_KEY);
  return e?.state === 'ok' ? e.value : undefined;
}

const setForm = (store: AppStore, f: ActivationForm) => put(store, RESOURCE_ID, FORM_KEY, f);
const {live, edit} = promptFields<ActivationForm, Field>(formOf, setForm);

export function openActivationForm(ctx: ActionContext): void {
  const s = ctx.store.getState();
  if (ctx.readOnly) return s.setFlash({text: ACTIVATION_READ_ONLY.create, tone: 'warn'});
  if (!ctx.services.activations) return;
  setForm(ctx.store, {role: '', limit: String(DEFAULT_REGISTRATION_LIMIT), expiryHours: '', name: '', description: ''});
  s.push({view: 'activation-form', arg: 'new'});
}

/** The request the form describes, or the reasons it cannot be sent. */
export function activationRequest(f: ActivationForm, now: number): {ok: true; input: NewActivation} | {ok: false; problems: string[]} {
  const problems: string[] = [];
  const limit = f.limit.trim() === '' ? undefined : Number(f.limit.trim());
  const hours = f.expiryHours.trim() === '' ? undefined : Number(f.expiryHours.trim());
  if (hours !== undefined && !Number.isFinite(hours)) problems.push('the expiry is a number of hours');
  const input: NewActivation = {
    iamRole: f.role.trim(),
    ...(limit !== undefined ? {registrationLimit: limit} : {}),
    ...(hours !== undefined && Number.isFinite(hours) ? {expirationDate: now + Math.round(hours * HOUR_MS)} : {}),
    ...(f.name.trim() ? {defaultInstanceName: f.name.trim()} : {}),
    ...(f.description.trim() ? {description: f.description.trim()} : {}),
  };
  problems.push(...activationProblems(input, now));
  return problems.length ? {ok: false, problems} : {ok: true, input};
}

export function formLines(store: AppStore, saved: ActivationForm): string[] {
  const f = live(store, saved);
  const row = (key: string, label: string, value: string, empty: string) =>
    `  ${tone(key, 'accent')} ${label.padEnd(22)} ${value.trim() ? sanitizeText(value) : tone(empty, 'muted')}`;
  const check = activationRequest(f, store.getState().now);
  return [
    '  Create a hybrid activation',
    '',
    row('r', 'IAM role', f.role, '(required: a role name, e.g. SSMServiceRole)'),
    row('l', 'Registration limit', f.limit, '(1)'),
    row('x', 'Expires in (hours)', f.expiryHours, '(24)'),
    row('n', 'Default instance name', f.name, '(none)'),
    row('d', 'Description', f.description, '(none)'),
    '',
    ...(check.ok ? [tone('  enter creates it (asks first); the code is shown once', 'good')] : check.problems.map((p) => tone(`  ✗ ${sanitizeText(p)}`, 'bad'))),
  ];
}

function save(ctx: ActionContext): void {
  const s = ctx.store.getState();
  const api = ctx.services.activations;
  if (ctx.readOnly) return s.setFlash({text: ACTIVATION_READ_ONLY.create, tone: 'warn'});
  const f = formOf(ctx.store);
  if (!f || !api) return;
  const check = activationRequest(f, s.now);
  if (!check.ok) return s.setFlash({text: sanitizeText(check.problems.join('; ')), tone: 'warn'});
  const input = check.input;
  const limit = input.registrationLimit ?? DEFAULT_REGISTRATION_LIMIT;
  s.setPrompt({kind: 'confirm', text: '', before: '', question: `Create an activation for the role ${sanitizeText(input.iamRole)}, up to ${limit} node${limit === 1 ? '' : 's'}?`, onYes: () => {
    api.create(input).then((created) => {
      appendAudit({action: 'CreateActivation', identity: ctx.services.identity ?? 'unknown', activationId: created.activationId,
        iamRole: input.iamRole, registrationLimit: limit, via: 'dashboard'});
      const st = ctx.store.getState();
      st.pop();
      // The list shows the new activation at once (the next refresh reads it as SSM has it).
      const row: Activation = {activationId: created.activationId, description: input.description ?? '', defaultInstanceName: input.defaultInstanceName ?? '',
        iamRole: input.iamRole, registrationLimit: limit, registrationsCount: 0, expirationDate: input.expirationDate ?? st.now + DEFAULT_EXPIRY_MS,
        expired: false, createdDate: st.now, tags: input.tags ?? {}};
      st.updateTable<Activation>('activations', (t) => setRows(activationsView.table, t, [...t.rows, row]));
      showCreated(ctx, created);
    }, (e: unknown) => ctx.store.getState().setFlash({text: `create failed: ${errorText(e)}`, tone: 'error'}));
  }});
}

export const activationFormView = definePaneView({
  id: 'activation-form',
  title: 'Hybrid activation',
  aliases: [],
  scopes: ['activationForm'],
  lines: (store) => {
    const f = formOf(store);
    return f ? formLines(store, f) : ['no form open'];
  },
  actions: {
    'activationForm.role': (ctx) => edit(ctx, 'role', 'IAM role: the role name the registered nodes assume (needs AmazonSSMManagedInstanceCore)'),
    'activationForm.limit': (ctx) => edit(ctx, 'limit', 'registration limit: how many nodes may register, 1 to 1000'),
    'activationForm.expiry': (ctx) => edit(ctx, 'expiryHours', 'expiry: hours from now, up to 720 (30 days); empty = 24'),
    'activationForm.name': (ctx) => edit(ctx, 'name', 'default instance name: letters, digits, spaces and _.:/=+-@'),
    'activationForm.description': (ctx) => edit(ctx, 'description', 'description: up to 256 characters'),
    'activationForm.save': (ctx) => save(ctx),
  },
});
