// Run Command operations on the local fleet (docs/ssm-api.md §8): SendCommand, ListCommands,
// ListCommandInvocations, GetCommandInvocation, CancelCommand. How a command runs: run-command-store.ts.
// Local nodes run commands for real, on this machine, as the current user.
import {randomUUID} from 'node:crypto';
import {isTerminal} from '../../../fleet/run-command/command-status.js';
import {SEND_COMMAND_MAX_IDS, type DispatchSnapshot} from '../../../fleet/run-command/run-plan.js';
import {RATE_DEFAULTS, rateConstraintViolations} from '../../../fleet/run-command/rate-control.js';
import {resolveParameters} from '../documents/builtin-documents.js';
import {findFleetDocument} from '../documents/document-store.js';
import {isManaged, type FleetNode} from '../../model/fleet-model.js';
import type {JsonOperation, OperationContext} from '../../protocol/operation-context.js';
import {indexAfter, pageOf} from '../../protocol/page-token.js';
import {ServiceError} from '../../protocol/service-error.js';
import {resolveSsmReferences} from '../parameters/index.js';
import {isObject, optBoolean, optInteger, optObjectArray, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';

import {DEFAULT_TIMEOUT_SECONDS, runCommandStore, snapshotOf, type Command, type Invocation, type RunCommandStore} from './store.js';
import {commandShape, invocationShape, statusOf, isoDate, elapsed} from './wire.js';

export {closeRunCommands, runCommandStore, OUTPUT_TRUNCATED_MARKER, STDOUT_LIMIT, STDERR_LIMIT, PLUGIN_OUTPUT_LIMIT} from './store.js';
export {pluginOutput} from './wire.js';

// ---- operations ----

const DOCUMENT_NAME = /^[a-zA-Z0-9_\-.:/]{3,128}$/;
const INSTANCE_ID = /^(i-(\w{8}|\w{17})|mi-\w{17})$/;
const COMMAND_ID_LENGTH = 36;

function sendable(node: FleetNode | undefined): node is FleetNode {
  return node !== undefined && isManaged(node) && node.pingStatus !== 'Inactive' && node.ec2?.state !== 'shutting-down' && node.ec2?.state !== 'stopping';
}

function invalidInstances(ids: readonly string[], ctx: OperationContext): ServiceError {
  return new ServiceError('InvalidInstanceId', `Instances [[${ids.join(', ')}]] not in a valid state for account ${ctx.model.accountId}`);
}

function readParameters(input: JsonObject): Record<string, string[]> {
  const raw = input['Parameters'];
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) throw new ServiceError('SerializationException', 'Expected a map for member Parameters', {messageMember: 'message'});
  const out: Record<string, string[]> = {};
  for (const key of Object.keys(raw)) {
    const list = optStringArray(raw, key);
    out[key] = list ?? [];
  }
  return out;
}

function resolveTargets(targets: {Key: string; Values: string[]}[], ctx: OperationContext): FleetNode[] {
  let nodes = ctx.model.managed().filter(sendable);
  for (const {Key, Values} of targets) {
    const values = new Set(Values);
    if (Key.toLowerCase() === 'instanceids') nodes = nodes.filter((n) => values.has(n.instanceId));
    else if (Key === 'tag-key') nodes = nodes.filter((n) => Values.some((k) => Object.hasOwn(n.tags, k)));
    else if (Key.startsWith('tag:') && Key.length > 4) {
      const tag = Key.slice(4);
      nodes = nodes.filter((n) => Object.hasOwn(n.tags, tag) && values.has(n.tags[tag] ?? ''));
    } else if (Key.startsWith('resource-groups:')) {
      throw new ServiceError('ValidationException', `The local fleet has no resource groups: target key ${Key} is not supported.`);
    } else {
      throw new ServiceError('ValidationException', `Target key ${Key} is not valid. Use InstanceIds, tag:<key>, tag-key or resource-groups:Name.`);
    }
  }
  return nodes;
}

export const sendCommand: JsonOperation = (input, ctx) => {
  const store = runCommandStore(ctx.model);
  store.refresh();
  const documentName = optString(input, 'DocumentName');
  const instanceIds = optStringArray(input, 'InstanceIds');
  const targetsIn = optObjectArray(input, 'Targets');
  const documentVersion = optString(input, 'DocumentVersion');
  const comment = optString(input, 'Comment');
  const timeoutSeconds = optInteger(input, 'TimeoutSeconds');
  const maxConcurrency = optString(input, 'MaxConcurrency');
  const maxErrors = optString(input, 'MaxErrors');
  const bucket = optString(input, 'OutputS3BucketName');
  const prefix = optString(input, 'OutputS3KeyPrefix');
  const cw = input['CloudWatchOutputConfig'];
  const parametersIn = readParameters(input);

  const v = new Violations();
  if (v.required('documentName', documentName) && !DOCUMENT_NAME.test(documentName ?? '')) {
    v.add('documentName', documentName, 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9_\\-.:/]{3,128}$');
  }
  v.length('instanceIds', instanceIds, 0, SEND_COMMAND_MAX_IDS);
  v.length('targets', targetsIn, 0, 5);
  const targets = (targetsIn ?? []).map((t, i) => {
    const key = optString(t, 'Key');
    const values = optStringArray(t, 'Values') ?? [];
    if (v.required(`targets.${i + 1}.member.key`, key)) v.length(`targets.${i + 1}.member.key`, key, 1, 163);
    v.length(`targets.${i + 1}.member.values`, values, 0, 50);
    return {Key: key ?? '', Values: values};
  });
  v.length('comment', comment, 0, 100);
  v.range('timeoutSeconds', timeoutSeconds, 30, 2_592_000);
  for (const [kind, text] of [['maxConcurrency', maxConcurrency], ['maxErrors', maxErrors]] as const) {
    if (text === undefined) continue;
    const prefixText = `Value '${text}' at '${kind}' failed to satisfy constraint: `;
    for (const fragment of rateConstraintViolations(kind, text)) v.add(kind, text, fragment.slice(prefixText.length));
  }
  v.length('outputS3BucketName', bucket, 3, 63);
  v.length('outputS3KeyPrefix', prefix, 0, 500);
  v.throwIfAny();

  // Amazon's documents and the ones authored on this fleet, at the asked version.
  const doc = findFleetDocument(ctx.model, documentName ?? '', documentVersion);
  if (doc === undefined) throw new ServiceError('InvalidDocument', 'Document with that name does not exist.');
  const parameters = resolveSsmReferences(resolveParameters(doc, parametersIn), ctx);

  const hasIds = (instanceIds?.length ?? 0) > 0;
  const hasTargets = targets.length > 0;
  if (hasIds === hasTargets) {
    throw new ServiceError('ValidationException', hasIds ? 'Provide either InstanceIds or Targets, not both.' : 'Targets is required if you don\'t provide node IDs (InstanceIds).');
  }
  let nodes: FleetNode[];
  if (hasIds) {
    const ids = instanceIds ?? [];
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup !== undefined) throw new ServiceError('DuplicateInstanceId', `Instance ${dup} is given more than once.`);
    const bad = ids.filter((id) => !INSTANCE_ID.test(id) || !sendable(ctx.model.get(id)));
    if (bad.length > 0) throw invalidInstances(bad, ctx);
    nodes = ids.map((id) => ctx.model.get(id) as FleetNode);
    const wrong = nodes.find((n) => doc.plugins[n.platformType] === undefined);
    if (wrong !== undefined) {
      throw new ServiceError('UnsupportedPlatformType', `Cannot perform operation for instance id ${wrong.instanceId} of platform type ${wrong.platformType}`);
    }
  } else {
    nodes = resolveTargets(targets, ctx);
  }

  const execSeconds = Number(parameters['executionTimeout']?.[0] ?? (doc.name === 'AWS-RunPatchBaseline' ? '7200' : '3600'));
  const requestedAt = store.now();
  const timeout = timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const cmd = store.add({
    id: randomUUID(),
    doc,
    documentVersion: documentVersion ?? '',
    comment: comment ?? '',
    parameters,
    instanceIds: hasIds ? [...(instanceIds ?? [])] : [],
    targets,
    requestedAt,
    expiresAt: requestedAt + (timeout + execSeconds) * 1000,
    deliveryDeadline: requestedAt + timeout * 1000,
    timeoutSeconds: timeout,
    executionTimeoutMs: execSeconds * 1000,
    maxConcurrency: maxConcurrency ?? RATE_DEFAULTS.maxConcurrency,
    maxErrors: maxErrors ?? RATE_DEFAULTS.maxErrors,
    maxConcurrencyValue: maxConcurrency ?? RATE_DEFAULTS.maxConcurrency,
    maxErrorsValue: maxErrors ?? RATE_DEFAULTS.maxErrors,
    cloudWatch: {
      CloudWatchLogGroupName: isObject(cw) ? (optString(cw, 'CloudWatchLogGroupName') ?? '') : '',
      CloudWatchOutputEnabled: isObject(cw) ? (optBoolean(cw, 'CloudWatchOutputEnabled') ?? false) : false,
    },
    outputS3BucketName: bucket ?? '',
    outputS3KeyPrefix: prefix ?? '',
    targetNodes: nodes,
  });
  return {Command: commandShape(cmd, snapshotOf(cmd))};
};

interface CommandFilter {
  key: string;
  value: string;
}

const COMMAND_STATUS_VALUES = ['Pending', 'InProgress', 'Success', 'Cancelled', 'Failed', 'TimedOut', 'AccessDenied', 'DeliveryTimedOut', 'ExecutionTimedOut', 'Incomplete', 'NoInstancesInTag', 'LimitExceeded'];
const INVOCATION_STATUS_VALUES = ['Pending', 'InProgress', 'Success', 'Cancelled', 'Failed', 'TimedOut', 'AccessDenied', 'DeliveryTimedOut', 'ExecutionTimedOut', 'Delayed', 'Undeliverable', 'InvalidPlatform', 'Terminated'];

function readListInput(input: JsonObject, op: 'ListCommands' | 'ListCommandInvocations'): {commandId?: string; instanceId?: string; max: number; filters: CommandFilter[]} {
  const commandId = optString(input, 'CommandId');
  const instanceId = optString(input, 'InstanceId');
  const max = optInteger(input, 'MaxResults');
  const list = optObjectArray(input, 'Filters');
  const v = new Violations();
  v.length('commandId', commandId, COMMAND_ID_LENGTH, COMMAND_ID_LENGTH);
  v.range('maxResults', max, 1, 50);
  v.length('filters', list, 1, 5);
  const keys = ['InvokedAfter', 'InvokedBefore', 'Status', 'ExecutionStage', 'DocumentName'];
  const filters = (list ?? []).map((f, i) => {
    const key = optString(f, 'key');
    const value = optString(f, 'value');
    if (v.required(`filters.${i + 1}.member.key`, key)) v.oneOf(`filters.${i + 1}.member.key`, key, keys);
    if (v.required(`filters.${i + 1}.member.value`, value)) v.length(`filters.${i + 1}.member.value`, value, 1, 128);
    return {key: key ?? '', value: value ?? ''};
  });
  v.throwIfAny();
  for (const f of filters) {
    if (f.key === 'ExecutionStage' && op !== 'ListCommands') throw new ServiceError('InvalidFilterKey', 'ExecutionStage is a ListCommands filter.');
    const allowed = f.key === 'Status' ? (op === 'ListCommands' ? COMMAND_STATUS_VALUES : INVOCATION_STATUS_VALUES) : f.key === 'ExecutionStage' ? ['Executing', 'Complete'] : undefined;
    if (allowed !== undefined && !allowed.includes(f.value)) {
      throw new ServiceError('ValidationException', `The ${f.key} filter value ${f.value} is not valid. Valid values: ${allowed.join(', ')}.`);
    }
    if ((f.key === 'InvokedAfter' || f.key === 'InvokedBefore') && Number.isNaN(Date.parse(f.value))) {
      throw new ServiceError('ValidationException', `The ${f.key} filter value ${f.value} is not a valid date (use e.g. 2024-07-07T00:00:00Z).`);
    }
  }
  if (instanceId !== undefined && filters.some((f) => f.key === 'Status' && f.value === 'Pending')) {
    throw new ServiceError('ValidationException', 'InstanceId cannot be combined with the Status filter value Pending.');
  }
  return {commandId, instanceId, max: max ?? 50, filters};
}

function commandMatches(cmd: Command, snap: DispatchSnapshot, filters: readonly CommandFilter[]): boolean {
  return filters.every((f) => {
    switch (f.key) {
      case 'InvokedAfter': return cmd.requestedAt >= Date.parse(f.value);
      case 'InvokedBefore': return cmd.requestedAt <= Date.parse(f.value);
      case 'DocumentName': return cmd.doc.name === f.value;
      case 'ExecutionStage': return (f.value === 'Complete') === snap.done;
      case 'Status': return snap.Status === f.value || snap.StatusDetails === f.value;
      default: return true;
    }
  });
}

function selectCommands(store: RunCommandStore, q: {commandId?: string; instanceId?: string}): readonly Command[] {
  if (q.commandId !== undefined) {
    const cmd = store.get(q.commandId);
    if (cmd === undefined) throw new ServiceError('InvalidCommandId', '');
    return [cmd];
  }
  return store.all();
}

function paginate<T>(ctx: OperationContext, input: JsonObject, scope: string, list: readonly T[], max: number, key: (t: T) => string): {items: readonly T[]; token?: string} {
  const token = optString(input, 'NextToken');
  let start = 0;
  if (token !== undefined && token !== '') {
    const cursor = ctx.tokens.read(token, scope);
    if (cursor === undefined) throw new ServiceError('InvalidNextToken', 'The specified token isn\'t valid.');
    start = indexAfter(list, cursor, key);
  }
  const page = pageOf(list, start, max, key);
  return page.nextCursor === undefined ? {items: page.items} : {items: page.items, token: ctx.tokens.issue(scope, page.nextCursor)};
}

export const listCommands: JsonOperation = (input, ctx) => {
  const store = runCommandStore(ctx.model);
  store.refresh();
  const q = readListInput(input, 'ListCommands');
  const rows = selectCommands(store, q)
    .filter((c) => q.instanceId === undefined || c.invocations.has(q.instanceId))
    .map((c) => ({c, snap: snapshotOf(c)}))
    .filter(({c, snap}) => commandMatches(c, snap, q.filters));
  const scope = `ssm:ListCommands:${JSON.stringify([q.commandId, q.instanceId, q.filters])}`;
  const page = paginate(ctx, input, scope, rows, q.max, (r) => r.c.key);
  const out: JsonObject = {Commands: page.items.map((r) => commandShape(r.c, r.snap))};
  if (page.token !== undefined) out['NextToken'] = page.token;
  return out;
};

export const listCommandInvocations: JsonOperation = (input, ctx) => {
  const store = runCommandStore(ctx.model);
  store.refresh();
  const q = readListInput(input, 'ListCommandInvocations');
  const details = optBoolean(input, 'Details') ?? false;
  const rows: {key: string; cmd: Command; snap: DispatchSnapshot; inv: Invocation}[] = [];
  for (const cmd of selectCommands(store, q)) {
    const snap = snapshotOf(cmd);
    const cmdFilters = q.filters.filter((f) => f.key !== 'Status');
    if (!commandMatches(cmd, snap, cmdFilters)) continue;
    cmd.order.forEach((id, i) => {
      if (q.instanceId !== undefined && id !== q.instanceId) return;
      const inv = cmd.invocations.get(id) as Invocation;
      const state = snap.invocations[i];
      const statusOk = q.filters.every((f) => f.key !== 'Status' || state?.status === f.value || state?.statusDetails === f.value);
      if (statusOk) rows.push({key: `${cmd.key}:${String(i).padStart(6, '0')}`, cmd, snap, inv});
    });
  }
  const scope = `ssm:ListCommandInvocations:${JSON.stringify([q.commandId, q.instanceId, q.filters])}`;
  const page = paginate(ctx, input, scope, rows, q.max, (r) => r.key);
  const out: JsonObject = {CommandInvocations: page.items.map((r) => invocationShape(r.cmd, r.snap, r.inv, details))};
  if (page.token !== undefined) out['NextToken'] = page.token;
  return out;
};

export const getCommandInvocation: JsonOperation = (input, ctx) => {
  const store = runCommandStore(ctx.model);
  store.refresh();
  const commandId = optString(input, 'CommandId');
  const instanceId = optString(input, 'InstanceId');
  const pluginName = optString(input, 'PluginName');
  const v = new Violations();
  if (v.required('commandId', commandId)) v.length('commandId', commandId, COMMAND_ID_LENGTH, COMMAND_ID_LENGTH);
  if (v.required('instanceId', instanceId) && !INSTANCE_ID.test(instanceId ?? '')) {
    v.add('instanceId', instanceId, 'Member must satisfy regular expression pattern: (^i-(\\w{8}|\\w{17})$)|(^mi-\\w{17}$)');
  }
  v.length('pluginName', pluginName, 4, undefined);
  v.throwIfAny();
  const cmd = store.get(commandId ?? '');
  if (cmd === undefined) throw new ServiceError('InvalidCommandId', '');
  const inv = cmd.invocations.get(instanceId ?? '');
  if (inv === undefined || store.now() - cmd.requestedAt < store.invocationVisibleAfterMs) throw new ServiceError('InvocationDoesNotExist', '');
  if (pluginName !== undefined && pluginName !== inv.plugin?.name) throw new ServiceError('InvalidPluginName', '');
  const snap = snapshotOf(cmd);
  const {sd, status} = statusOf(cmd, snap, inv.instanceId);
  const finished = isTerminal(sd);
  return {
    CommandId: cmd.id,
    InstanceId: inv.instanceId,
    Comment: cmd.comment,
    DocumentName: cmd.doc.name,
    DocumentVersion: cmd.documentVersion,
    PluginName: inv.plugin?.name ?? '',
    ResponseCode: inv.responseCode,
    ExecutionStartDateTime: isoDate(inv.startedAt),
    ExecutionElapsedTime: elapsed(inv),
    ExecutionEndDateTime: isoDate(inv.endedAt),
    Status: status,
    StatusDetails: sd,
    StandardOutputContent: finished ? inv.stdout : '',
    StandardOutputUrl: '',
    StandardErrorContent: finished ? inv.stderr : '',
    StandardErrorUrl: '',
    CloudWatchOutputConfig: cmd.cloudWatch,
  };
};

export const cancelCommand: JsonOperation = (input, ctx) => {
  const store = runCommandStore(ctx.model);
  store.refresh();
  const commandId = optString(input, 'CommandId');
  const instanceIds = optStringArray(input, 'InstanceIds');
  const v = new Violations();
  if (v.required('commandId', commandId)) v.length('commandId', commandId, COMMAND_ID_LENGTH, COMMAND_ID_LENGTH);
  v.length('instanceIds', instanceIds, 0, SEND_COMMAND_MAX_IDS);
  v.throwIfAny();
  const cmd = store.get(commandId ?? '');
  if (cmd === undefined) throw new ServiceError('InvalidCommandId', '');
  const ids = instanceIds !== undefined && instanceIds.length > 0 ? instanceIds : undefined;
  if (ids !== undefined) {
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup !== undefined) throw new ServiceError('DuplicateInstanceId', `Instance ${dup} is given more than once.`);
    const unknown = ids.filter((id) => !cmd.invocations.has(id));
    if (unknown.length > 0) throw invalidInstances(unknown, ctx);
  }
  store.cancel(cmd, ids);
  return {};
};

export const runCommandOperations: Readonly<Record<string, JsonOperation>> = {
  SendCommand: sendCommand,
  ListCommands: listCommands,
  ListCommandInvocations: listCommandInvocations,
  GetCommandInvocation: getCommandInvocation,
  CancelCommand: cancelCommand,
};

