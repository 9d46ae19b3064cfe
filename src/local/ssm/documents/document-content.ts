// An SSM document's content checked as CreateDocument/UpdateDocument do (docs/ssm-api-more.md §2): the format
// parses, the schema version fits the document type, Command documents have steps (mainSteps for 2.x,
// runtimeConfig for 1.2) and well-formed parameters. The error codes are SSM's; the message texts are ours
// (SSM's exact wording is UNVERIFIED) and name what is wrong, with the line when the text does not parse.
//
// YAML is parsed with the `yaml` package (pinned): YAML 1.2 core schema, with line positions for errors.

import {parse as parseYaml, YAMLParseError} from 'yaml';
import type {PlatformType} from '../../model/fleet-catalog.js';
import {ServiceError} from '../../protocol/service-error.js';
import {isObject, type JsonObject} from '../../protocol/validation.js';
import type {DocumentParameter, DocumentPlugin} from './builtin-documents.js';
import {checkSessionDocument} from '../sessions/session-document.js';
import {checkPackageDocument} from '../distributor/package-document.js';
import {checkRunbookDocument} from '../automation/runbook.js';

export type DocumentFormat = 'JSON' | 'YAML' | 'TEXT';
export const DOCUMENT_TYPES = [
  'Command', 'Policy', 'Automation', 'Session', 'Package', 'ApplicationConfiguration', 'ApplicationConfigurationSchema',
  'DeploymentStrategy', 'ChangeCalendar', 'Automation.ChangeTemplate', 'ProblemAnalysis', 'ProblemAnalysisTemplate',
  'CloudFormation', 'ConformancePackTemplate', 'QuickSetup', 'ManualApprovalPolicy', 'AutoApprovalPolicy',
];
/** Content limit: 64 KB (UG documents limits). */
export const MAX_CONTENT_BYTES = 64 * 1024;

const SCHEMAS: Readonly<Record<string, readonly string[]>> = {
  Command: ['1.2', '2.0', '2.2'],
  Policy: ['2.0', '2.2'],
  Automation: ['0.3'],
  Session: ['1.0'],
};
const PARAMETER_TYPES = ['String', 'StringList', 'Integer', 'Boolean', 'MapList', 'StringMap'];
const COMMAND_PARAMETER_TYPES = ['String', 'StringList'];
const STEP_NAME = /^[a-zA-Z0-9_.-]+$/;
const ALL_PLATFORMS: readonly PlatformType[] = ['Windows', 'Linux', 'MacOS'];

/** What the local fleet knows of a parsed document. */
export interface ParsedDocument {
  readonly schemaVersion: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, DocumentParameter>>;
  readonly platformTypes: readonly PlatformType[];
  readonly plugins: Readonly<Partial<Record<PlatformType, DocumentPlugin>>>;
}

function invalid(message: string): ServiceError {
  return new ServiceError('InvalidDocumentContent', message);
}

function parseText(content: string, format: DocumentFormat): unknown {
  if (format === 'JSON') {
    try {
      return JSON.parse(content) as unknown;
    } catch (err) {
      const line = lineOfJsonError(content, err);
      throw invalid(`The document content is not valid JSON${line === undefined ? '' : ` (line ${line})`}: ${(err as Error).message}`);
    }
  }
  try {
    return parseYaml(content, {uniqueKeys: true, maxAliasCount: 100}) as unknown;
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const line = err.linePos?.[0]?.line;
      throw invalid(`The document content is not valid YAML${line === undefined ? '' : ` (line ${line})`}: ${err.message.split('\n')[0] ?? ''}`);
    }
    throw invalid(`The document content is not valid YAML: ${(err as Error).message}`);
  }
}

function lineOfJsonError(content: string, err: unknown): number | undefined {
  const pos = /position (\d+)/.exec((err as Error).message)?.[1];
  if (pos === undefined) return undefined;
  return content.slice(0, Number(pos)).split('\n').length;
}

function readParameters(raw: unknown, documentType: string): Record<string, DocumentParameter> {
  if (raw === undefined) return {};
  if (!isObject(raw)) throw invalid('parameters must be a map of parameter names to their definitions.');
  const allowed = documentType === 'Command' ? COMMAND_PARAMETER_TYPES : PARAMETER_TYPES;
  const out: Record<string, DocumentParameter> = {};
  for (const [name, def] of Object.entries(raw)) {
    if (!/^[a-zA-Z0-9_]+$/.test(name)) throw invalid(`Parameter name "${name}" is not valid: use letters, digits and underscores.`);
    if (!isObject(def)) throw invalid(`Parameter "${name}" must be a map with at least a type.`);
    const type = def['type'];
    if (typeof type !== 'string') throw invalid(`Parameter "${name}" has no type (one of ${allowed.join(', ')}).`);
    if (!allowed.includes(type)) throw invalid(`Parameter "${name}" has type "${type}"; ${documentType} documents allow ${allowed.join(', ')}.`);
    const dflt = def['default'];
    if (dflt !== undefined && type === 'String' && typeof dflt !== 'string') throw invalid(`Parameter "${name}" is a String: its default must be a string.`);
    if (dflt !== undefined && type === 'StringList' && !(Array.isArray(dflt) && dflt.every((d) => typeof d === 'string'))) {
      throw invalid(`Parameter "${name}" is a StringList: its default must be a list of strings.`);
    }
    const allowedValues = def['allowedValues'];
    if (allowedValues !== undefined && !(Array.isArray(allowedValues) && allowedValues.every((d) => typeof d === 'string'))) {
      throw invalid(`Parameter "${name}": allowedValues must be a list of strings.`);
    }
    const pattern = def['allowedPattern'];
    if (pattern !== undefined) {
      if (typeof pattern !== 'string') throw invalid(`Parameter "${name}": allowedPattern must be a string.`);
      try {
        new RegExp(pattern);
      } catch {
        throw invalid(`Parameter "${name}": allowedPattern ${pattern} is not a valid regular expression.`);
      }
    }
    const description = typeof def['description'] === 'string' ? def['description'] : '';
    const param: {-readonly [K in keyof DocumentParameter]: DocumentParameter[K]} = {type: type as DocumentParameter['type'], description};
    if (typeof dflt === 'string' || Array.isArray(dflt)) param.default = dflt as string | string[];
    if (Array.isArray(allowedValues)) param.allowedValues = allowedValues as string[];
    if (typeof pattern === 'string') param.allowedPattern = pattern;
    if (typeof def['minItems'] === 'number') param.minItems = def['minItems'];
    if (typeof def['maxChars'] === 'number') param.maxChars = def['maxChars'];
    if (typeof def['displayType'] === 'string') param.displayType = def['displayType'];
    out[name] = param;
  }
  return out;
}

function runnerOf(action: string): DocumentPlugin['runner'] {
  return action === 'aws:runShellScript' ? 'shell' : action === 'aws:runPowerShellScript' ? 'powershell' : 'builtin';
}

function scriptLines(inputs: JsonObject, where: string): string[] {
  const rc = inputs['runCommand'];
  if (typeof rc === 'string') return [rc];
  if (Array.isArray(rc) && rc.every((l) => typeof l === 'string')) return rc as string[];
  throw invalid(`${where}: runCommand must be a string or a list of strings.`);
}

/** The platforms a step runs on: its precondition (`StringEquals: [platformType, X]`), else its action's. */
function stepPlatforms(step: JsonObject, action: string, where: string): readonly PlatformType[] {
  const pre = step['precondition'];
  if (pre !== undefined) {
    const eq = isObject(pre) ? pre['StringEquals'] : undefined;
    const platform = Array.isArray(eq) && eq[0] === 'platformType' ? eq[1] : undefined;
    if (platform !== 'Windows' && platform !== 'Linux' && platform !== 'MacOS') {
      throw invalid(`${where}: precondition must be {"StringEquals": ["platformType", "Windows" | "Linux" | "MacOS"]}.`);
    }
    return [platform];
  }
  if (action === 'aws:runShellScript') return ['Linux', 'MacOS'];
  if (action === 'aws:runPowerShellScript') return ['Windows'];
  return ALL_PLATFORMS;
}

interface Step {
  name: string;
  action: string;
  platforms: readonly PlatformType[];
  script?: string[];
}

function mainSteps(doc: JsonObject): Step[] {
  const steps = doc['mainSteps'];
  if (steps === undefined) throw invalid(`schemaVersion ${String(doc['schemaVersion'])} documents need mainSteps (a list of steps with action, name and inputs).`);
  if (!Array.isArray(steps) || steps.length === 0) throw invalid('mainSteps must be a non-empty list of steps.');
  const names = new Set<string>();
  return steps.map((step, i) => {
    const where = `mainSteps[${i}]`;
    if (!isObject(step)) throw invalid(`${where} must be a map with action, name and inputs.`);
    const action = step['action'];
    const name = step['name'];
    if (typeof action !== 'string' || !/^aws:[a-zA-Z]+$/.test(action)) throw invalid(`${where} has no valid action (e.g. aws:runShellScript).`);
    if (typeof name !== 'string' || !STEP_NAME.test(name)) throw invalid(`${where} has no valid name (letters, digits, . _ -).`);
    if (names.has(name)) throw invalid(`${where}: the step name "${name}" is used twice; step names are unique.`);
    names.add(name);
    const inputs = step['inputs'];
    if (!isObject(inputs)) throw invalid(`${where} (${name}) has no inputs map.`);
    const runner = runnerOf(action);
    return {name, action, platforms: stepPlatforms(step, action, `${where} (${name})`), script: runner === 'builtin' ? undefined : scriptLines(inputs, `${where} (${name})`)};
  });
}

function runtimeConfig(doc: JsonObject): Step[] {
  const rc = doc['runtimeConfig'];
  if (rc === undefined) throw invalid('schemaVersion 1.2 documents need runtimeConfig (a map of plugin names to their properties).');
  if (!isObject(rc) || Object.keys(rc).length === 0) throw invalid('runtimeConfig must be a non-empty map of plugins.');
  return Object.entries(rc).map(([action, plugin]) => {
    if (!/^aws:[a-zA-Z]+$/.test(action)) throw invalid(`runtimeConfig: "${action}" is not a plugin name (e.g. aws:runShellScript).`);
    const props = isObject(plugin) ? plugin['properties'] : undefined;
    const first = Array.isArray(props) ? (props[0] as unknown) : isObject(props) ? props : undefined;
    if (!isObject(first)) throw invalid(`runtimeConfig.${action} needs properties.`);
    const runner = runnerOf(action);
    return {name: action, action, platforms: stepPlatforms({}, action, action), script: runner === 'builtin' ? undefined : scriptLines(first, `runtimeConfig.${action}`)};
  });
}

/**
 * Parses and validates document content; throws InvalidDocumentContent, InvalidDocumentSchemaVersion or
 * MaxDocumentSizeExceeded as SSM does.
 */
export function parseDocumentContent(content: string, format: DocumentFormat, documentType: string): ParsedDocument {
  if (Buffer.byteLength(content, 'utf8') > MAX_CONTENT_BYTES) throw new ServiceError('MaxDocumentSizeExceeded', 'The content for the document exceeds the maximum size of 64 KB.');
  if (format === 'TEXT') {
    if (documentType === 'Command' || documentType === 'Automation' || documentType === 'Session' || documentType === 'Policy') {
      throw invalid(`${documentType} documents are JSON or YAML, not TEXT.`);
    }
    return {schemaVersion: '', description: '', parameters: {}, platformTypes: [], plugins: {}};
  }
  const doc = parseText(content, format);
  if (!isObject(doc)) throw invalid('The document content must be a map (JSON object or YAML mapping) with a schemaVersion.');
  const schemaVersion = doc['schemaVersion'];
  if (typeof schemaVersion !== 'string') throw invalid('schemaVersion is missing: it must be a string such as "2.2".');
  const supported = SCHEMAS[documentType];
  if (supported !== undefined && !supported.includes(schemaVersion)) {
    throw new ServiceError('InvalidDocumentSchemaVersion', `schemaVersion ${schemaVersion} is not supported for ${documentType} documents (use ${supported.join(', ')}).`);
  }
  const description = typeof doc['description'] === 'string' ? doc['description'] : '';
  const parameters = readParameters(doc['parameters'], documentType);
  if (documentType === 'Session') checkSessionDocument(doc);
  if (documentType === 'Package') checkPackageDocument(doc);
  if (documentType === 'Automation') checkRunbookDocument(doc);
  if (documentType !== 'Command' && documentType !== 'Policy') {
    return {schemaVersion, description, parameters, platformTypes: [...ALL_PLATFORMS], plugins: {}};
  }
  const steps = schemaVersion === '1.2' ? runtimeConfig(doc) : mainSteps(doc);
  // The step a node runs is the first one for its platform (the local fleet runs one step per node).
  const plugins: Partial<Record<PlatformType, DocumentPlugin>> = {};
  for (const step of steps) {
    for (const p of step.platforms) {
      if (plugins[p] !== undefined) continue;
      plugins[p] = step.script === undefined ? {name: step.name, runner: runnerOf(step.action)} : {name: step.name, runner: runnerOf(step.action), script: step.script};
    }
  }
  return {schemaVersion, description, parameters, platformTypes: ALL_PLATFORMS.filter((p) => plugins[p] !== undefined), plugins};
}
