// SSM Session Manager operations of the local fleet (ssm-api.md §9): StartSession, ResumeSession,
// TerminateSession, DescribeSessions. Sessions, tokens and shells live in session-service.ts.

import {PORT_DOCUMENTS, PORT_TO_REMOTE_HOST_DOCUMENT} from '../../../session/port-forward-documents.js';
import {isManaged} from '../../model/fleet-model.js';
import type {JsonOperation} from '../../protocol/operation-context.js';
import {indexAfter, pageOf} from '../../protocol/page-token.js';
import {serializationError, ServiceError} from '../../protocol/service-error.js';
import {sessionServiceFor, type AgentSession, type SessionStatus} from './session-service.js';
import {terminatedOutput} from './index.js';
import {isObject, optInteger, optObjectArray, optString, Violations, type JsonObject} from '../../protocol/validation.js';
import {epochSeconds} from '../../protocol/wire-json.js';

export const SHELL_DOCUMENT = 'SSM-SessionManagerRunShell';
export const INTERACTIVE_COMMAND_DOCUMENT = 'AWS-StartInteractiveCommand';
const SESSION_DOCUMENTS = [SHELL_DOCUMENT, INTERACTIVE_COMMAND_DOCUMENT, ...PORT_DOCUMENTS];
const DOCUMENT_NAME = /^[a-zA-Z0-9_\-.:/]{3,128}$/;
const FILTER_KEYS = ['InvokedAfter', 'InvokedBefore', 'Target', 'Owner', 'Status', 'SessionId', 'AccessType'];
const STATUSES: readonly SessionStatus[] = ['Connected', 'Connecting', 'Disconnected', 'Terminated', 'Terminating', 'Failed'];
const ACTIVE: ReadonlySet<SessionStatus> = new Set(['Connecting', 'Connected', 'Disconnected', 'Terminating']);
/** Not documented; UNVERIFIED. */
const DEFAULT_MAX_RESULTS = 20;

function readParameters(input: JsonObject): Record<string, string[]> | undefined {
  const raw = input['Parameters'];
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) throw serializationError('Expected a map for member Parameters');
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      throw serializationError(`Expected a list of strings for member Parameters.${key}`);
    }
    out[key] = value as string[];
  }
  return out;
}

/** The only hosts a local node can reach for remote-host forwarding: this machine's loopback. */
function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
}

function single(parameters: Record<string, string[]> | undefined, name: string, document: string): string | undefined {
  const values = parameters?.[name];
  if (values === undefined) return undefined;
  if (values.length !== 1) throw new ServiceError('ValidationException', `${document}: parameter "${name}" takes exactly one value.`);
  return values[0];
}

function portParameter(parameters: Record<string, string[]> | undefined, name: string, document: string, min: number): number | undefined {
  const text = single(parameters, name, document);
  if (text === undefined) return undefined;
  const n = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= min && n <= 65_535)) {
    throw new ServiceError('ValidationException', `${document}: parameter "${name}" must be a port number (${min}–65535), not "${text}".`);
  }
  return n;
}

/** portNumber (required), localPortNumber (default 0) and, for the remote-host document, a loopback host. */
function portTarget(parameters: Record<string, string[]> | undefined, document: string): {host: string; portNumber: number; localPortNumber: number} {
  const known = document === PORT_TO_REMOTE_HOST_DOCUMENT ? ['portNumber', 'localPortNumber', 'host'] : ['portNumber', 'localPortNumber'];
  const unknown = Object.keys(parameters ?? {}).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw new ServiceError('ValidationException', `${document} does not accept parameters: ${unknown.join(', ')}.`);
  const portNumber = portParameter(parameters, 'portNumber', document, 1);
  if (portNumber === undefined) throw new ServiceError('ValidationException', `${document} requires a "portNumber" parameter.`);
  const localPortNumber = portParameter(parameters, 'localPortNumber', document, 0) ?? 0;
  let host = 'localhost';
  if (document === PORT_TO_REMOTE_HOST_DOCUMENT) {
    const given = single(parameters, 'host', document);
    if (given === undefined || given.trim() === '') throw new ServiceError('ValidationException', `${document} requires a "host" parameter.`);
    if (!isLoopbackHost(given)) {
      throw new ServiceError(
        'ValidationException',
        `The local fleet forwards only to loopback addresses (localhost, 127.0.0.0/8, ::1); "${given}" is not one.`,
      );
    }
    host = given;
  }
  return {host, portNumber, localPortNumber};
}

function sessionIdInput(input: JsonObject): string {
  const sessionId = optString(input, 'SessionId');
  const v = new Violations();
  if (v.required('sessionId', sessionId)) v.length('sessionId', sessionId, 1, 96);
  v.throwIfAny();
  return sessionId ?? '';
}

function doesNotExist(sessionId: string): ServiceError {
  return new ServiceError('DoesNotExistException', `Session ${sessionId} does not exist or is no longer active.`);
}

export const startSession: JsonOperation = (input, ctx) => {
  const target = optString(input, 'Target');
  const documentName = optString(input, 'DocumentName');
  const reason = optString(input, 'Reason');
  const parameters = readParameters(input);
  const v = new Violations();
  if (v.required('target', target)) v.length('target', target, 1, 400);
  if (documentName !== undefined && !DOCUMENT_NAME.test(documentName)) {
    v.add('documentName', documentName, 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9_\\-.:/]{3,128}$');
  }
  v.length('reason', reason, 1, 256);
  v.throwIfAny();
  const document = documentName ?? SHELL_DOCUMENT;
  if (!SESSION_DOCUMENTS.includes(document)) {
    throw new ServiceError('InvalidDocument', `Document ${document} is not a Session document supported by the local fleet.`);
  }
  let command: string | undefined;
  let port: ReturnType<typeof portTarget> | undefined;
  if (PORT_DOCUMENTS.includes(document)) {
    port = portTarget(parameters, document);
  } else if (document === INTERACTIVE_COMMAND_DOCUMENT) {
    const values = parameters?.['command'];
    command = values?.[0];
    if (values?.length !== 1 || command === undefined || command.trim() === '') {
      throw new ServiceError('ValidationException', `${INTERACTIVE_COMMAND_DOCUMENT} requires exactly one non-empty "command" parameter.`);
    }
  } else if (parameters !== undefined && Object.keys(parameters).length > 0) {
    throw new ServiceError('ValidationException', `${document} does not accept parameters: ${Object.keys(parameters).join(', ')}.`);
  }
  const node = ctx.model.get(target ?? '');
  if (node === undefined || !isManaged(node) || node.pingStatus !== 'Online') {
    throw new ServiceError('TargetNotConnected', `${String(target)} is not connected.`);
  }
  return sessionServiceFor(ctx.model).start(node, {
    documentName: document,
    ...(reason === undefined ? {} : {reason}),
    ...(command === undefined ? {} : {command}),
    ...(port === undefined ? {} : {port}),
    ...(ctx.caller === undefined ? {} : {owner: ctx.caller}),
  });
};

export const resumeSession: JsonOperation = (input, ctx) => {
  const sessionId = sessionIdInput(input);
  const service = sessionServiceFor(ctx.model);
  const session = service.get(sessionId);
  if (session === undefined || !session.active) throw doesNotExist(sessionId);
  return {SessionId: sessionId, TokenValue: session.issueToken(), StreamUrl: service.streamUrl(sessionId)};
};

export const terminateSession: JsonOperation = (input, ctx) => {
  const sessionId = sessionIdInput(input);
  const service = sessionServiceFor(ctx.model);
  const session = service.get(sessionId);
  if (session === undefined) throw doesNotExist(sessionId);
  session.terminate('TerminateSession', terminatedOutput(ctx.caller?.arn ?? service.ownerArn()));
  return {SessionId: sessionId};
};

interface SessionFilter {
  key: string;
  value: string;
}

function readSessionFilters(input: JsonObject): {state: string; filters: SessionFilter[]} {
  const state = optString(input, 'State');
  const filters = optObjectArray(input, 'Filters');
  const v = new Violations();
  if (v.required('state', state)) v.oneOf('state', state, ['Active', 'History']);
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 200);
  v.length('filters', filters, 1, 6);
  const out: SessionFilter[] = [];
  filters?.forEach((f, i) => {
    const p = `filters.${i + 1}.member`;
    const key = optString(f, 'key');
    const value = optString(f, 'value');
    if (v.required(`${p}.key`, key)) v.oneOf(`${p}.key`, key, FILTER_KEYS);
    if (v.required(`${p}.value`, value)) v.length(`${p}.value`, value, 1, 400);
    if (key !== undefined && value !== undefined) out.push({key, value});
  });
  v.throwIfAny();
  for (const f of out) {
    if ((f.key === 'InvokedAfter' || f.key === 'InvokedBefore') && Number.isNaN(Date.parse(f.value))) {
      throw new ServiceError('ValidationException', `The ${f.key} filter value ${f.value} is not a valid date (for example 2018-08-29T00:00:00Z).`);
    }
    if (f.key === 'Status' && !(STATUSES as readonly string[]).includes(f.value)) {
      throw new ServiceError('ValidationException', `The Status filter value ${f.value} is not valid. Valid values: ${STATUSES.join(', ')}.`);
    }
  }
  return {state: state ?? '', filters: out};
}

function matches(s: AgentSession, {key, value}: SessionFilter): boolean {
  switch (key) {
    case 'InvokedAfter':
      return s.startDate >= Date.parse(value);
    case 'InvokedBefore':
      return s.startDate <= Date.parse(value);
    case 'Target':
      return s.target === value;
    case 'Owner':
      return s.owner === value;
    case 'Status':
      return s.status === value;
    case 'SessionId':
      return s.sessionId === value;
    case 'AccessType':
      return value === 'Standard';
    default:
      return false;
  }
}

/** Newest first: ascending keys of (far future − start date, id). */
function sortKey(s: AgentSession): string {
  return `${String(9e15 - s.startDate).padStart(16, '0')}|${s.sessionId}`;
}

function sessionShape(s: AgentSession): JsonObject {
  const out: JsonObject = {SessionId: s.sessionId, Target: s.target, Status: s.status, StartDate: epochSeconds(s.startDate)};
  if (s.endDate !== undefined) out['EndDate'] = epochSeconds(s.endDate);
  out['DocumentName'] = s.documentName;
  out['Owner'] = s.owner;
  if (s.reason !== undefined) out['Reason'] = s.reason;
  if (s.policy !== undefined && s.policy.maxSessionDuration !== '') out['MaxSessionDuration'] = s.policy.maxSessionDuration;
  out['OutputUrl'] = {};
  out['AccessType'] = 'Standard';
  return out;
}

export const describeSessions: JsonOperation = (input, ctx) => {
  const {state, filters} = readSessionFilters(input);
  const maxResults = optInteger(input, 'MaxResults') ?? DEFAULT_MAX_RESULTS;
  const normalized = [...filters].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.value < b.value ? -1 : 1));
  const scope = `ssm:DescribeSessions:${state}:${JSON.stringify(normalized)}`;
  const wantActive = state === 'Active';
  const list = sessionServiceFor(ctx.model)
    .all()
    .filter((s) => ACTIVE.has(s.status) === wantActive && filters.every((f) => matches(s, f)))
    .map((s) => ({key: sortKey(s), session: s}))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const token = optString(input, 'NextToken');
  let start = 0;
  if (token !== undefined && token !== '') {
    const cursor = ctx.tokens.read(token, scope);
    if (cursor === undefined) throw new ServiceError('InvalidNextToken', "The specified token isn't valid.");
    start = indexAfter(list, cursor, (e) => e.key);
  }
  const page = pageOf(list, start, maxResults, (e) => e.key);
  const out: JsonObject = {Sessions: page.items.map((e) => sessionShape(e.session))};
  if (page.nextCursor !== undefined) out['NextToken'] = ctx.tokens.issue(scope, page.nextCursor);
  return out;
};

export const sessionOperations: Readonly<Record<string, JsonOperation>> = {
  StartSession: startSession,
  ResumeSession: resumeSession,
  TerminateSession: terminateSession,
  DescribeSessions: describeSessions,
};
