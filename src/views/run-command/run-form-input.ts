// What the Run Command form does beyond editing its fields: loading the document list and the chosen document's
// schema, copying the aws CLI lines, sending the run when it is confirmed. Its keys: run-form-keys.ts.
import type {AppStore} from '../../store/store.js';
import type {Services} from '../view.js';
import {initTable} from '../../fleet/table-model.js';
import {auditedRun} from '../../fleet/run-command/audited-run.js';
import {summarize} from '../../fleet/run-command/command-status.js';
import type {RunSpec} from '../../fleet/run-command/run-orchestrator.js';
import type {LocalRun} from '../../fleet/run-command/run-registry.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {
  applySchema, chooseDocument, confirmationWord, confirmed, pickerChoices, validateForm, type RunForm,
} from '../../fleet/run-command/run-form.js';
import {rowPlace} from '../../fleet/contexts/row-place.js';
import {awsCliLines, SEND_COMMAND_MAX_IDS, type CliConnection} from '../../fleet/run-command/run-cli.js';
import {readOnlyContextRefusal, whereCli} from '../../fleet/run-command/run-contexts.js';
import {planRun, soleGuard} from './run-where.js';
import {markInsightsStale, startContextRun} from './start-context-run.js';
import {servicesIn} from '../contexts/services.js';

/** What the form's commands act on; `cli`: how the copied `aws` lines reach the same endpoint (region, profile, URL). */
export interface RunFormContext {
  store: AppStore;
  services: Services;
  cli: CliConnection;
}

/** Documents are read where the form's first target lives (with several contexts), so a context down elsewhere does not matter. */
function formServices(services: Services, f: RunForm): Services {
  return servicesIn(services, rowPlace(f.targets[0])?.context);
}

/** Copy the `aws ssm send-command` lines of the form as it stands, or show why it cannot be sent. */
export function copyCliLines({store, services, cli}: RunFormContext): void {
  const s = store.getState();
  const f = s.runForm;
  if (!f) return;
  const v = validateForm(f, s.instances);
  if (!v.ok) return s.setRunForm({...f, errors: v.errors});
  // Several contexts: each context's share with its own --profile/--region (or the local fleet's endpoint).
  const plan = planRun(store, services, f);
  // Over 50 ids: one command per batch, as SendCommand refuses a longer --instance-ids list.
  const lines = plan ? plan.parts.flatMap((p, i) => awsCliLines(p.spec, whereCli(plan.where[i], cli))) : awsCliLines(v.spec, cli);
  services.copy?.(lines.join('\n'));
  const contexts = plan && plan.where.length > 1 ? ` for ${plan.where.length} contexts` : '';
  s.setFlash({text: lines.length === 1 ? 'copied the aws ssm send-command line to the clipboard'
    : `copied ${lines.length} aws ssm send-command lines${contexts} (at most ${SEND_COMMAND_MAX_IDS} ids each) to the clipboard`, tone: 'info'});
}

/** Send the run once its confirmation is typed (when asked for) and the form still checks out. */
export function sendConfirmed({store, services}: RunFormContext): void {
  const s = store.getState();
  const current = s.runForm;
  if (!current) return;
  // Where it goes is read again now: the word to type follows the contexts it reaches (a protected one asks for it).
  const plan = planRun(store, services, current);
  const where = plan?.where ?? soleGuard(services, current, s.instances);
  const f = where ? {...current, where} : current;
  const refusal = where && readOnlyContextRefusal(where);
  if (refusal) return s.setRunForm({...f, stage: 'edit', confirmText: '', errors: [refusal]});
  const fleet = s.instances;
  if (!confirmed(f, fleet, s.confirmAbove)) return s.setRunForm({...f, errors: [`type ${confirmationWord(f, fleet, s.confirmAbove)} to confirm`]});
  const v = validateForm(f, fleet);
  if (!v.ok) return s.setRunForm({...f, stage: 'edit', errors: v.errors});
  s.setRunForm(undefined);
  if (plan) return startContextRun(store, services, plan.parts);
  startRun(store, services, v.spec);
}

/** Choose a document in the open picker, then load its parameters. */
export function chooseFromPicker({store, services}: RunFormContext): void {
  const f = store.getState().runForm;
  const picker = f?.picker;
  if (!f || !picker) return;
  const doc = pickerChoices(f, picker.docs ?? [], store.getState().instances, picker.query)[picker.cursor];
  if (!doc) return;
  store.getState().setRunForm(chooseDocument(f, doc.name));
  ensureDocumentSchema(store, services);
}

/** The searchable list of Command documents that run on the targets' platforms (ListDocuments, once per opening). */
export function openPicker(store: AppStore, services: Services, query: string): void {
  const f = store.getState().runForm;
  const api = f && formServices(services, f).runCommand;
  if (!f || !api) return;
  store.getState().setRunForm({...f, picker: {query, cursor: 0}});
  api.listDocuments().then(
    (docs) => {
      const cur = store.getState().runForm;
      if (!cur?.picker) return;
      // The cursor starts on the current document, so enter right away keeps it.
      const shown = pickerChoices(cur, docs, store.getState().instances, cur.picker.query);
      const cursor = Math.max(0, shown.findIndex((d) => d.name === cur.document));
      store.getState().setRunForm({...cur, picker: {...cur.picker, docs, cursor: cur.picker.query ? 0 : cursor}});
    },
    (e: unknown) => {
      const cur = store.getState().runForm;
      if (cur?.picker) {
        store.getState().setRunForm({...cur, picker: {...cur.picker, docs: [],
          error: `could not list documents: ${sanitizeText((e as Error).message ?? String(e))}`}});
      }
    },
  );
}

/** Fetch the form's document schema when it is not loaded (or loading) yet; called whenever the document changes. */
export function ensureDocumentSchema(store: AppStore, services: Services): void {
  const f = store.getState().runForm;
  const api = f && formServices(services, f).runCommand;
  if (!f || !api || f.schema?.doc === f.document) return;
  const doc = f.document;
  store.getState().setRunForm({...f, schema: {doc, status: 'loading'}});
  api.documentSchema(doc, f.documentVersion).then(
    (params) => {
      const cur = store.getState().runForm;
      if (!cur || cur.document !== doc) return;
      store.getState().setRunForm(applySchema(cur, doc, params));
      if (cur.stage === 'checking') review(store, services);
    },
    (e: unknown) => {
      const cur = store.getState().runForm;
      if (!cur || cur.document !== doc) return;
      const error = (e as {name?: string}).name === 'InvalidDocument'
        ? `no document named "${doc}"` : `could not read the document: ${sanitizeText((e as Error).message ?? String(e))}`;
      store.getState().setRunForm({...cur, schema: {doc, status: 'error', error},
        ...(cur.stage === 'checking' ? {stage: 'edit', errors: [`Document: ${error}`]} : {})});
    },
  );
}

/** Check everything before showing the confirmation; wait for the document's schema when it is still on its way. */
export function review(store: AppStore, services: Services): void {
  const f = store.getState().runForm;
  if (!f) return;
  if (!services.runCommand) return store.getState().setRunForm({...f, errors: ['Run Command is not available here']});
  if (f.schema?.doc !== f.document || f.schema.status === 'loading') {
    store.getState().setRunForm({...f, stage: 'checking', errors: []});
    return ensureDocumentSchema(store, services);
  }
  const v = validateForm(f, store.getState().instances);
  if (!v.ok) return store.getState().setRunForm({...f, stage: 'edit', errors: v.errors});
  // Several contexts: the confirmation shows the breakdown by account and region; a read-only one refuses here.
  const where = planRun(store, services, f)?.where ?? soleGuard(services, f, store.getState().instances);
  const refusal = where && readOnlyContextRefusal(where);
  if (refusal) return store.getState().setRunForm({...f, stage: 'edit', errors: [refusal]});
  store.getState().setRunForm({...f, stage: 'confirm', confirmText: '', errors: [], where});
}

/** The run goes on in the background; its results view opens as soon as SSM accepts the first SendCommand. */
function startRun(store: AppStore, services: Services, spec: RunSpec): void {
  const api = services.runCommand;
  if (!api) return;
  const s = store.getState();
  s.addActiveRuns(1);
  const cancel = new AbortController();
  let run: LocalRun | undefined;
  let opened = false;
  let interrupted = '';
  auditedRun(api, spec, services.identity ?? 'unknown', 'dashboard', {
    cancel: cancel.signal,
    onSent: ({commandId}) => {
      if (opened) return run && services.runs?.addCommand(run, commandId);
      opened = true;
      run = services.runs?.begin(commandId, cancel);
      store.getState().updateTable('command-results', () => initTable('status'));
      store.getState().push({view: 'command-results', arg: commandId});
    },
    onUpdate: (st) => {
      // Calls failing (throttling, 5xx, endpoint down) interrupt the following, never the run: say so until it
      // answers again.
      const trouble = st.interrupted ? `run: following interrupted (${st.interrupted.error}); retrying — the run goes on in SSM` : '';
      if (trouble && trouble !== interrupted) store.getState().setFlash({text: trouble, tone: 'warn'});
      else if (!trouble && interrupted) store.getState().setFlash({text: 'run: following again', tone: 'info'});
      interrupted = trouble;
      if (!run) return;
      // Ids the orchestrator has not sent yet are Pending, as SSM shows invocations waiting for concurrency.
      const waiting = spec.targets.kind === 'ids' ? spec.targets.ids.filter((id) => !st.invocations.has(id)) : [];
      services.runs?.update(run, [...st.invocations.values(), ...waiting.map((instanceId) => ({commandId: '', instanceId,
        statusDetails: 'Pending', responseCode: -1, output: '', outputTruncated: false}))], st.done);
    },
  }).then(
    (st) => {
      markInsightsStale(store, [...st.invocations.values()].map((i) => i.instanceId));
      const sum = summarize(st.invocations.values());
      const parts = Object.entries(sum.byStatusDetails).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
      if (st.unfollowed) {
        if (run) services.runs?.update(run, run.invocations, false, st.unfollowed);
        return store.getState().setFlash({text: `run not followed to the end: ${st.unfollowed}; what was sent goes on in SSM ` +
          `(see :commands) — so far ${parts.join(', ') || 'nothing reported'}`, tone: 'error'});
      }
      store.getState().setFlash({text: `run finished: ${parts.join(', ')}${st.thresholdStopped ? ' (error threshold reached)' : ''}`,
        tone: sum.ErrorCount > 0 || st.thresholdStopped ? 'warn' : 'info'});
    },
    (e: unknown) => store.getState().setFlash({text: `Run Command failed: ${sanitizeText((e as Error).message ?? String(e))}`, tone: 'error'}),
  ).finally(() => store.getState().addActiveRuns(-1));
}
