// Reading and checking State Manager inputs: document names and versions, targets, schedule, rate control, names.

import {rateConstraintViolations} from '../../../fleet/run-command/rate-control.js';
import {parseAssociationSchedule} from '../../../fleet/schedules/schedule-expression.js';
import type {FleetModel} from '../../model/fleet-model.js';
import {ServiceError} from '../../protocol/service-error.js';
import {isObject, optBoolean, optInteger, optObjectArray, optString, optStringArray, type Violations, type JsonObject} from '../../protocol/validation.js';
import {resolveParameters} from '../documents/builtin-documents.js';
import {documentStore} from '../documents/document-store.js';
import type {AssociationVersion, TargetSpec} from './association-types.js';

const DOCUMENT_NAME = /^[a-zA-Z0-9_\-.:/]{3,200}$/;
const DOCUMENT_VERSION = /^([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)$/;
export const ASSOCIATION_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ASSOCIATION_NAME = /^[a-zA-Z0-9_\-.]{3,128}$/;
export const INSTANCE_ID = /^(i-(\w{8}|\w{17})|mi-\w{17})$/;
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNSPECIFIED'];

function readParameters(input: JsonObject): Record<string, string[]> {
  const raw = input['Parameters'];
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) throw new ServiceError('SerializationException', 'Expected a map for member Parameters', {messageMember: 'message'});
  const out: Record<string, string[]> = {};
  for (const key of Object.keys(raw)) out[key] = optStringArray(raw, key) ?? [];
  return out;
}

function readTargets(v: Violations, input: JsonObject): readonly TargetSpec[] | undefined {
  const list = optObjectArray(input, 'Targets');
  v.length('targets', list, 0, 5);
  return list?.map((t, i) => {
    const key = optString(t, 'Key');
    const values = optStringArray(t, 'Values') ?? [];
    if (v.required(`targets.${i + 1}.member.key`, key)) v.length(`targets.${i + 1}.member.key`, key, 1, 163);
    v.length(`targets.${i + 1}.member.values`, values, 0, 50);
    return {Key: key ?? '', Values: values};
  });
}

function checkTargets(targets: readonly TargetSpec[]): void {
  for (const {Key, Values} of targets) {
    const ok = Key.toLowerCase() === 'instanceids' || Key === 'tag-key' || (Key.startsWith('tag:') && Key.length > 4) || Key === 'resource-groups:Name';
    if (!ok) throw new ServiceError('InvalidTarget', `Target key ${Key} is not valid: use InstanceIds, tag:<key>, tag-key or resource-groups:Name.`);
    if (Values.length === 0) throw new ServiceError('InvalidTarget', `Target ${Key} needs at least one value.`);
    if (Key.toLowerCase() === 'instanceids') {
      if (Values.includes('*') && Values.length > 1) throw new ServiceError('InvalidTarget', 'InstanceIds=* targets every node: give it alone.');
      const bad = Values.filter((id) => id !== '*' && !INSTANCE_ID.test(id));
      if (bad.length > 0) throw new ServiceError('InvalidTarget', `Target InstanceIds has values that are not node ids: ${bad.join(', ')}.`);
    }
  }
}

export interface Definition {
  documentName: string | undefined;
  documentVersion: string | undefined;
  parameters: Record<string, string[]>;
  targets: readonly TargetSpec[] | undefined;
  instanceId: string | undefined;
  scheduleExpression: string | undefined;
  associationName: string | undefined;
  maxConcurrency: string | undefined;
  maxErrors: string | undefined;
  complianceSeverity: string | undefined;
  syncCompliance: string | undefined;
  applyOnlyAtCronInterval: boolean;
  scheduleOffset: number | undefined;
  duration: number | undefined;
  outputLocation: unknown;
}

/** The association fields CreateAssociation and UpdateAssociation share, with their model constraints. */
export function readDefinition(v: Violations, input: JsonObject): Definition {
  const documentName = optString(input, 'Name');
  if (documentName !== undefined && !DOCUMENT_NAME.test(documentName)) v.add('name', documentName, `Member must satisfy regular expression pattern: ${DOCUMENT_NAME.source}`);
  const documentVersion = optString(input, 'DocumentVersion');
  if (documentVersion !== undefined && !DOCUMENT_VERSION.test(documentVersion)) v.add('documentVersion', documentVersion, `Member must satisfy regular expression pattern: ${DOCUMENT_VERSION.source}`);
  const associationName = optString(input, 'AssociationName');
  if (associationName !== undefined && !ASSOCIATION_NAME.test(associationName)) v.add('associationName', associationName, `Member must satisfy regular expression pattern: ${ASSOCIATION_NAME.source}`);
  const scheduleExpression = optString(input, 'ScheduleExpression');
  v.length('scheduleExpression', scheduleExpression, 1, 256);
  const maxConcurrency = optString(input, 'MaxConcurrency');
  const maxErrors = optString(input, 'MaxErrors');
  for (const [kind, text] of [['maxConcurrency', maxConcurrency], ['maxErrors', maxErrors]] as const) {
    if (text === undefined) continue;
    const prefix = `Value '${text}' at '${kind}' failed to satisfy constraint: `;
    for (const fragment of rateConstraintViolations(kind, text)) v.add(kind, text, fragment.slice(prefix.length));
  }
  const complianceSeverity = optString(input, 'ComplianceSeverity');
  v.oneOf('complianceSeverity', complianceSeverity, SEVERITIES);
  const syncCompliance = optString(input, 'SyncCompliance');
  v.oneOf('syncCompliance', syncCompliance, ['AUTO', 'MANUAL']);
  const scheduleOffset = optInteger(input, 'ScheduleOffset');
  v.range('scheduleOffset', scheduleOffset, 1, 6);
  const duration = optInteger(input, 'Duration');
  v.range('duration', duration, 1, 24);
  const instanceId = optString(input, 'InstanceId');
  if (instanceId !== undefined && !INSTANCE_ID.test(instanceId)) v.add('instanceId', instanceId, 'Member must satisfy regular expression pattern: (^i-(\\w{8}|\\w{17})$)|(^mi-\\w{17}$)');
  return {
    documentName, documentVersion, parameters: readParameters(input), targets: readTargets(v, input), instanceId, scheduleExpression,
    associationName, maxConcurrency, maxErrors, complianceSeverity, syncCompliance,
    applyOnlyAtCronInterval: optBoolean(input, 'ApplyOnlyAtCronInterval') ?? false, scheduleOffset, duration, outputLocation: input['OutputLocation'],
  };
}

/** The checks after the model constraints: schedule, document, version, parameters, targets. */
export function checkDefinition(d: Definition, model: FleetModel): void {
  if (d.scheduleExpression !== undefined) {
    const parsed = parseAssociationSchedule(d.scheduleExpression);
    if (!parsed.ok) throw new ServiceError('InvalidSchedule', parsed.error);
    if (d.applyOnlyAtCronInterval && parsed.schedule.kind === 'rate') throw new ServiceError('InvalidSchedule', 'ApplyOnlyAtCronInterval applies to cron schedules, not rate expressions.');
  } else if (d.applyOnlyAtCronInterval) {
    throw new ServiceError('InvalidSchedule', 'ApplyOnlyAtCronInterval needs a cron ScheduleExpression.');
  }
  if ((d.scheduleOffset !== undefined || d.duration !== undefined) && !d.applyOnlyAtCronInterval) {
    throw new ServiceError('ValidationException', 'ScheduleOffset and Duration need ApplyOnlyAtCronInterval.');
  }
  const docs = documentStore(model);
  const record = docs.get(d.documentName ?? '');
  if (record === undefined) throw new ServiceError('InvalidDocument', 'The specified document does not exist.');
  const version = docs.version(record, d.documentVersion ?? '$DEFAULT');
  try {
    resolveParameters(version.doc, d.parameters);
  } catch (err) {
    if (err instanceof ServiceError) throw new ServiceError('InvalidParameters', err.message);
    throw err;
  }
  if (d.targets !== undefined) checkTargets(d.targets);
}

export function versionOf(d: Definition, version: number, at: number, documentName: string, targets: readonly TargetSpec[]): AssociationVersion {
  return {
    version, createdAt: at, documentName, documentVersion: d.documentVersion, parameters: d.parameters, targets, instanceId: d.instanceId,
    scheduleExpression: d.scheduleExpression, associationName: d.associationName, maxConcurrency: d.maxConcurrency, maxErrors: d.maxErrors,
    complianceSeverity: d.complianceSeverity, syncCompliance: d.syncCompliance ?? 'AUTO', applyOnlyAtCronInterval: d.applyOnlyAtCronInterval,
    scheduleOffset: d.scheduleOffset, duration: d.duration, outputLocation: d.outputLocation,
  };
}

export function readAssociationId(v: Violations, input: JsonObject): string | undefined {
  const id = optString(input, 'AssociationId');
  if (v.required('associationId', id) && !ASSOCIATION_ID.test(id ?? '')) v.add('associationId', id, 'Member must satisfy regular expression pattern: [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}');
  return id;
}
