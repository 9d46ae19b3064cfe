// An Automation document (schemaVersion 0.3) read into what the engine runs: parameters, steps with their
// flow fields (onFailure, onCancel, timeoutSeconds, maxAttempts, isEnd, nextStep, isCritical, outputs) and the
// runbook's outputs (UG automation-actions "Properties shared by all actions"). Checked by CreateDocument and
// UpdateDocument, and read again when an execution starts (runbook-lookup.ts).

import {parse as parseYaml} from 'yaml';
import {ServiceError} from '../../protocol/service-error.js';
import {isObject, type JsonObject} from '../../protocol/validation.js';

export type ParameterType = 'String' | 'StringList' | 'Integer' | 'Boolean' | 'MapList' | 'StringMap';
const PARAMETER_TYPES: readonly string[] = ['String', 'StringList', 'Integer', 'Boolean', 'MapList', 'StringMap'];
export const OUTPUT_TYPES: readonly string[] = ['String', 'Integer', 'Boolean', 'StringList', 'StringMap', 'MapList'];

export interface RunbookParameter {
  readonly type: ParameterType;
  readonly description: string;
  readonly default?: unknown;
  readonly allowedValues?: readonly string[];
  readonly allowedPattern?: string;
}

export interface StepOutput {
  readonly name: string;
  readonly selector: string;
  readonly type: string;
}

export interface RunbookStep {
  readonly name: string;
  readonly action: string;
  readonly inputs: JsonObject;
  /** 'Abort', 'Continue' or 'step:<name>'. */
  readonly onFailure: string;
  /** 'Abort' or 'step:<name>'. */
  readonly onCancel: string;
  readonly timeoutSeconds: number | undefined;
  readonly maxAttempts: number;
  readonly isEnd: boolean;
  readonly isCritical: boolean;
  readonly nextStep: string | undefined;
  readonly outputs: readonly StepOutput[];
}

export interface Runbook {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, RunbookParameter>>;
  readonly steps: readonly RunbookStep[];
  /** `step.Output` names the execution reports as its Outputs. */
  readonly outputs: readonly string[];
}

const STEP_NAME = /^[a-zA-Z0-9_]+$/;
/** Actions whose steps cannot name an onCancel step (UG automation-actions, onCancel). */
const NO_ON_CANCEL: readonly string[] = ['aws:approve', 'aws:copyImage', 'aws:createImage', 'aws:createStack', 'aws:createTags', 'aws:loop', 'aws:pause', 'aws:runInstances', 'aws:sleep'];

function invalidContent(message: string): ServiceError {
  return new ServiceError('InvalidDocumentContent', message);
}

function readParameters(raw: unknown): Record<string, RunbookParameter> {
  if (raw === undefined) return {};
  if (!isObject(raw)) throw invalidContent('parameters must be a map of parameter names to their definitions.');
  const out: Record<string, RunbookParameter> = {};
  for (const [name, def] of Object.entries(raw)) {
    if (!isObject(def) || typeof def['type'] !== 'string' || !PARAMETER_TYPES.includes(def['type'])) {
      throw invalidContent(`Parameter "${name}" needs a type (one of ${PARAMETER_TYPES.join(', ')}).`);
    }
    const allowedValues = Array.isArray(def['allowedValues']) ? def['allowedValues'].map(String) : undefined;
    out[name] = {
      type: def['type'] as ParameterType,
      description: typeof def['description'] === 'string' ? def['description'] : '',
      ...(def['default'] === undefined ? {} : {default: def['default']}),
      ...(allowedValues === undefined ? {} : {allowedValues}),
      ...(typeof def['allowedPattern'] === 'string' ? {allowedPattern: def['allowedPattern']} : {}),
    };
  }
  return out;
}

function readOutputs(raw: unknown, where: string): StepOutput[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw invalidContent(`${where}: outputs must be a list of {Name, Selector, Type}.`);
  return raw.map((o: unknown) => {
    if (!isObject(o) || typeof o['Name'] !== 'string' || typeof o['Selector'] !== 'string') {
      throw invalidContent(`${where}: each output needs a Name and a Selector.`);
    }
    const type = typeof o['Type'] === 'string' ? o['Type'] : 'String';
    if (!OUTPUT_TYPES.includes(type)) throw invalidContent(`${where}: output ${o['Name']} has type ${type}; use one of ${OUTPUT_TYPES.join(', ')}.`);
    return {name: o['Name'], selector: o['Selector'], type};
  });
}

function readStep(raw: unknown, i: number): RunbookStep {
  const where = `mainSteps[${i}]`;
  if (!isObject(raw)) throw invalidContent(`${where} must be a map with name, action and inputs.`);
  const name = raw['name'];
  const action = raw['action'];
  if (typeof name !== 'string' || !STEP_NAME.test(name)) throw invalidContent(`${where} has no valid name (letters, digits and underscores).`);
  if (typeof action !== 'string' || !/^aws:[a-zA-Z]+$/.test(action)) throw invalidContent(`${where} (${name}) has no valid action.`);
  const inputs = raw['inputs'] ?? {};
  if (!isObject(inputs)) throw invalidContent(`${where} (${name}): inputs must be a map.`);
  const num = (key: string): number | undefined => {
    const v = raw[key];
    if (v === undefined) return undefined;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isInteger(n) || n < 1) throw invalidContent(`${where} (${name}): ${key} must be a positive integer.`);
    return n;
  };
  const bool = (key: string, dflt: boolean): boolean => {
    const v = raw[key];
    return v === undefined ? dflt : v === true || v === 'true';
  };
  return {
    name, action, inputs,
    onFailure: typeof raw['onFailure'] === 'string' ? raw['onFailure'] : 'Abort',
    onCancel: typeof raw['onCancel'] === 'string' ? raw['onCancel'] : 'Abort',
    timeoutSeconds: num('timeoutSeconds'),
    maxAttempts: num('maxAttempts') ?? 1,
    isEnd: bool('isEnd', false),
    isCritical: bool('isCritical', true),
    nextStep: typeof raw['nextStep'] === 'string' ? raw['nextStep'] : undefined,
    outputs: readOutputs(raw['outputs'], `${where} (${name})`),
  };
}

/** Every step reference (nextStep, onFailure/onCancel step:x, branch NextStep/Default) names a step. */
function checkReferences(steps: readonly RunbookStep[]): void {
  const names = new Set<string>();
  for (const s of steps) {
    if (names.has(s.name)) throw invalidContent(`The step name "${s.name}" is used twice; step names are unique.`);
    names.add(s.name);
  }
  const check = (from: string, target: string | undefined): void => {
    if (target !== undefined && !names.has(target)) throw invalidContent(`Step ${from} refers to step "${target}", which does not exist.`);
  };
  for (const s of steps) {
    check(s.name, s.nextStep);
    for (const flow of [s.onFailure, s.onCancel]) {
      if (flow.startsWith('step:')) check(s.name, flow.slice(5));
      else if (flow !== 'Abort' && flow !== 'Continue') throw invalidContent(`Step ${s.name}: "${flow}" is not Abort, Continue or step:<name>.`);
    }
    if (s.onCancel === 'Continue') throw invalidContent(`Step ${s.name}: onCancel is Abort or step:<name>.`);
    if (s.onCancel !== 'Abort' && NO_ON_CANCEL.includes(s.action)) throw invalidContent(`Step ${s.name}: ${s.action} steps do not support onCancel.`);
    if (s.action === 'aws:branch') {
      const choices = s.inputs['Choices'];
      if (!Array.isArray(choices)) throw invalidContent(`Step ${s.name}: aws:branch needs Choices.`);
      for (const c of choices) check(s.name, isObject(c) && typeof c['NextStep'] === 'string' ? c['NextStep'] : undefined);
      check(s.name, typeof s.inputs['Default'] === 'string' ? s.inputs['Default'] : undefined);
    }
  }
}

/** A parsed document (a JSON object or YAML mapping) read as a runbook; InvalidDocumentContent when it is not one. */
export function readRunbook(name: string, version: string, doc: unknown): Runbook {
  if (!isObject(doc)) throw invalidContent(`The runbook ${name} is not a map.`);
  if (doc['schemaVersion'] !== '0.3') throw new ServiceError('InvalidDocumentSchemaVersion', `Automation documents use schemaVersion 0.3 (${name} has ${String(doc['schemaVersion'])}).`);
  const rawSteps = doc['mainSteps'];
  if (!Array.isArray(rawSteps) || rawSteps.length === 0) throw invalidContent(`The runbook ${name} has no mainSteps.`);
  const steps = rawSteps.map(readStep);
  checkReferences(steps);
  const outputs = Array.isArray(doc['outputs']) ? doc['outputs'].filter((o): o is string => typeof o === 'string') : [];
  return {name, version, description: typeof doc['description'] === 'string' ? doc['description'] : '', parameters: readParameters(doc['parameters']), steps, outputs};
}

/** Parses runbook content (JSON or YAML text). */
export function parseRunbook(name: string, version: string, content: string, format: string): Runbook {
  let doc: unknown;
  try {
    doc = format === 'YAML' ? parseYaml(content) : JSON.parse(content);
  } catch (err) {
    throw invalidContent(`The runbook ${name} does not parse: ${(err as Error).message}`);
  }
  return readRunbook(name, version, doc);
}

/** CreateDocument/UpdateDocument's check of Automation content (steps, flow references, outputs). */
export function checkRunbookDocument(doc: JsonObject): void {
  readRunbook('document', '', doc);
}
