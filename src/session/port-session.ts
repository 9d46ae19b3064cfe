/** One port session (spec §7): its StartSession request and SessionClient, the mode its handshake picks, its handshake deadline. */
import {SessionClient, type HandshakeInfo} from './client.js';
import {MuxSession} from './mux-session.js';
import {portForwardRequest} from './port-forward-documents.js';
import type {ForwardMode, PortForwardOptions} from './port-forward-types.js';
import {clientKeepaliveEnabled, useMux} from './versions.js';

/** What a port session's SessionClient reports to its PortForward. */
export interface PortSessionHandlers {
  onOutput: (bytes: Buffer) => void;
  onHandshake: (info: HandshakeInfo) => void;
  onHandshakeComplete: (customerMessage: string) => void;
  onFlag: (flag: number) => void;
}

/** StartSession for the forward's remote port (and host), then open its data channel. */
export function startPortClient(options: PortForwardOptions, localPort: number, handlers: PortSessionHandlers): Promise<SessionClient> {
  const {documentName, parameters} = portForwardRequest({
    portNumber: options.remotePort,
    localPortNumber: localPort,
    ...(options.remoteHost === undefined ? {} : {host: options.remoteHost}),
  });
  return SessionClient.start({
    api: options.api,
    target: options.target,
    documentName,
    parameters,
    ...(options.reason === undefined ? {} : {reason: options.reason}),
    // No Size message: a port session has no terminal (the plugin sends none either).
    size: {cols: 80, rows: 24},
    sendSize: false,
    ...(options.reconnect === undefined ? {} : {reconnect: options.reconnect}),
    ...(options.openTransport === undefined ? {} : {openTransport: options.openTransport}),
    ...(options.log === undefined ? {} : {log: options.log}),
    ...handlers,
  });
}

/** The mode and smux keepalive a HandshakeRequest calls for. */
export function portSessionMode(info: HandshakeInfo): {mode: ForwardMode; keepalive: boolean} {
  const props = typeof info.properties === 'object' && info.properties !== null ? (info.properties as Record<string, unknown>) : {};
  // §7: mux only for LocalPortForwarding and an agent newer than 3.0.196.0.
  const mode = props['type'] === 'LocalPortForwarding' && useMux(info.agentVersion) ? 'mux' : 'basic';
  return {mode, keepalive: clientKeepaliveEnabled(info.agentVersion)};
}

/** The client side of a mux-mode session's smux (spec §7): `send` carries its frames into the session. */
export function clientMux(keepalive: boolean, send: (bytes: Uint8Array) => void, onClose: (why: string) => void): MuxSession {
  return new MuxSession({
    role: 'client',
    keepalive,
    // NOPs keep an old agent's smux alive; a dead agent shows up as a dropped data channel instead, and an
    // agent that does not send NOPs itself (ClientVersion > 1.2.331.0) must not make an idle tunnel time out.
    keepaliveTimeout: false,
    send,
    onClose,
  });
}

/** Waits for the handshake, rejecting when the agent has not completed it within `timeoutMs`. */
export async function awaitHandshake(handshake: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('the agent did not complete the port-forwarding handshake')), timeoutMs);
  });
  try {
    await Promise.race([handshake, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
