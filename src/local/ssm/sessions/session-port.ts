// The port data path of an agent session (ssm-session-protocol.md §5, §7): the HandshakeRequest/Response/Complete
// exchange that picks basic or mux mode, then client bytes and flags handed to a PortForwardAgent.

import {FlagPayload, PayloadType, type DecodedMessage} from '../../../session/message.js';
import {encodeFlagPayload, parseFlagPayload} from '../../../session/payloads.js';
import {ActionStatus, encodeHandshakeComplete, encodeHandshakeRequest, parseHandshakeResponse, SessionTypeName, sessionTypeAction} from '../../../session/handshake.js';
import {PORT_TO_REMOTE_HOST_DOCUMENT} from '../../../session/port-forward-documents.js';
import {agentKeepaliveEnabled, agentUsesMux, useMux} from '../../../session/versions.js';
import {PortForwardAgent, type PortMode} from './port-forward-agent.js';
import type {AgentLog, PortSessionTarget} from './session-agent-types.js';

/** The agent fails a port session whose client does not answer the HandshakeRequest in time (§5). */
const HANDSHAKE_TIMEOUT_MS = 15_000;

export interface PortSessionHooks {
  /** One message to the client over the data channel. */
  send(payloadType: PayloadType, payload: Buffer, options?: {keepUtf8Whole?: boolean}): void;
  /** Output messages not yet acked by the client. */
  unacked(): number;
  fail(output: string): void;
  terminate(why: string): void;
  now(): number;
  log: AgentLog;
}

export class AgentPortSession {
  /** Basic or mux, once the handshake chose it. */
  mode: PortMode | undefined;

  private readonly target: PortSessionTarget;
  private readonly documentName: string;
  private readonly hooks: PortSessionHooks;
  private handshakeStartedAt: number | undefined;
  private handshakeTimer: NodeJS.Timeout | undefined;
  private agent: PortForwardAgent | undefined;

  constructor(target: PortSessionTarget, documentName: string, hooks: PortSessionHooks) {
    this.target = target;
    this.documentName = documentName;
    this.hooks = hooks;
  }

  /** Sends the HandshakeRequest when the first data channel opens (not again on resume). */
  start(): void {
    if (this.handshakeStartedAt !== undefined) return;
    const port = this.target;
    this.handshakeStartedAt = this.hooks.now();
    const properties = {
      portNumber: String(port.portNumber),
      localPortNumber: String(port.localPortNumber),
      type: 'LocalPortForwarding',
      ...(this.documentName === PORT_TO_REMOTE_HOST_DOCUMENT ? {host: port.host} : {}),
    };
    const request = encodeHandshakeRequest({
      agentVersion: port.agentVersion,
      requestedClientActions: [sessionTypeAction(SessionTypeName.Port, properties)],
    });
    this.hooks.send(PayloadType.HandshakeRequest, request);
    this.handshakeTimer = setTimeout(() => this.hooks.fail('The client did not complete the handshake.'), HANDSHAKE_TIMEOUT_MS);
    this.handshakeTimer.unref();
  }

  handle(m: DecodedMessage): void {
    if (m.payloadType === PayloadType.HandshakeResponse) {
      this.onHandshakeResponse(m.payload);
      return;
    }
    // Before HandshakeComplete, anything else (the client's Size) is acked and discarded, as the agent does.
    if (this.agent === undefined) return;
    if (m.payloadType === PayloadType.Output) {
      this.agent.input(m.payload);
    } else if (m.payloadType === PayloadType.Flag) {
      const flag = parseFlagPayload(m.payload);
      if (flag === FlagPayload.TerminateSession) this.hooks.terminate('TerminateSession flag');
      else if (flag === FlagPayload.DisconnectToPort) this.agent.disconnectToPort();
    }
  }

  private onHandshakeResponse(payload: Buffer): void {
    if (this.agent !== undefined) return;
    const port = this.target;
    clearTimeout(this.handshakeTimer);
    const parsed = parseHandshakeResponse(payload);
    const failed = !parsed.ok || parsed.value.processedClientActions.some((a) => a.actionStatus !== ActionStatus.Success);
    if (!parsed.ok || failed) {
      this.hooks.log('warn', 'handshake failed', {why: parsed.ok ? parsed.value.errors : parsed.error});
      this.hooks.fail('The client rejected the session type.');
      return;
    }
    const clientVersion = parsed.value.clientVersion;
    // Agents up to 3.0.196.0 only know basic mode; newer ones use mux for clients ≥ 1.1.70 (§7).
    this.mode = useMux(port.agentVersion) && agentUsesMux(clientVersion) ? 'mux' : 'basic';
    const elapsedNs = (this.hooks.now() - (this.handshakeStartedAt ?? this.hooks.now())) * 1_000_000;
    this.hooks.send(PayloadType.HandshakeComplete, encodeHandshakeComplete({handshakeTimeToComplete: elapsedNs, customerMessage: ''}));
    this.agent = new PortForwardAgent(
      {host: port.host, port: port.portNumber, mode: this.mode, keepalive: agentKeepaliveEnabled(clientVersion)},
      {
        send: (bytes) => this.hooks.send(PayloadType.Output, bytes, {keepUtf8Whole: false}),
        sendFlag: (flag) => this.hooks.send(PayloadType.Flag, encodeFlagPayload(flag)),
        unacked: () => this.hooks.unacked(),
        fail: (output) => this.hooks.fail(output),
        log: (level, msg, fields) => this.hooks.log(level, msg, fields),
      },
    );
    this.hooks.log('info', 'port forwarding started', {mode: this.mode, host: port.host, port: port.portNumber, clientVersion});
    this.agent.start();
  }

  onAck(): void {
    this.agent?.onAck();
  }

  /** Session end: stop the handshake timer and close every TCP connection. */
  close(): void {
    clearTimeout(this.handshakeTimer);
    this.agent?.close();
  }
}
