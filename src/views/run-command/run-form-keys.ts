// The Run Command form's commands, one controller per stage (fields, document picker, confirmation) plus the ones
// every stage has. The keys are data (keys/mode-commands.ts); typing into a field is not a binding: it reaches
// typeIntoRunForm for keys no command is bound to.
import type {Controller} from '../../keys/controller.js';
import {cycleValue, editField, isMultiline, moveFocus, pickerChoices, type RunForm} from '../../fleet/run-command/run-form.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {chooseFromPicker, copyCliLines, openPicker, review, sendConfirmed, type RunFormContext} from './run-form-input.js';

type Picker = NonNullable<RunForm['picker']>;

const form = (c: RunFormContext) => c.store.getState().runForm;

function setForm(c: RunFormContext, next: (f: RunForm) => RunForm): void {
  const f = form(c);
  if (f) c.store.getState().setRunForm(next(f));
}

function setPicker(c: RunFormContext, next: (p: Picker) => Partial<Picker>): void {
  setForm(c, (f) => (f.picker ? {...f, picker: {...f.picker, ...next(f.picker)}} : f));
}

/** The arrows move between fields except inside a list field, where they belong to the text. */
const inListField = (c: RunFormContext) => {
  const f = form(c);
  return f && isMultiline(f, f.focus) ? 'inside a list field' : undefined;
};

/** How many documents the picker lists for its search. */
const pickerSize = (c: RunFormContext) => {
  const f = form(c);
  return f?.picker ? pickerChoices(f, f.picker.docs ?? [], c.store.getState().instances, f.picker.query).length : 0;
};

export const RUN_FORM_ANY_STAGE: Controller<'runForm', RunFormContext> = {
  'runForm.copyCli': {run: copyCliLines},
};

export const RUN_FORM_EDIT: Controller<'runFormEdit', RunFormContext> = {
  'runForm.send': {run: (c) => review(c.store, c.services)},
  'runForm.next': {run: (c) => setForm(c, (f) => moveFocus(f, 1))},
  'runForm.prev': {run: (c) => setForm(c, (f) => moveFocus(f, -1))},
  'runForm.down': {run: (c) => setForm(c, (f) => moveFocus(f, 1)), disabled: inListField},
  'runForm.up': {run: (c) => setForm(c, (f) => moveFocus(f, -1)), disabled: inListField},
  'runForm.valuePrev': {run: (c) => setForm(c, (f) => cycleValue(f, -1))},
  'runForm.valueNext': {run: (c) => setForm(c, (f) => cycleValue(f, 1))},
  'runForm.enter': {run: (c) => {
    const f = form(c);
    if (!f) return;
    if (f.focus === 'document') return openPicker(c.store, c.services, '');
    c.store.getState().setRunForm(isMultiline(f, f.focus) ? editField(f, (v) => `${v}\n`) : moveFocus(f, 1));
  }},
  'runForm.deleteChar': {run: (c) => setForm(c, (f) => editField(f, (v) => v.slice(0, -1)))},
  'runForm.clearField': {run: (c) => setForm(c, (f) => editField(f, () => ''))},
  'runForm.cancel': {run: (c) => c.store.getState().setRunForm(undefined)},
};

export const RUN_FORM_PICKER: Controller<'runFormPicker', RunFormContext> = {
  'runForm.pickerChoose': {run: chooseFromPicker},
  'runForm.pickerDown': {run: (c) => setPicker(c, (p) => ({cursor: Math.min(Math.max(0, pickerSize(c) - 1), p.cursor + 1)}))},
  'runForm.pickerUp': {run: (c) => setPicker(c, (p) => ({cursor: Math.max(0, p.cursor - 1)}))},
  'runForm.pickerDeleteChar': {run: (c) => setPicker(c, (p) => ({query: p.query.slice(0, -1), cursor: 0}))},
  'runForm.pickerClear': {run: (c) => setPicker(c, () => ({query: '', cursor: 0}))},
  'runForm.pickerClose': {run: (c) => setForm(c, (f) => ({...f, picker: undefined}))},
};

export const RUN_FORM_CONFIRM: Controller<'runFormConfirm', RunFormContext> = {
  'runForm.confirmSend': {run: sendConfirmed},
  'runForm.confirmBack': {run: (c) => setForm(c, (f) => ({...f, stage: 'edit', confirmText: '', errors: []}))},
  'runForm.confirmDeleteChar': {run: (c) => setForm(c, (f) => ({...f, confirmText: f.confirmText.slice(0, -1)}))},
};

export const RUN_FORM_CONTROLLERS = {...RUN_FORM_ANY_STAGE, ...RUN_FORM_EDIT, ...RUN_FORM_PICKER, ...RUN_FORM_CONFIRM};

/** Printable text typed into the form: the focused field, the picker's search, or the confirmation word. */
export function typeIntoRunForm(c: RunFormContext, typed: string): void {
  const f = form(c);
  if (!f || f.stage === 'checking') return;
  const text = sanitizeText(typed);
  if (f.picker) return setPicker(c, (p) => ({query: p.query + text, cursor: 0}));
  if (f.stage === 'confirm') {
    if (/^[0-9a-zA-Z]$/.test(typed)) c.store.getState().setRunForm({...f, confirmText: f.confirmText + typed});
    return;
  }
  if (f.focus === 'document') return openPicker(c.store, c.services, text);
  c.store.getState().setRunForm(editField(f, (v) => v + text));
}
