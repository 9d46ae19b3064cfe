// The agent's side of a port session in the local fleet (ssm-session-protocol.md §7; agent plugins/port): after
// the handshake, PayloadType 1 bytes from the client go to TCP connections on this machine. Basic mode: one
// connection, dialled at start and redialled after DisconnectToPort. Mux mode: an smux server, one connection per
// stream; a failed dial answers Flag ConnectToPortError and closes the stream. Reads pause while too much output is
// unacked, so a fast server cannot outrun the data channel.

import net from 'node:net';

import {FlagPayload} from '../../../session/message.js';
import {MuxSession, type MuxStream} from '../../../session/mux-session.js';

export type PortMode = 'basic' | 'mux';

export interface PortAgentHooks {
  /** PayloadType 1 to the client. */
  send(bytes: Buffer): void;
  sendFlag(flag: FlagPayload): void;
  /** Output messages not yet acked by the client. */
  unacked(): number;
  /** Ends the session (basic mode: the first dial failed; mux: smux died). */
  fail(output: string): void;
  log(level: 'debug' | 'info' | 'warn', msg: string, fields?: Record<string, unknown>): void;
}

export interface PortAgentOptions {
  host: string;
  port: number;
  mode: PortMode;
  /** smux keepalive (agent: on unless ClientVersion > 1.2.331.0). */
  keepalive: boolean;
}

/** Pause TCP reads with this many output messages unacked; resume at LOW. */
const UNACKED_HIGH = 4096;
const UNACKED_LOW = 1024;

export class PortForwardAgent {
  private readonly options: PortAgentOptions;
  private readonly hooks: PortAgentHooks;
  private readonly sockets = new Set<net.Socket>();
  private paused = false;
  private closed = false;
  // Basic mode.
  private basic: net.Socket | undefined;
  private basicQueue: Buffer[] = [];
  private basicConnecting = false;
  private reconnectToPort = false;
  // Mux mode.
  private mux: MuxSession | undefined;

  constructor(options: PortAgentOptions, hooks: PortAgentHooks) {
    this.options = options;
    this.hooks = hooks;
  }

  /** After HandshakeComplete. Basic mode dials now, as the agent's InitializeSession does. */
  start(): void {
    if (this.options.mode === 'mux') {
      this.mux = new MuxSession({
        role: 'server',
        send: (bytes) => this.output(bytes),
        keepalive: this.options.keepalive,
        onStream: (stream) => this.acceptStream(stream),
        onClose: (why) => {
          if (!this.closed) this.hooks.fail(`Port forwarding stopped: ${why}`);
        },
      });
      return;
    }
    this.dialBasic(true);
  }

  /** PayloadType 1 from the client. */
  input(bytes: Buffer): void {
    if (this.closed) return;
    if (this.mux !== undefined) {
      this.mux.receive(bytes);
      return;
    }
    if (this.reconnectToPort) {
      this.reconnectToPort = false;
      this.dialBasic(false);
    }
    if (this.basic !== undefined && !this.basicConnecting) this.basic.write(bytes);
    else this.basicQueue.push(bytes);
  }

  /** Flag DisconnectToPort: basic mode closes its connection and redials on the next data; mux ignores it. */
  disconnectToPort(): void {
    if (this.mux !== undefined || this.closed) return;
    // Like Go's Close after its synchronous writes: what was written still reaches the destination.
    const socket = this.basic;
    socket?.end(() => socket.destroy());
    this.basic = undefined;
    this.basicQueue = [];
    this.reconnectToPort = true;
  }

  /** An ack arrived: resume reading when the client has caught up. */
  onAck(): void {
    if (!this.paused || this.hooks.unacked() > UNACKED_LOW) return;
    this.paused = false;
    for (const socket of this.sockets) socket.resume();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.mux?.close('session closed');
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private output(bytes: Buffer): void {
    if (this.closed) return;
    this.hooks.send(bytes);
    if (!this.paused && this.hooks.unacked() >= UNACKED_HIGH) {
      this.paused = true;
      for (const socket of this.sockets) socket.pause();
    }
  }

  private connect(onFail: (err: Error) => void): net.Socket {
    const socket = net.connect({host: this.options.host, port: this.options.port, allowHalfOpen: true});
    this.sockets.add(socket);
    socket.setNoDelay(true);
    if (this.paused) socket.pause();
    let connected = false;
    socket.once('connect', () => {
      connected = true;
    });
    socket.on('error', (err) => {
      if (!connected) onFail(err);
      else this.hooks.log('debug', 'port connection error', {message: err.message});
    });
    socket.on('close', () => this.sockets.delete(socket));
    return socket;
  }

  private dialBasic(first: boolean): void {
    this.basicConnecting = true;
    const socket = this.connect((err) => {
      this.basic = undefined;
      this.basicQueue = [];
      this.hooks.log('info', 'port connection failed', {host: this.options.host, port: this.options.port, message: err.message});
      if (first) {
        this.hooks.fail(`Unable to start port forwarding: cannot connect to ${this.options.host}:${this.options.port} (${err.message})`);
      } else {
        this.reconnectToPort = true;
        this.hooks.sendFlag(FlagPayload.ConnectToPortError);
      }
    });
    this.basic = socket;
    socket.once('connect', () => {
      this.basicConnecting = false;
      for (const chunk of this.basicQueue) socket.write(chunk);
      this.basicQueue = [];
    });
    socket.on('data', (data: Buffer) => this.output(data));
    // The destination closed: drop the connection and redial on the client's next data (agent port_basic).
    socket.on('end', () => {
      if (this.basic === socket) {
        this.basic = undefined;
        this.reconnectToPort = true;
      }
      socket.destroy();
    });
  }

  private acceptStream(stream: MuxStream): void {
    const pending: Buffer[] = [];
    let ready = false;
    const socket = this.connect((err) => {
      this.hooks.log('info', 'port connection failed', {host: this.options.host, port: this.options.port, stream: stream.id, message: err.message});
      this.hooks.sendFlag(FlagPayload.ConnectToPortError);
      stream.end();
    });
    socket.once('connect', () => {
      ready = true;
      for (const chunk of pending) socket.write(chunk);
      pending.length = 0;
    });
    stream.on('data', (data) => {
      if (ready) socket.write(data);
      else pending.push(data);
    });
    stream.on('end', () => {
      if (ready) socket.end();
      else socket.destroy();
    });
    socket.on('data', (data: Buffer) => stream.write(data));
    socket.on('end', () => stream.end());
    socket.on('close', () => stream.end());
  }
}
