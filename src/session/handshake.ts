/**
 * Handshake payloads (spec §5), in Go struct field order, plus the plugin's way of answering a request.
 * KMS encryption is deferred: a KMSEncryption action is answered as Failed, which makes the agent cancel.
 */
import {goField, goJsonBytes, goStringField, parseJsonObject} from './go-json.js';

export const ActionType = {SessionType: 'SessionType', KMSEncryption: 'KMSEncryption'} as const;
export const ActionStatus = {Success: 1, Failed: 2, Unsupported: 3} as const;

/** Session types the plugin accepts; the first three all run as a shell. */
export const SessionTypeName = {
  StandardStream: 'Standard_Stream',
  InteractiveCommands: 'InteractiveCommands',
  NonInteractiveCommands: 'NonInteractiveCommands',
  Port: 'Port',
} as const;

export interface RequestedClientAction {
  actionType: string;
  /** Raw JSON value (SessionType: {SessionType, Properties}; KMSEncryption: {KMSKeyId, Challenge}). */
  actionParameters: unknown;
}

export interface HandshakeRequest {
  agentVersion: string;
  requestedClientActions: RequestedClientAction[];
}

export interface ProcessedClientAction {
  actionType: string;
  /** 0 (unset) for unknown action types, a quirk kept from the plugin. */
  actionStatus: number;
  actionResult: unknown;
  error: string;
}

export interface HandshakeResponse {
  clientVersion: string;
  processedClientActions: ProcessedClientAction[];
  /** Go's nil slice: null when there are none. */
  errors: string[] | null;
}

export interface HandshakeComplete {
  /** Nanoseconds (Go time.Duration). */
  handshakeTimeToComplete: number;
  customerMessage: string;
}

export type Parsed<T> = {ok: true; value: T} | {ok: false; error: string};

/** The SessionType action as the agent builds it; `properties` is null for shell sessions. */
export function sessionTypeAction(sessionType: string, properties: unknown): RequestedClientAction {
  return {actionType: ActionType.SessionType, actionParameters: {SessionType: sessionType, Properties: properties ?? null}};
}

export function encodeHandshakeRequest(request: HandshakeRequest): Buffer {
  return goJsonBytes({
    AgentVersion: request.agentVersion,
    RequestedClientActions: request.requestedClientActions.map((a) => ({
      ActionType: a.actionType,
      ActionParameters: a.actionParameters ?? null,
    })),
  });
}

export function parseHandshakeRequest(payload: Uint8Array): Parsed<HandshakeRequest> {
  const parsed = parseJsonObject(payload);
  if (!parsed.ok) return parsed;
  const agentVersion = goStringField(parsed.value, 'AgentVersion');
  if (typeof agentVersion !== 'string') return {ok: false, error: agentVersion.error};
  const actions = goField(parsed.value, 'RequestedClientActions') ?? [];
  if (!Array.isArray(actions)) return {ok: false, error: 'RequestedClientActions is not an array'};
  const requestedClientActions: RequestedClientAction[] = [];
  for (const action of actions as unknown[]) {
    if (typeof action !== 'object' || action === null || Array.isArray(action)) {
      return {ok: false, error: 'a requested client action is not an object'};
    }
    const o = action as Record<string, unknown>;
    const actionType = goStringField(o, 'ActionType');
    if (typeof actionType !== 'string') return {ok: false, error: actionType.error};
    requestedClientActions.push({actionType, actionParameters: goField(o, 'ActionParameters') ?? null});
  }
  return {ok: true, value: {agentVersion, requestedClientActions}};
}

export function encodeHandshakeResponse(response: HandshakeResponse): Buffer {
  return goJsonBytes({
    ClientVersion: response.clientVersion,
    ProcessedClientActions: response.processedClientActions.map((a) => ({
      ActionType: a.actionType,
      ActionStatus: a.actionStatus,
      ActionResult: a.actionResult ?? null,
      Error: a.error,
    })),
    Errors: response.errors,
  });
}

export function parseHandshakeResponse(payload: Uint8Array): Parsed<HandshakeResponse> {
  const parsed = parseJsonObject(payload);
  if (!parsed.ok) return parsed;
  const clientVersion = goStringField(parsed.value, 'ClientVersion');
  if (typeof clientVersion !== 'string') return {ok: false, error: clientVersion.error};
  const actions = goField(parsed.value, 'ProcessedClientActions') ?? [];
  if (!Array.isArray(actions)) return {ok: false, error: 'ProcessedClientActions is not an array'};
  const processedClientActions: ProcessedClientAction[] = [];
  for (const action of actions as unknown[]) {
    if (typeof action !== 'object' || action === null || Array.isArray(action)) {
      return {ok: false, error: 'a processed client action is not an object'};
    }
    const o = action as Record<string, unknown>;
    const actionType = goStringField(o, 'ActionType');
    const error = goStringField(o, 'Error');
    const status = goField(o, 'ActionStatus') ?? 0;
    if (typeof actionType !== 'string') return {ok: false, error: actionType.error};
    if (typeof error !== 'string') return {ok: false, error: error.error};
    if (typeof status !== 'number' || !Number.isInteger(status)) return {ok: false, error: 'ActionStatus is not an integer'};
    processedClientActions.push({actionType, actionStatus: status, actionResult: goField(o, 'ActionResult') ?? null, error});
  }
  const errors = goField(parsed.value, 'Errors') ?? null;
  if (errors !== null && !(Array.isArray(errors) && errors.every((e) => typeof e === 'string'))) {
    return {ok: false, error: 'Errors is not an array of strings'};
  }
  return {ok: true, value: {clientVersion, processedClientActions, errors: errors as string[] | null}};
}

export function encodeHandshakeComplete(complete: HandshakeComplete): Buffer {
  if (!Number.isSafeInteger(complete.handshakeTimeToComplete)) throw new RangeError('handshakeTimeToComplete must be an integer (ns)');
  return goJsonBytes({HandshakeTimeToComplete: complete.handshakeTimeToComplete, CustomerMessage: complete.customerMessage});
}

export function parseHandshakeComplete(payload: Uint8Array): Parsed<HandshakeComplete> {
  const parsed = parseJsonObject(payload);
  if (!parsed.ok) return parsed;
  const time = goField(parsed.value, 'HandshakeTimeToComplete') ?? 0;
  if (typeof time !== 'number' || !Number.isInteger(time)) return {ok: false, error: 'HandshakeTimeToComplete is not an integer'};
  const customerMessage = goStringField(parsed.value, 'CustomerMessage');
  if (typeof customerMessage !== 'string') return {ok: false, error: customerMessage.error};
  return {ok: true, value: {handshakeTimeToComplete: time, customerMessage}};
}

/** EncChallengeRequest / EncChallengeResponse: `{"Challenge":"<base64>"}` (Go []byte). */
export function encodeEncChallenge(challenge: Uint8Array): Buffer {
  return goJsonBytes({Challenge: Buffer.from(challenge).toString('base64')});
}

export function parseEncChallenge(payload: Uint8Array): Parsed<Buffer> {
  const parsed = parseJsonObject(payload);
  if (!parsed.ok) return parsed;
  const challenge = goStringField(parsed.value, 'Challenge');
  if (typeof challenge !== 'string') return {ok: false, error: challenge.error};
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(challenge) || challenge.length % 4 !== 0) {
    return {ok: false, error: 'Challenge is not standard base64'};
  }
  return {ok: true, value: Buffer.from(challenge, 'base64')};
}

export interface HandshakeDecision {
  response: HandshakeResponse;
  /** 'Standard_Stream' (any shell-like type) or 'Port'; undefined when no acceptable SessionType was requested. */
  sessionType?: string;
  properties?: unknown;
}

/** Answers a HandshakeRequest the way the plugin does (statuses, error texts, quirks). */
export function answerHandshakeRequest(request: HandshakeRequest, clientVersion: string): HandshakeDecision {
  const decision: HandshakeDecision = {response: {clientVersion, processedClientActions: [], errors: null}};
  const errors: string[] = [];
  for (const action of request.requestedClientActions) {
    const processed: ProcessedClientAction = {actionType: action.actionType, actionStatus: 0, actionResult: null, error: ''};
    if (action.actionType === ActionType.SessionType) {
      const params = typeof action.actionParameters === 'object' && action.actionParameters !== null
        ? (action.actionParameters as Record<string, unknown>) : {};
      const rawType = goField(params, 'SessionType');
      const type = typeof rawType === 'string' ? rawType : '';
      const shellLike: string[] = [SessionTypeName.StandardStream, SessionTypeName.InteractiveCommands, SessionTypeName.NonInteractiveCommands];
      if (shellLike.includes(type) || type === SessionTypeName.Port) {
        processed.actionStatus = ActionStatus.Success;
        decision.sessionType = type === SessionTypeName.Port ? type : SessionTypeName.StandardStream;
        decision.properties = goField(params, 'Properties') ?? null;
      } else {
        processed.actionStatus = ActionStatus.Failed;
        processed.error = `Failed to process action ${ActionType.SessionType}: Unknown session type ${type}`;
        errors.push(`Unknown session type ${type}`);
      }
    } else if (action.actionType === ActionType.KMSEncryption) {
      processed.actionStatus = ActionStatus.Failed;
      processed.error = `Failed to process action ${ActionType.KMSEncryption}: KMS encryption is not supported by this client`;
      errors.push('KMS encryption is not supported by this client');
    } else {
      processed.actionResult = ActionStatus.Unsupported;
      processed.error = `Unsupported action ${action.actionType}`;
      errors.push(processed.error);
    }
    decision.response.processedClientActions.push(processed);
  }
  if (errors.length > 0) decision.response.errors = errors;
  return decision;
}
