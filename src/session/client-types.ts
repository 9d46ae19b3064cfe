/** The SessionClient's options, lifecycle states and events: what callers configure and observe. */
import type {TerminalSize} from './payloads.js';
import type {ReconnectPolicy} from './reconnect.js';
import type {SessionApi} from './session-api.js';
import type {OpenTransport} from './transport.js';

export type SessionClientState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface SessionClosed {
  /** exited: the agent closed the channel (the shell ended); terminated: terminate() was called;
   *  disconnected: the socket dropped and could not be resumed. */
  reason: 'exited' | 'terminated' | 'disconnected';
  sessionId: string;
  /** channel_closed Output ('' for a normal end). */
  output: string;
  /** What the plugin prints, e.g. "\n\nExiting session with sessionId: …\n\n". */
  text: string;
  error?: Error;
}

export interface SessionClientEvents {
  closed: [SessionClosed];
  state: [SessionClientState];
  /** An ack arrived; the argument is the number of messages still unacked (port forwards pace their reads on it). */
  acked: [number];
}

/** What a HandshakeRequest said (port sessions choose basic or mux mode from it, spec §7). */
export interface HandshakeInfo {
  agentVersion: string;
  sessionType: string | undefined;
  properties: unknown;
}

export interface SessionClientOptions {
  api: SessionApi;
  /** The terminal size sent at open (PayloadType 3). */
  size: TerminalSize;
  /** Output bytes, in order, exactly once. */
  onOutput: (bytes: Buffer) => void;
  openTransport?: OpenTransport;
  reconnect?: Partial<ReconnectPolicy>;
  keepaliveIntervalMs?: number;
  random?: () => number;
  now?: () => number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** Port sessions: the HandshakeRequest was answered. */
  onHandshake?: (info: HandshakeInfo) => void;
  /** Port sessions: HandshakeComplete arrived; its CustomerMessage goes here instead of onOutput. */
  onHandshakeComplete?: (customerMessage: string) => void;
  /** Port sessions: a Flag payload (ConnectToPortError) from the agent. */
  onFlag?: (flag: number) => void;
  /** Send Size at open (default true). Port sessions send none, as the plugin does. */
  sendSize?: boolean;
}

export interface StartOptions extends SessionClientOptions {
  target: string;
  documentName?: string;
  parameters?: Record<string, string[]>;
  reason?: string;
}

export interface ResumeOptions extends SessionClientOptions {
  sessionId: string;
  /** The StreamUrl from StartSession; the one ResumeSession returns is used when absent. */
  streamUrl?: string;
}
