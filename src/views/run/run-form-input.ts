// Keys while the Run Command form is open, and sending the run when it is confirmed.
import type {AppStore} from '../../store/store.js';
import type {Services} from '../view.js';
import {validateParameters} from '../../fleet/document-params.js';
import {initTable} from '../../fleet/table-model.js';
import {auditedRun} from '../../fleet/audited-run.js';
import {summarize} from '../../fleet/command-status.js';
import type {RunSpec} from '../../fleet/run-orchestrator.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {awsCliLine, confirmed, editField, moveFocus, validateForm, type RunForm} from '../../fleet/run-form.js';

export function handleRunFormKey(store: AppStore, services: Services, key: string, input: string): void {
  const s = store.getState();
  const f = s.runForm;
  if (!f) return;
  const set = (next: RunForm) => s.setRunForm(next);
  if (f.stage === 'checking') return;
  if (key === 'ctrl+y') {
    const v = validateForm(f);
    if (v.ok) {
      services.copy?.(awsCliLine(v.spec));
      s.setFlash({text: 'copied the aws ssm send-command line to the clipboard', tone: 'info'});
    }
    return;
  }
  if (f.stage === 'confirm') {
    if (key === 'esc') return set({...f, stage: 'edit', confirmText: '', errors: []});
    if (key === 'backspace') return set({...f, confirmText: f.confirmText.slice(0, -1)});
    if (key === 'enter') {
      if (!confirmed(f)) return set({...f, errors: [`type ${f.targets.length} to confirm`]});
      const v = validateForm(f);
      if (!v.ok) return set({...f, stage: 'edit', errors: v.errors});
      s.setRunForm(undefined);
      startRun(store, services, v.spec);
      return;
    }
    if (/^[0-9]$/.test(input)) set({...f, confirmText: f.confirmText + input});
    return;
  }
  switch (key) {
    case 'esc':
      return s.setRunForm(undefined);
    case 'tab':
      return set(moveFocus(f, 1));
    case 'shift+tab':
      return set(moveFocus(f, -1));
    case 'enter':
      return set(f.focus === 'commands' ? editField(f, (v) => `${v}\n`) : moveFocus(f, 1));
    case 'backspace':
      return set(editField(f, (v) => v.slice(0, -1)));
    case 'ctrl+u':
      return set(editField(f, () => ''));
    case 'ctrl+s':
      return review(store, services);
    default:
      if (!input || key.startsWith('ctrl+') || key.startsWith('alt+') || /^(up|down|left|right|pg|home|end)/.test(key)) return;
      set(editField(f, (v) => v + sanitizeText(key === 'space' ? ' ' : input)));
  }
}

/** Check everything, including the document's own parameter schema, before showing the confirmation. */
function review(store: AppStore, services: Services): void {
  const f = store.getState().runForm;
  if (!f) return;
  const v = validateForm(f);
  if (!v.ok) return store.getState().setRunForm({...f, errors: v.errors});
  const api = services.runCommand;
  if (!api) return store.getState().setRunForm({...f, errors: ['Run Command is not available here']});
  store.getState().setRunForm({...f, stage: 'checking', errors: []});
  api.documentSchema(v.spec.documentName).then(
    (schema) => {
      const cur = store.getState().runForm;
      if (!cur) return;
      const errors = validateParameters(schema, v.spec.parameters);
      store.getState().setRunForm({...cur, stage: errors.length ? 'edit' : 'confirm', errors});
    },
    (e: unknown) => {
      const cur = store.getState().runForm;
      if (!cur) return;
      const msg = (e as {name?: string}).name === 'InvalidDocument'
        ? `Document: no document named "${v.spec.documentName}"` : `could not check the document: ${(e as Error).message}`;
      store.getState().setRunForm({...cur, stage: 'edit', errors: [msg]});
    },
  );
}

/** The run goes on in the background; its results view opens as soon as SSM accepts the first SendCommand. */
function startRun(store: AppStore, services: Services, spec: RunSpec): void {
  const api = services.runCommand;
  if (!api) return;
  const s = store.getState();
  s.addActiveRuns(1);
  let opened = false;
  auditedRun(api, spec, services.identity ?? 'unknown', 'dashboard', {
    onSent: ({commandId}) => {
      if (opened) return;
      opened = true;
      store.getState().updateTable('command-results', () => initTable('status'));
      store.getState().push({view: 'command-results', arg: commandId});
    },
  }).then(
    (st) => {
      const sum = summarize(st.invocations.values());
      const parts = Object.entries(sum.byStatusDetails).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
      store.getState().setFlash({text: `run finished: ${parts.join(', ')}${st.thresholdStopped ? ' (error threshold reached)' : ''}`,
        tone: sum.ErrorCount > 0 || st.thresholdStopped ? 'warn' : 'info'});
    },
    (e: unknown) => store.getState().setFlash({text: `Run Command failed: ${sanitizeText((e as Error).message ?? String(e))}`, tone: 'error'}),
  ).finally(() => store.getState().addActiveRuns(-1));
}
