// Keys while the Run Command form is open; loading the document list and the chosen document's schema; sending the
// run when it is confirmed.
import type {AppStore} from '../../store/store.js';
import type {Services} from '../view.js';
import {initTable} from '../../fleet/table-model.js';
import {auditedRun} from '../../fleet/audited-run.js';
import {summarize} from '../../fleet/command-status.js';
import type {RunSpec} from '../../fleet/run-orchestrator.js';
import type {LocalRun} from '../../fleet/run-registry.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {
  applySchema, chooseDocument, confirmationWord, confirmed, cycleValue, editField, isMultiline, moveFocus,
  pickerChoices, validateForm, type RunForm,
} from '../../fleet/run-form.js';
import {awsCliLines, SEND_COMMAND_MAX_IDS, type CliConnection} from '../../fleet/run-cli.js';

const isTyping = (key: string, input: string) =>
  !!input && !key.startsWith('ctrl+') && !key.startsWith('alt+') && !/^(up|down|left|right|pg|home|end|tab|enter|esc|backspace|delete)/.test(key);

/** `cli`: how the copied `aws` lines reach the same endpoint (region, profile, endpoint URL). */
export function handleRunFormKey(store: AppStore, services: Services, key: string, input: string, cli: CliConnection = {}): void {
  const s = store.getState();
  const f = s.runForm;
  if (!f) return;
  const set = (next: RunForm) => s.setRunForm(next);
  const fleet = s.instances;
  if (f.stage === 'checking') return;
  if (key === 'ctrl+y') {
    const v = validateForm(f, fleet);
    if (v.ok) {
      // Over 50 ids: one command per batch, as SendCommand refuses a longer --instance-ids list.
      const lines = awsCliLines(v.spec, cli);
      services.copy?.(lines.join('\n'));
      s.setFlash({text: lines.length === 1 ? 'copied the aws ssm send-command line to the clipboard'
        : `copied ${lines.length} aws ssm send-command lines (at most ${SEND_COMMAND_MAX_IDS} ids each) to the clipboard`, tone: 'info'});
    } else set({...f, errors: v.errors});
    return;
  }
  if (f.picker) return pickerKey(store, services, f, key, input);
  if (f.stage === 'confirm') {
    if (key === 'esc') return set({...f, stage: 'edit', confirmText: '', errors: []});
    if (key === 'backspace') return set({...f, confirmText: f.confirmText.slice(0, -1)});
    if (key === 'enter') {
      if (!confirmed(f, fleet, s.confirmAbove)) return set({...f, errors: [`type ${confirmationWord(f, fleet, s.confirmAbove)} to confirm`]});
      const v = validateForm(f, fleet);
      if (!v.ok) return set({...f, stage: 'edit', errors: v.errors});
      s.setRunForm(undefined);
      startRun(store, services, v.spec);
      return;
    }
    if (/^[0-9a-zA-Z]$/.test(input)) set({...f, confirmText: f.confirmText + input});
    return;
  }
  const multiline = isMultiline(f, f.focus);
  switch (key) {
    case 'esc':
      return s.setRunForm(undefined);
    case 'tab':
      return set(moveFocus(f, 1));
    case 'shift+tab':
      return set(moveFocus(f, -1));
    case 'down':
      return multiline ? undefined : set(moveFocus(f, 1));
    case 'up':
      return multiline ? undefined : set(moveFocus(f, -1));
    case 'left':
      return set(cycleValue(f, -1));
    case 'right':
      return set(cycleValue(f, 1));
    case 'enter':
      if (f.focus === 'document') return openPicker(store, services, '');
      return set(multiline ? editField(f, (v) => `${v}\n`) : moveFocus(f, 1));
    case 'backspace':
      return set(editField(f, (v) => v.slice(0, -1)));
    case 'ctrl+u':
      return set(editField(f, () => ''));
    case 'ctrl+s':
      return review(store, services);
    default: {
      if (!isTyping(key, input)) return;
      const text = sanitizeText(key === 'space' ? ' ' : input);
      if (f.focus === 'document') return openPicker(store, services, text);
      set(editField(f, (v) => v + text));
    }
  }
}

function pickerKey(store: AppStore, services: Services, f: RunForm, key: string, input: string): void {
  const picker = f.picker;
  if (!picker) return;
  const set = (p: Partial<typeof picker>) => store.getState().setRunForm({...f, picker: {...picker, ...p}});
  const matches = pickerChoices(f, picker.docs ?? [], store.getState().instances, picker.query);
  switch (key) {
    case 'esc':
      return store.getState().setRunForm({...f, picker: undefined});
    case 'down':
    case 'tab':
      return set({cursor: Math.min(matches.length - 1, picker.cursor + 1)});
    case 'up':
    case 'shift+tab':
      return set({cursor: Math.max(0, picker.cursor - 1)});
    case 'enter': {
      const doc = matches[picker.cursor];
      if (!doc) return;
      store.getState().setRunForm(chooseDocument(f, doc.name));
      return ensureDocumentSchema(store, services);
    }
    case 'backspace':
      return set({query: picker.query.slice(0, -1), cursor: 0});
    case 'ctrl+u':
      return set({query: '', cursor: 0});
    default:
      if (isTyping(key, input)) set({query: picker.query + sanitizeText(key === 'space' ? ' ' : input), cursor: 0});
  }
}

/** The searchable list of Command documents that run on the targets' platforms (ListDocuments, once per opening). */
function openPicker(store: AppStore, services: Services, query: string): void {
  const f = store.getState().runForm;
  const api = services.runCommand;
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
  const api = services.runCommand;
  if (!f || !api || f.schema?.doc === f.document) return;
  const doc = f.document;
  store.getState().setRunForm({...f, schema: {doc, status: 'loading'}});
  api.documentSchema(doc).then(
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
function review(store: AppStore, services: Services): void {
  const f = store.getState().runForm;
  if (!f) return;
  if (!services.runCommand) return store.getState().setRunForm({...f, errors: ['Run Command is not available here']});
  if (f.schema?.doc !== f.document || f.schema.status === 'loading') {
    store.getState().setRunForm({...f, stage: 'checking', errors: []});
    return ensureDocumentSchema(store, services);
  }
  const v = validateForm(f, store.getState().instances);
  store.getState().setRunForm(v.ok ? {...f, stage: 'confirm', confirmText: '', errors: []} : {...f, stage: 'edit', errors: v.errors});
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
