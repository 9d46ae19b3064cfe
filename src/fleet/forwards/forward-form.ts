// The port-forward form (`F` on an instance) as pure state: four fields, presets from the instance's
// `fleetdeck:forward` tag (e.g. "5432,8080"), editing and validation. Rendering is views/forwards/form.ts; keys
// are views/forwards/form-input.ts.
import {FORWARD_TAG, parsePort} from '../../session/port-forward-documents.js';
import {sanitizeText} from '../sanitize.js';

export type ForwardField = 'remotePort' | 'localPort' | 'remoteHost' | 'name';
export const FORWARD_FIELDS: readonly ForwardField[] = ['remotePort', 'localPort', 'remoteHost', 'name'];

export interface ForwardForm {
  instanceId: string;
  instanceName: string;
  values: Record<ForwardField, string>;
  focus: ForwardField;
  /** Remote ports suggested by the tag, in tag order. */
  presets: readonly number[];
  error?: string;
  /** Submitted: the forward is opening. */
  starting?: boolean;
}

/** What the form asks for, validated. */
export interface ForwardSpec {
  instanceId: string;
  instanceName: string;
  remotePort: number;
  /** 0: any free port. */
  localPort: number;
  remoteHost?: string;
  name: string;
}

/** Ports named by the tag value: numbers separated by commas or spaces; anything else is ignored. */
export function forwardPresets(tagValue: string | undefined): number[] {
  if (tagValue === undefined) return [];
  const ports = tagValue.split(/[\s,;]+/).map((p) => parsePort(p)).filter((p): p is number => p !== undefined);
  return [...new Set(ports)].slice(0, 9);
}

export function openForwardForm(instance: {instanceId: string; name: string; tags: Readonly<Record<string, string>>}): ForwardForm {
  const presets = forwardPresets(instance.tags[FORWARD_TAG]);
  const first = presets[0];
  return {
    instanceId: instance.instanceId,
    instanceName: sanitizeText(instance.name),
    values: {remotePort: first === undefined ? '' : String(first), localPort: '', remoteHost: '', name: ''},
    focus: 'remotePort',
    presets,
  };
}

export function moveFocus(form: ForwardForm, delta: 1 | -1): ForwardForm {
  const at = FORWARD_FIELDS.indexOf(form.focus);
  const next = FORWARD_FIELDS[(at + delta + FORWARD_FIELDS.length) % FORWARD_FIELDS.length] ?? 'remotePort';
  return {...form, focus: next};
}

/** Sets the focused field (typing, backspace); clears the error. */
export function setFieldValue(form: ForwardForm, value: string): ForwardForm {
  const limit = form.focus === 'remoteHost' ? 253 : form.focus === 'name' ? 40 : 5;
  const {error: _error, ...rest} = form;
  return {...rest, values: {...form.values, [form.focus]: sanitizeText(value).slice(0, limit)}};
}

/** Steps the remote port through the presets (from the current value). */
export function cyclePreset(form: ForwardForm, delta: 1 | -1): ForwardForm {
  if (form.presets.length === 0) return form;
  const at = form.presets.indexOf(Number(form.values.remotePort));
  const next = at < 0 ? (delta > 0 ? 0 : form.presets.length - 1) : (at + delta + form.presets.length) % form.presets.length;
  const {error: _error, ...rest} = form;
  return {...rest, values: {...form.values, remotePort: String(form.presets[next])}};
}

export function validateForwardForm(form: ForwardForm): {ok: true; spec: ForwardSpec} | {ok: false; error: string; field: ForwardField} {
  const v = form.values;
  const remotePort = parsePort(v.remotePort);
  if (remotePort === undefined) return {ok: false, field: 'remotePort', error: 'remote port: a number from 1 to 65535'};
  const localPort = v.localPort.trim() === '' || v.localPort.trim() === 'auto' ? 0 : parsePort(v.localPort, true);
  if (localPort === undefined) return {ok: false, field: 'localPort', error: 'local port: empty (auto) or a number from 1 to 65535'};
  const host = v.remoteHost.trim();
  if (host !== '' && !/^[A-Za-z0-9.:_-]{1,253}$/.test(host)) return {ok: false, field: 'remoteHost', error: 'remote host: a host name or address'};
  const name = v.name.trim() || `${form.instanceName || form.instanceId}:${remotePort}`;
  return {
    ok: true,
    spec: {instanceId: form.instanceId, instanceName: form.instanceName, remotePort, localPort, name, ...(host === '' ? {} : {remoteHost: host})},
  };
}
