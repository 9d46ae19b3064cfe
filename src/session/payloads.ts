/**
 * Small payloads of the data channel: the OpenDataChannel text frame (§2), Size (§6), Flag (§3/§7),
 * channel_closed (§6) and agent_session_state (§3). Field orders follow the Go structs.
 */
import {goField, goJson, goJsonBytes, goStringField, parseJsonObject} from './go-json.js';
import {
  type FlagPayload,
  MessageFlag,
  type MessageContext,
  MessageType,
  PayloadType,
  encodeMessage,
} from './message.js';

export const MESSAGE_SCHEMA_VERSION = '1.0';

// ---------------------------------------------------------------------------------------------------------------
// OpenDataChannel: the first (text) WebSocket frame.

export interface OpenDataChannelInput {
  /** A fresh uuid4 per connection attempt. */
  requestId: string;
  tokenValue: string;
  /** A uuid4 made once per process; older clients omit it. */
  clientId?: string;
  /** Our reported plugin version; older clients omit it. */
  clientVersion?: string;
}

/** `{"MessageSchemaVersion":"1.0","RequestId":…,"TokenValue":…,"ClientId":…,"ClientVersion":…}` */
export function encodeOpenDataChannel(input: OpenDataChannelInput): string {
  const frame: Record<string, string> = {
    MessageSchemaVersion: MESSAGE_SCHEMA_VERSION,
    RequestId: input.requestId,
    TokenValue: input.tokenValue,
  };
  if (input.clientId !== undefined) frame['ClientId'] = input.clientId;
  if (input.clientVersion !== undefined) frame['ClientVersion'] = input.clientVersion;
  return goJson(frame);
}

export interface OpenDataChannelFrame {
  messageSchemaVersion: string;
  requestId: string;
  tokenValue: string;
  clientId?: string;
  clientVersion?: string;
  /** The agent's own first frame carries this instead of ClientVersion. */
  clientInstanceId?: string;
}

export type OpenDataChannelParse = {ok: true; frame: OpenDataChannelFrame} | {ok: false; error: string};

/** Reads a first frame (for the emulator). Never throws. */
export function parseOpenDataChannel(text: string | Uint8Array): OpenDataChannelParse {
  const parsed = parseJsonObject(text);
  if (!parsed.ok) return parsed;
  const o = parsed.value;
  const frame: Partial<Record<keyof OpenDataChannelFrame, string>> = {};
  const fields: [keyof OpenDataChannelFrame, string][] = [
    ['messageSchemaVersion', 'MessageSchemaVersion'],
    ['requestId', 'RequestId'],
    ['tokenValue', 'TokenValue'],
    ['clientId', 'ClientId'],
    ['clientVersion', 'ClientVersion'],
    ['clientInstanceId', 'ClientInstanceId'],
  ];
  for (const [key, name] of fields) {
    const value = goField(o, name);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return {ok: false, error: `${name} is not a string`};
    frame[key] = value;
  }
  return {
    ok: true,
    frame: {...frame, messageSchemaVersion: frame.messageSchemaVersion ?? '', requestId: frame.requestId ?? '', tokenValue: frame.tokenValue ?? ''},
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Size (PayloadType 3)

export interface TerminalSize {
  cols: number;
  rows: number;
}

function assertU32(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) throw new RangeError(`${name} must be a uint32`);
}

/** `{"cols":C,"rows":R}` */
export function encodeSizePayload(size: TerminalSize): Buffer {
  assertU32(size.cols, 'cols');
  assertU32(size.rows, 'rows');
  return Buffer.from(`{"cols":${size.cols},"rows":${size.rows}}`, 'utf8');
}

export type SizeParse = {ok: true; size: TerminalSize} | {ok: false; error: string};

/** Reads a Size payload into uint32s as Go does (missing → 0). The agent clamps to 16 bits when applying it. */
export function parseSizePayload(payload: Uint8Array): SizeParse {
  const parsed = parseJsonObject(payload);
  if (!parsed.ok) return parsed;
  const size: TerminalSize = {cols: 0, rows: 0};
  for (const key of ['cols', 'rows'] as const) {
    const value = goField(parsed.value, key) ?? 0;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
      return {ok: false, error: `${key} is not a uint32`};
    }
    size[key] = value;
  }
  return {ok: true, size};
}

// ---------------------------------------------------------------------------------------------------------------
// Flag (PayloadType 10): one big-endian u32.

export function encodeFlagPayload(flag: FlagPayload): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(flag, 0);
  return out;
}

/** The u32 flag value, or undefined when the payload is shorter than 4 bytes. Extra bytes are ignored (as Go). */
export function parseFlagPayload(payload: Uint8Array): number | undefined {
  if (payload.length < 4) return undefined;
  return Buffer.from(payload.buffer, payload.byteOffset, payload.length).readUInt32BE(0);
}

// ---------------------------------------------------------------------------------------------------------------
// channel_closed (service → peers)

export interface ChannelClosedPayload {
  messageId: string;
  /** A string; the plugin's comment says "epoch millis in UTC". */
  createdDate: string;
  destinationId: string;
  sessionId: string;
  messageType: string;
  schemaVersion: number;
  output: string;
}

/** Fields in the plugin's struct order: MessageId, CreatedDate, DestinationId, SessionId, MessageType, SchemaVersion, Output. */
export function encodeChannelClosedPayload(p: ChannelClosedPayload): Buffer {
  return goJsonBytes({
    MessageId: p.messageId,
    CreatedDate: p.createdDate,
    DestinationId: p.destinationId,
    SessionId: p.sessionId,
    MessageType: p.messageType,
    SchemaVersion: p.schemaVersion,
    Output: p.output,
  });
}

export type ChannelClosedParse = {ok: true; closed: ChannelClosedPayload} | {ok: false; error: string};

export function parseChannelClosedPayload(payload: Uint8Array): ChannelClosedParse {
  const parsed = parseJsonObject(payload);
  if (!parsed.ok) return parsed;
  const o = parsed.value;
  const strings: Record<string, string> = {};
  for (const name of ['MessageId', 'CreatedDate', 'DestinationId', 'SessionId', 'MessageType', 'Output']) {
    const value = goStringField(o, name);
    if (typeof value !== 'string') return {ok: false, error: value.error};
    strings[name] = value;
  }
  const schemaVersion = goField(o, 'SchemaVersion') ?? 0;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion)) {
    return {ok: false, error: 'SchemaVersion is not an integer'};
  }
  return {
    ok: true,
    closed: {
      messageId: strings['MessageId'] ?? '',
      createdDate: strings['CreatedDate'] ?? '',
      destinationId: strings['DestinationId'] ?? '',
      sessionId: strings['SessionId'] ?? '',
      messageType: strings['MessageType'] ?? '',
      schemaVersion,
      output: strings['Output'] ?? '',
    },
  };
}

/** What the plugin prints when the channel closes. */
export function channelClosedText(sessionId: string, output: string): string {
  return output === ''
    ? `\n\nExiting session with sessionId: ${sessionId}.\n\n`
    : `\n\nSessionId: ${sessionId} : ${output}\n\n`;
}

/**
 * A channel_closed frame for the emulator. The service's header values are UNVERIFIED; we use the spec's
 * suggestion: seq 0, Flags 3, PayloadType 0, a correct digest, the payload's MessageId in the header too.
 */
export function buildChannelClosed(
  p: {sessionId: string; destinationId: string; output: string},
  ctx: MessageContext,
): Buffer {
  const messageId = ctx.newId();
  const createdDate = ctx.now();
  const payload = encodeChannelClosedPayload({
    messageId,
    createdDate: String(createdDate),
    destinationId: p.destinationId,
    sessionId: p.sessionId,
    messageType: MessageType.ChannelClosed,
    schemaVersion: 1,
    output: p.output,
  });
  return encodeMessage({
    messageType: MessageType.ChannelClosed,
    createdDate,
    sequenceNumber: 0,
    flags: MessageFlag.SynFin,
    messageId,
    payloadType: PayloadType.Unset,
    payload,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// agent_session_state (agent → service)

export type AgentSessionState = 'Connected' | 'Terminating';

/** `{"SchemaVersion":1,"SessionState":…,"SessionId":…}` */
export function encodeAgentSessionState(state: AgentSessionState, sessionId: string): Buffer {
  return goJsonBytes({SchemaVersion: 1, SessionState: state, SessionId: sessionId});
}
