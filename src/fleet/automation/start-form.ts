// The start-a-runbook form as data: the runbook's parameters (types, defaults, allowed values and patterns, required
// ones, as the Run Command form checks them), targets for a rate-controlled run (the marked instances or a target
// expression, fanned out on one parameter) with max concurrency and max errors, Auto or Interactive; what
// StartAutomationExecution gets from it, and the same request as an `aws ssm start-automation-execution` line.
import {validateParameters, type DocParam} from '../run-command/document-params.js';
import {parseRateValue} from '../run-command/rate-control.js';
import {parseRunTargets} from '../run-command/run-targets.js';
import type {CliConnection} from '../run-command/run-cli.js';
import type {AutomationMode, AutomationTarget} from './execution.js';
import type {StartAutomationRequest} from './port.js';

export interface StartForm {
  readonly documentName: string;
  readonly documentVersion?: string;
  /** The runbook's parameters; undefined while its content loads. */
  readonly params: readonly DocParam[] | undefined;
  /** Values typed per parameter (a StringList's values separated by commas or newlines); absent: the default. */
  readonly values: Readonly<Record<string, string>>;
  /** Instances marked in the instances table when the form opened. */
  readonly marked: readonly string[];
  /** Rate control: empty runs once with the parameters; else a target expression, or `marked`. */
  readonly targetText: string;
  /** The parameter each target's value goes to (TargetParameterName). */
  readonly targetParameterName: string;
  readonly maxConcurrency: string;
  readonly maxErrors: string;
  readonly mode: AutomationMode;
}

/** The parameter instances are given to: InstanceId (Amazon's EC2 runbooks), else the first with "Instance" in it. */
export function instanceParameter(params: readonly DocParam[]): string | undefined {
  return params.find((p) => p.name === 'InstanceId')?.name ?? params.find((p) => /instance/i.test(p.name))?.name;
}

export function openStartForm(documentName: string, marked: readonly string[], documentVersion?: string): StartForm {
  return {documentName, ...(documentVersion ? {documentVersion} : {}), params: undefined, values: {}, marked, targetText: '',
    targetParameterName: '', maxConcurrency: '10', maxErrors: '1', mode: 'Auto'};
}

/** The runbook's parameters arrived: marked instances go to its instance parameter (a single run over them). */
export function withSchema(f: StartForm, params: readonly DocParam[]): StartForm {
  const target = instanceParameter(params);
  const values = {...f.values};
  if (target && f.marked.length && values[target] === undefined) values[target] = f.marked.join(',');
  return {...f, params, values, targetParameterName: f.targetParameterName || target || ''};
}

/** Re-run: the same runbook with the values an earlier execution had. */
export function withValues(f: StartForm, given: Readonly<Record<string, readonly string[]>>): StartForm {
  return {...f, values: Object.fromEntries(Object.entries(given).map(([k, v]) => [k, v.join(',')]))};
}

const isList = (p: DocParam | undefined) => p?.type === 'StringList' || p?.type === 'MapList';

/** "name=value" sets a parameter (empty: back to its default); an error for an unknown name or a bad shape. */
export function setValue(f: StartForm, text: string): {ok: true; form: StartForm} | {ok: false; error: string} {
  const eq = text.indexOf('=');
  if (eq <= 0) return {ok: false, error: `"${text}" must be name=value, e.g. InstanceId=i-0123456789abcdef0`};
  const name = text.slice(0, eq).trim();
  if (f.params && !f.params.some((p) => p.name === name)) {
    return {ok: false, error: `unknown parameter "${name}" (this runbook takes: ${f.params.map((p) => p.name).join(', ') || 'none'})`};
  }
  const {[name]: _old, ...rest} = f.values;
  const value = text.slice(eq + 1);
  return {ok: true, form: {...f, values: value === '' ? rest : {...rest, [name]: value}}};
}

/** The values StartAutomationExecution gets: those typed (lists split), the fan-out parameter left to the targets. */
export function formParameters(f: StartForm): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const fanned = f.targetText.trim() ? f.targetParameterName : '';
  for (const [name, text] of Object.entries(f.values)) {
    if (name === fanned) continue;
    const p = f.params?.find((x) => x.name === name);
    out[name] = isList(p) ? text.split(/[,\n]/).map((v) => v.trim()).filter(Boolean) : [text];
  }
  return out;
}

/** Rate control targets from the form, or undefined for a single run. */
export function formTargets(f: StartForm): {ok: true; targets: AutomationTarget[] | undefined} | {ok: false; error: string} {
  const text = f.targetText.trim();
  if (!text) return {ok: true, targets: undefined};
  if (text === 'marked') {
    if (f.marked.length === 0) return {ok: false, error: 'no instances are marked: mark some in the instances view, or type an expression'};
    return {ok: true, targets: [{key: 'ParameterValues', values: [...f.marked]}]};
  }
  const parsed = parseRunTargets(text);
  if (!parsed.ok) return parsed;
  const t = parsed.value;
  return {ok: true, targets: t.kind === 'ids' ? [{key: 'ParameterValues', values: t.ids}] : t.targets.map((x) => ({key: x.Key, values: x.Values}))};
}

/** What StartAutomationExecution gets, or every reason it would be refused. */
export function startRequest(f: StartForm): {ok: true; request: StartAutomationRequest} | {ok: false; errors: string[]} {
  if (!f.params) return {ok: false, errors: ['the runbook\'s parameters are loading']};
  const errors: string[] = [];
  const targets = formTargets(f);
  if (!targets.ok) errors.push(targets.error);
  const parameters = formParameters(f);
  const fanned = targets.ok && targets.targets ? f.targetParameterName : '';
  if (targets.ok && targets.targets) {
    if (!f.targetParameterName) errors.push('a rate-controlled run needs the parameter to fan out on (f)');
    else if (!f.params.some((p) => p.name === f.targetParameterName)) errors.push(`the runbook has no parameter "${f.targetParameterName}" to fan out on`);
    for (const [kind, text] of [['maxConcurrency', f.maxConcurrency], ['maxErrors', f.maxErrors]] as const) {
      const r = parseRateValue(kind, text);
      if (!r.ok) errors.push(r.error);
    }
  }
  errors.push(...validateParameters(f.params.filter((p) => p.name !== fanned), parameters));
  if (errors.length) return {ok: false, errors};
  const t = targets.ok ? targets.targets : undefined;
  return {ok: true, request: {
    documentName: f.documentName, ...(f.documentVersion ? {documentVersion: f.documentVersion} : {}), parameters, mode: f.mode,
    ...(t ? {targets: t, targetParameterName: f.targetParameterName, maxConcurrency: f.maxConcurrency, maxErrors: f.maxErrors} : {}),
  }};
}

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The request as the AWS CLI line that sends the same StartAutomationExecution. */
export function startCliLine(r: StartAutomationRequest, conn: CliConnection = {}): string {
  return [
    'aws ssm start-automation-execution', `--document-name ${shq(r.documentName)}`,
    r.documentVersion ? `--document-version ${shq(r.documentVersion)}` : '',
    r.parameters && Object.keys(r.parameters).length ? `--parameters ${shq(JSON.stringify(r.parameters))}` : '',
    r.mode && r.mode !== 'Auto' ? `--mode ${r.mode}` : '',
    r.targetParameterName ? `--target-parameter-name ${shq(r.targetParameterName)}` : '',
    r.targets ? `--targets ${r.targets.map((t) => shq(`Key=${t.key},Values=${t.values.join(',')}`)).join(' ')}` : '',
    r.maxConcurrency ? `--max-concurrency ${shq(r.maxConcurrency)}` : '',
    r.maxErrors ? `--max-errors ${shq(r.maxErrors)}` : '',
    conn.region ? `--region ${shq(conn.region)}` : '',
    conn.profile ? `--profile ${shq(conn.profile)}` : '',
    conn.endpointUrl ? `--endpoint-url ${shq(conn.endpointUrl)}` : '',
  ].filter(Boolean).join(' ');
}

/** Why each parameter reads as it does in the form: its type, default, allowed values or pattern, or required. */
export function parameterHint(p: DocParam): string {
  const parts = [p.type];
  if (p.defaultValue !== undefined) parts.push(`default ${JSON.stringify(p.defaultValue)}`);
  else parts.push('required');
  if (p.allowedValues?.length) parts.push(`one of ${p.allowedValues.join('|')}`);
  if (p.allowedPattern) parts.push(`matches ${p.allowedPattern}`);
  return parts.join(' · ');
}
