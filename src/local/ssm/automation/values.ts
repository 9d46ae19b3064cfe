// Runbook values: parameters typed from the strings StartAutomationExecution carries, `{{ name }}` references
// resolved in step inputs (a whole-string reference keeps its type, so a StringList stays a list), JSONPath-style
// Selectors ($.a.b[0], $..key, [*]) over an action's response, and output Types (UG automation-variables,
// automation-actions "outputs").

import {ServiceError} from '../../protocol/service-error.js';
import {isObject} from '../../protocol/validation.js';
import type {Runbook, RunbookParameter} from './runbook.js';

export type Variables = ReadonlyMap<string, unknown>;

function invalidParameters(message: string): ServiceError {
  return new ServiceError('InvalidAutomationExecutionParametersException', message);
}

function typed(name: string, p: RunbookParameter, values: readonly string[]): unknown {
  const one = (): string => {
    if (values.length !== 1) throw invalidParameters(`Parameter "${name}" is a ${p.type}: provide exactly one value (got ${values.length}).`);
    return values[0] ?? '';
  };
  switch (p.type) {
    case 'String':
      return one();
    case 'StringList':
      return [...values];
    case 'Integer': {
      const v = one();
      if (!/^-?\d+$/.test(v)) throw invalidParameters(`Parameter "${name}" is an Integer; "${v}" is not.`);
      return Number(v);
    }
    case 'Boolean': {
      const v = one();
      if (v !== 'true' && v !== 'false') throw invalidParameters(`Parameter "${name}" is a Boolean: use true or false.`);
      return v === 'true';
    }
    case 'StringMap':
    case 'MapList': {
      try {
        return JSON.parse(one()) as unknown;
      } catch {
        throw invalidParameters(`Parameter "${name}" is a ${p.type}: give it as JSON.`);
      }
    }
  }
}

function asStrings(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return [typeof value === 'string' ? value : JSON.stringify(value)];
}

/**
 * The given Parameters checked against the runbook and completed with defaults (allowedPattern must match the whole
 * value, as SSM's Java-side matching does): the typed values the steps see,
 * and the string lists the execution reports as its Parameters.
 */
export function resolveRunbookParameters(runbook: Runbook, given: Readonly<Record<string, readonly string[]>>): {values: Map<string, unknown>; wire: Record<string, string[]>} {
  const unknown = Object.keys(given).filter((k) => !Object.hasOwn(runbook.parameters, k));
  if (unknown.length > 0) throw invalidParameters(`Parameters ${unknown.join(', ')} are not defined in ${runbook.name}. Valid parameters: ${Object.keys(runbook.parameters).join(', ')}.`);
  const values = new Map<string, unknown>();
  const wire: Record<string, string[]> = {};
  for (const [name, p] of Object.entries(runbook.parameters)) {
    const raw = Object.hasOwn(given, name) ? given[name] : undefined;
    if (raw === undefined) {
      if (p.default === undefined) throw invalidParameters(`Parameter "${name}" is required by ${runbook.name} but was not provided.`);
      values.set(name, p.default);
      wire[name] = asStrings(p.default);
      continue;
    }
    const value = typed(name, p, raw);
    for (const item of raw) {
      if (p.allowedValues !== undefined && !p.allowedValues.includes(item)) throw invalidParameters(`Parameter "${name}" value "${item}" is not one of the allowed values: ${p.allowedValues.join(', ')}.`);
      if (p.allowedPattern !== undefined && !new RegExp(`^(?:${p.allowedPattern})$`).test(item)) throw invalidParameters(`Parameter "${name}" value "${item}" does not match the allowed pattern ${p.allowedPattern}.`);
    }
    values.set(name, value);
    wire[name] = [...raw];
  }
  return {values, wire};
}

const WHOLE_REF = /^\{\{\s*([A-Za-z0-9_:.]+)\s*\}\}$/;
const REF = /\{\{\s*([A-Za-z0-9_:.]+)\s*\}\}/g;

/** The error a step fails with when it references something that has no value (yet). */
export class UnresolvedReference extends Error {}

function lookup(vars: Variables, name: string): unknown {
  if (!vars.has(name)) throw new UnresolvedReference(`The variable {{ ${name} }} has no value: no parameter, global or earlier step output has this name.`);
  return vars.get(name);
}

/** Step inputs with every `{{ name }}` replaced. */
export function resolveInputs(value: unknown, vars: Variables): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_REF.exec(value);
    if (whole !== null) return lookup(vars, whole[1] ?? '');
    return value.replace(REF, (_all, name: string) => {
      const v = lookup(vars, name);
      return typeof v === 'string' ? v : Array.isArray(v) ? v.map(String).join(',') : JSON.stringify(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolveInputs(v, vars));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveInputs(v, vars)]));
  return value;
}

type Segment = {kind: 'key'; key: string} | {kind: 'deep'; key: string} | {kind: 'index'; i: number} | {kind: 'all'};

function segments(selector: string): Segment[] {
  if (!selector.startsWith('$')) throw new Error(`The selector ${selector} does not start with $.`);
  const out: Segment[] = [];
  const re = /\.\.([A-Za-z0-9_-]+)|\.([A-Za-z0-9_-]+)|\[(\d+)\]|\[\*\]|\['([^']+)'\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < selector.length) {
    const m = re.exec(selector);
    if (m === null) throw new Error(`The selector ${selector} is not a JSONPath this runbook engine understands.`);
    if (m[1] !== undefined) out.push({kind: 'deep', key: m[1]});
    else if (m[2] !== undefined) out.push({kind: 'key', key: m[2]});
    else if (m[3] !== undefined) out.push({kind: 'index', i: Number(m[3])});
    else if (m[4] !== undefined) out.push({kind: 'key', key: m[4]});
    else out.push({kind: 'all'});
  }
  return out;
}

function deepFind(node: unknown, key: string, out: unknown[]): void {
  if (Array.isArray(node)) for (const n of node) deepFind(n, key, out);
  else if (isObject(node)) {
    if (Object.hasOwn(node, key)) out.push(node[key]);
    for (const v of Object.values(node)) deepFind(v, key, out);
  }
}

/** Every value a selector reaches; `$..key` and `[*]` flatten lists on the way, as boto3-based runbooks expect. */
export function select(document: unknown, selector: string): unknown[] {
  let current: unknown[] = [document];
  let multi = false;
  for (const seg of segments(selector)) {
    const next: unknown[] = [];
    for (const node of current) {
      if (seg.kind === 'key') {
        if (isObject(node) && Object.hasOwn(node, seg.key)) next.push(node[seg.key]);
        else if (multi && Array.isArray(node)) for (const n of node) if (isObject(n) && Object.hasOwn(n, seg.key)) next.push(n[seg.key]);
      } else if (seg.kind === 'index') {
        if (Array.isArray(node) && seg.i < node.length) next.push(node[seg.i]);
      } else if (seg.kind === 'all') {
        if (Array.isArray(node)) next.push(...(node as unknown[]));
        else if (isObject(node)) next.push(...Object.values(node));
      } else {
        const found: unknown[] = [];
        deepFind(node, seg.key, found);
        for (const f of found) if (Array.isArray(f)) next.push(...(f as unknown[])); else next.push(f);
      }
    }
    if (seg.kind === 'deep' || seg.kind === 'all') multi = true;
    current = next;
  }
  return current;
}

/** An output's value by its Type, or undefined when the selector reaches nothing. */
export function outputValue(document: unknown, selector: string, type: string): unknown {
  const found = select(document, selector);
  if (found.length === 0) return undefined;
  const first = found[0];
  switch (type) {
    case 'StringList':
      return found.flatMap((f) => (Array.isArray(f) ? f : [f])).map((f) => (typeof f === 'string' ? f : JSON.stringify(f)));
    case 'Integer':
      return typeof first === 'number' ? Math.trunc(first) : Number.parseInt(String(first), 10);
    case 'Boolean':
      return first === true || first === 'true';
    case 'StringMap':
    case 'MapList':
      return first;
    default:
      return typeof first === 'string' ? first : typeof first === 'number' || typeof first === 'boolean' ? String(first) : JSON.stringify(first);
  }
}

/** How SSM reports a value in Outputs (a list of strings). */
export function wireValue(value: unknown): string[] {
  return asStrings(value);
}
