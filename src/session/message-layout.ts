/** The data-channel message's wire layout (spec §3): type and flag constants, field offsets and the message shapes. */

export const MessageType = {
  InputStreamData: 'input_stream_data',
  OutputStreamData: 'output_stream_data',
  Acknowledge: 'acknowledge',
  ChannelClosed: 'channel_closed',
  StartPublication: 'start_publication',
  PausePublication: 'pause_publication',
  AgentSessionState: 'agent_session_state',
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];
export type StreamMessageType = typeof MessageType.InputStreamData | typeof MessageType.OutputStreamData;

export const PayloadType = {
  Unset: 0,
  /** The data payload in both directions (keystrokes, shell output, TCP bytes). */
  Output: 1,
  Error: 2,
  Size: 3,
  Parameter: 4,
  HandshakeRequest: 5,
  HandshakeResponse: 6,
  HandshakeComplete: 7,
  EncChallengeRequest: 8,
  EncChallengeResponse: 9,
  Flag: 10,
  StdErr: 11,
  ExitCode: 12,
} as const;
export type PayloadType = (typeof PayloadType)[keyof typeof PayloadType];

/** The u32 carried by a PayloadType.Flag payload. */
export const FlagPayload = {DisconnectToPort: 1, TerminateSession: 2, ConnectToPortError: 3} as const;
export type FlagPayload = (typeof FlagPayload)[keyof typeof FlagPayload];

/** Header Flags bits (written, never read by either side): bit 0 SYN, bit 1 FIN; acks carry both. */
export const MessageFlag = {None: 0, Syn: 1, Fin: 2, SynFin: 3} as const;

export const SCHEMA_VERSION = 1;
/** What writers put in HeaderLength: the offset of PayloadLength, not of the payload. */
export const HEADER_LENGTH = 116;
export const MESSAGE_TYPE_LENGTH = 32;
export const PAYLOAD_OFFSET = 120;
export const DIGEST_LENGTH = 32;
/** StreamDataPayloadSize: neither side sends more than this per stream message. */
export const STREAM_DATA_PAYLOAD_SIZE = 1024;

export const Offset = {
  HeaderLength: 0,
  MessageType: 4,
  SchemaVersion: 36,
  CreatedDate: 40,
  SequenceNumber: 48,
  Flags: 56,
  MessageId: 64,
  PayloadDigest: 80,
  PayloadType: 112,
  PayloadLength: 116,
  Payload: 120,
} as const;

export interface OutgoingMessage {
  messageType: MessageType;
  schemaVersion?: 1;
  /** Milliseconds since the Unix epoch. */
  createdDate: number;
  sequenceNumber: bigint | number;
  flags: bigint | number;
  /** Canonical UUID text. */
  messageId: string;
  payloadType: PayloadType;
  payload: Uint8Array;
}

export interface DecodedMessage {
  headerLength: number;
  /** NULs then whitespace trimmed from both ends; may be a type we do not know. */
  messageType: string;
  schemaVersion: number;
  createdDate: number;
  sequenceNumber: bigint;
  flags: bigint;
  messageId: string;
  payloadDigest: Buffer;
  payloadType: number;
  /** PayloadLength as written; not used for slicing. */
  payloadLength: number;
  /** True when PayloadLength differs from the number of payload bytes actually present. */
  payloadLengthMismatch: boolean;
  /** A copy of the bytes from HeaderLength + 4 to the end of the frame. */
  payload: Buffer;
}

export type DecodeResult = {ok: true; message: DecodedMessage} | {ok: false; error: string};

export interface DecodeOptions {
  /** Check SHA-256(payload) like the plugin (default true); the real agent does not check. */
  verifyDigest?: boolean;
  /**
   * Copy the payload and digest out of the frame (default true). The data channel passes false: its frames come
   * fresh from the socket and are never reused, so views save an allocation and a copy per message.
   */
  copyPayload?: boolean;
}

/** Injected clock and id source. */
export interface MessageContext {
  now(): number;
  newId(): string;
}
