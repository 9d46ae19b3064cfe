// The Automation operations of the local fleet (docs/ssm-api-more.md §4): StartAutomationExecution,
// GetAutomationExecution, DescribeAutomationExecutions, DescribeAutomationStepExecutions,
// StopAutomationExecution, SendAutomationSignal. How an execution runs: engine.ts; over targets: rate-control.ts.

import {rateConstraintViolations} from '../../../fleet/run-command/rate-control.js';
import {indexKey, paginate} from '../../protocol/list-paging.js';
import type {JsonObject} from '../../protocol/validation.js';
import type {JsonOperation, OperationContext} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {isObject, optBoolean, optInteger, optObjectArray, optString, optStringArray, Violations} from '../../protocol/validation.js';
import {executionMatches, readFilters, stepMatches} from './filters.js';
import {DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_ERRORS, resolveAutomationTargets} from './rate-control.js';
import {findRunbook} from './runbook-lookup.js';
import {automationStore} from './store.js';
import type {Execution} from './types.js';
import {resolveRunbookParameters} from './values.js';
import {executionShape, metadataShape, stepShape} from './wire.js';
import {sendSignal} from './signals.js';

const DOCUMENT_NAME = /^[a-zA-Z0-9_\-.:/]{3,128}$/;
const CLIENT_TOKEN = /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/;
const EXECUTION_ID_LENGTH = 36;

function readParameters(input: JsonObject): Record<string, string[]> {
  const raw = input['Parameters'];
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) throw new ServiceError('SerializationException', 'Expected a map for member Parameters', {messageMember: 'message'});
  return Object.fromEntries(Object.keys(raw).map((k) => [k, optStringArray(raw, k) ?? []]));
}

/** The execution an AutomationExecutionId names, or AutomationExecutionNotFoundException. */
export function executionOf(input: JsonObject, ctx: OperationContext): Execution {
  const id = optString(input, 'AutomationExecutionId');
  const v = new Violations();
  if (v.required('automationExecutionId', id)) v.length('automationExecutionId', id, EXECUTION_ID_LENGTH, EXECUTION_ID_LENGTH);
  v.throwIfAny();
  const exec = automationStore(ctx.model).get(id ?? '');
  if (exec === undefined) throw new ServiceError('AutomationExecutionNotFoundException', `Automation execution ${String(id)} not found.`);
  return exec;
}

const startAutomationExecution: JsonOperation = (input, ctx) => {
  const documentName = optString(input, 'DocumentName');
  const documentVersion = optString(input, 'DocumentVersion');
  const mode = optString(input, 'Mode') ?? 'Auto';
  const clientToken = optString(input, 'ClientToken');
  const targetParameterName = optString(input, 'TargetParameterName');
  const targetsIn = optObjectArray(input, 'Targets') ?? [];
  const maxConcurrency = optString(input, 'MaxConcurrency');
  const maxErrors = optString(input, 'MaxErrors');
  const tags = (optObjectArray(input, 'Tags') ?? []).map((t) => ({Key: optString(t, 'Key') ?? '', Value: optString(t, 'Value') ?? ''}));
  const parametersIn = readParameters(input);
  const v = new Violations();
  if (v.required('documentName', documentName) && !DOCUMENT_NAME.test(documentName ?? '')) {
    v.add('documentName', documentName, 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9_\\-.:/]{3,128}$');
  }
  v.oneOf('mode', mode, ['Auto', 'Interactive']);
  if (clientToken !== undefined && !CLIENT_TOKEN.test(clientToken)) v.add('clientToken', clientToken, 'Member must satisfy regular expression pattern: [a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}');
  v.length('targetParameterName', targetParameterName, 1, 50);
  v.length('targets', targetsIn, 0, 1);
  for (const [kind, text] of [['maxConcurrency', maxConcurrency], ['maxErrors', maxErrors]] as const) {
    if (text === undefined) continue;
    const prefix = `Value '${text}' at '${kind}' failed to satisfy constraint: `;
    for (const fragment of rateConstraintViolations(kind, text)) v.add(kind, text, fragment.slice(prefix.length));
  }
  v.throwIfAny();
  for (const unsupported of ['TargetMaps', 'TargetLocations', 'TargetLocationsURL', 'AlarmConfiguration']) {
    // Refused rather than ignored: a run must never cover other targets than the ones asked for.
    if (input[unsupported] !== undefined) throw new ServiceError('ValidationException', `The local fleet does not support ${unsupported}; use Targets with TargetParameterName.`);
  }
  const targets = targetsIn.map((t) => ({Key: optString(t, 'Key') ?? '', Values: optStringArray(t, 'Values') ?? []}));
  const store = automationStore(ctx.model);
  if (clientToken !== undefined) {
    const earlier = store.byClientToken(clientToken);
    if (earlier !== undefined) {
      if (earlier.runbook.name !== documentName || JSON.stringify(earlier.parameters) !== JSON.stringify({...earlier.parameters, ...parametersIn})) {
        throw new ServiceError('IdempotentParameterMismatch', 'Error, the request used a ClientToken of an earlier request with different parameters.');
      }
      return {AutomationExecutionId: earlier.id};
    }
  }
  const runbook = findRunbook(ctx.model, documentName ?? '', documentVersion);
  const fanOut = targetParameterName !== undefined;
  if (fanOut !== (targets.length > 0)) {
    throw new ServiceError('InvalidAutomationExecutionParametersException', fanOut ? 'Targets must be provided with TargetParameterName.' : 'TargetParameterName must be provided with Targets.');
  }
  if (fanOut && !Object.hasOwn(runbook.parameters, targetParameterName)) {
    throw new ServiceError('InvalidAutomationExecutionParametersException', `TargetParameterName ${targetParameterName} is not a parameter of ${runbook.name}.`);
  }
  const resolvedTargets = fanOut ? resolveAutomationTargets(ctx.model, targets[0] as {Key: string; Values: string[]}) : [];
  // A rate-controlled run is checked with a stand-in for the target parameter; each child gets its own value.
  const given = fanOut ? {...parametersIn, [targetParameterName]: parametersIn[targetParameterName] ?? [resolvedTargets[0] ?? 'target']} : parametersIn;
  const {values, wire} = resolveRunbookParameters(runbook, given);
  if (fanOut && parametersIn[targetParameterName] === undefined) delete wire[targetParameterName];
  const exec = store.start({
    runbook, mode: mode as 'Auto' | 'Interactive', parameters: wire, vars: values, targetParameterName: targetParameterName ?? '', targets,
    resolvedTargets, maxConcurrency: fanOut ? (maxConcurrency ?? DEFAULT_MAX_CONCURRENCY) : '', maxErrors: fanOut ? (maxErrors ?? DEFAULT_MAX_ERRORS) : '',
    tags, clientToken,
  }, ctx);
  return {AutomationExecutionId: exec.id};
};

const getAutomationExecution: JsonOperation = (input, ctx) => {
  const exec = executionOf(input, ctx);
  return {AutomationExecution: executionShape(exec, automationStore(ctx.model))};
};

function maxResults(input: JsonObject): number {
  const max = optInteger(input, 'MaxResults');
  const v = new Violations();
  v.range('maxResults', max, 1, 50);
  v.throwIfAny();
  return max ?? 50;
}

const describeAutomationExecutions: JsonOperation = (input, ctx) => {
  const size = maxResults(input);
  const filters = readFilters(input, 'execution');
  const list = automationStore(ctx.model).all().filter((e) => executionMatches(e, filters));
  // Keyed on (start time, creation order), not position, so executions started between two pages shift nothing.
  const keyed = list.map((e) => ({e, k: `${String(9e15 - e.startedAt).padStart(16, '0')}:${String(1e9 - e.seq).padStart(10, '0')}`}));
  const page = paginate(keyed, {ctx, scope: `DescribeAutomationExecutions:${JSON.stringify(filters)}`, token: optString(input, 'NextToken'), size, key: (x) => x.k});
  return {AutomationExecutionMetadataList: page.items.map((x) => metadataShape(x.e)), ...(page.nextToken === undefined ? {} : {NextToken: page.nextToken})};
};

const describeAutomationStepExecutions: JsonOperation = (input, ctx) => {
  const exec = executionOf(input, ctx);
  const size = maxResults(input);
  const filters = readFilters(input, 'step');
  let steps = exec.steps.filter((s) => stepMatches(s, filters));
  if (optBoolean(input, 'ReverseOrder') === true) steps = [...steps].reverse();
  const keyed = steps.map((s, i) => ({s, k: indexKey(i)}));
  const scope = `DescribeAutomationStepExecutions:${exec.id}:${JSON.stringify(filters)}:${String(optBoolean(input, 'ReverseOrder'))}`;
  const page = paginate(keyed, {ctx, scope, token: optString(input, 'NextToken'), size, key: (x) => x.k});
  return {StepExecutions: page.items.map((x) => stepShape(x.s)), ...(page.nextToken === undefined ? {} : {NextToken: page.nextToken})};
};

const stopAutomationExecution: JsonOperation = (input, ctx) => {
  const type = optString(input, 'Type') ?? 'Cancel';
  const v = new Violations();
  v.oneOf('type', type, ['Complete', 'Cancel']);
  v.throwIfAny();
  const exec = executionOf(input, ctx);
  if (exec.endedAt !== undefined || exec.stopping !== undefined) {
    throw new ServiceError('InvalidAutomationStatusUpdateException', `The execution ${exec.id} is ${exec.status}: it cannot be stopped.`);
  }
  automationStore(ctx.model).stop(exec, type as 'Cancel' | 'Complete');
  return {};
};

export const automationOperations: Readonly<Record<string, JsonOperation>> = {
  StartAutomationExecution: startAutomationExecution,
  GetAutomationExecution: getAutomationExecution,
  DescribeAutomationExecutions: describeAutomationExecutions,
  DescribeAutomationStepExecutions: describeAutomationStepExecutions,
  StopAutomationExecution: stopAutomationExecution,
  SendAutomationSignal: (input, ctx) => sendSignal(executionOf(input, ctx), input, ctx),
};
