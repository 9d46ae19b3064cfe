// The local fleet's Session Manager: session records (Active and History), tokens, the StreamUrl, the shell each
// session runs (in the node's own working directory and environment), and the WebSocket upgrade hook for
// /v1/data-channel/<sessionId> on the fleet's HTTP server. The API operations are in session-api.ts; one
// session's data channel and pty are in session-agent.ts.

import {randomBytes} from 'node:crypto';
import {existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import type {IncomingMessage} from 'node:http';
import {tmpdir, userInfo} from 'node:os';
import path from 'node:path';
import type {Duplex} from 'node:stream';
import {WebSocketServer} from 'ws';

import type {FleetModel, FleetNode} from '../../model/fleet-model.js';
import {startDemoWebServer, type DemoWebServer} from './port-forward-demo.js';
import {AgentSession, type PortSessionTarget, type SessionLog, type SessionLogEntry, type ShellCommand} from './session-agent.js';
import {sessionPolicyFor, sweepSessions, SWEEP_INTERVAL_MS} from './index.js';

export type {SessionLogEntry, SessionStatus} from './session-agent.js';
export {AgentSession} from './session-agent.js';

export const DATA_CHANNEL_PATH = '/v1/data-channel/';
/** The IAM user name SessionIds start with (`<user>-<17 hex>`), and the Owner ARN's user. */
export const SESSION_OWNER_NAME = 'fleetdeck';
const HISTORY_LIMIT = 1000;
const LOG_LIMIT = 500;
/** Largest data-channel frame accepted (a legitimate one is ≤ 1144 bytes). */
const MAX_FRAME_BYTES = 64 * 1024;

export interface SessionServiceOptions {
  /** The interactive shell (default: bash --norc --noprofile -i, or sh -i without bash). */
  shell?: ShellCommand;
  /** Arguments placed before `-c <command>` for AWS-StartInteractiveCommand (default: bash --norc --noprofile). */
  commandShell?: ShellCommand;
  /** Where the nodes' working directories live (default: a fresh temporary directory, removed on close). */
  workRoot?: string;
  /** The shell environment of a node (default: {@link defaultNodeEnv}); nothing else is inherited. */
  env?: (node: FleetNode, workDir: string) => Record<string, string>;
  /** Diagnostics (frames dropped, sockets rejected, shells started). The last 500 are also kept in memory. */
  log?: SessionLog;
  /** Idle timeout of a session without a socket (default: the preferences' idle timeout, 20 min unless set). */
  idleTimeoutMs?: number;
  now?: () => number;
  /** The AgentVersion port sessions announce (default: the node's agent version); decides basic or mux mode. */
  agentVersion?: (node: FleetNode) => string;
}

export interface StartedSession {
  SessionId: string;
  TokenValue: string;
  StreamUrl: string;
}

const services = new WeakMap<FleetModel, SessionService>();

/** The session service of a running local fleet (by its model), for the API operations and for tests. */
export function sessionServiceFor(model: FleetModel): SessionService {
  const service = services.get(model);
  if (service === undefined) throw new Error('this fleet model has no session service (start it with startLocalFleet)');
  return service;
}

function defaultShell(): ShellCommand {
  const bash = ['/bin/bash', '/usr/bin/bash'].find((p) => existsSync(p));
  return bash === undefined ? {file: '/bin/sh', args: ['-i']} : {file: bash, args: ['--norc', '--noprofile', '-i']};
}

function defaultCommandShell(): ShellCommand {
  const bash = ['/bin/bash', '/usr/bin/bash'].find((p) => existsSync(p));
  return bash === undefined ? {file: '/bin/sh', args: []} : {file: bash, args: ['--norc', '--noprofile']};
}

/** A node name safe inside PS1 and HOSTNAME (the hostile node's escape sequences are dropped). */
export function promptName(node: FleetNode): string {
  const clean = node.name.replace(/[^A-Za-z0-9._-]/g, '');
  return clean === '' ? node.instanceId : clean;
}

/** The user local shells really run as (this machine's user, not the agent's ssm-user): what USER and the prompt say. */
export function localShellUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? process.env['LOGNAME'] ?? 'user';
  }
}

export function defaultNodeEnv(node: FleetNode, workDir: string): Record<string, string> {
  const host = promptName(node);
  const user = localShellUser();
  return {
    PATH: process.env['PATH'] ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: workDir,
    PWD: workDir,
    USER: user,
    LOGNAME: user,
    HOSTNAME: host,
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    HISTFILE: '/dev/null',
    AWS_SSM_INSTANCE_ID: node.instanceId,
    PS1: `${user.replace(/[^A-Za-z0-9._-]/g, '') || 'user'}@${host}:\\w\\$ `,
  };
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

export class SessionService {
  private readonly model: FleetModel;
  private readonly sessions = new Map<string, AgentSession>();
  private readonly wss = new WebSocketServer({noServer: true, maxPayload: MAX_FRAME_BYTES});
  private readonly recent: SessionLogEntry[] = [];
  private options: SessionServiceOptions;
  private port = 0;
  private createdRoot: string | undefined;
  private closed = false;
  /** How far FleetdeckLocal.AdvanceClock has moved this service's clock. */
  private clockOffset = 0;
  /** Idle timeouts, maximum durations and the 30-day History (ssm/sessions/lifecycle.ts). */
  private readonly sweeper: NodeJS.Timeout;
  /** The small HTTP page one node serves on loopback, named by its `fleetdeck:forward` tag. */
  readonly demoWeb: DemoWebServer;

  constructor(model: FleetModel, options: SessionServiceOptions = {}) {
    this.model = model;
    this.options = options;
    services.set(model, this);
    this.demoWeb = startDemoWebServer(model);
    this.sweeper = setInterval(() => sweepSessions(this), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  /** Changes options for sessions started from now on (tests pin the shell, env and PS1 here). */
  configure(options: Partial<SessionServiceOptions>): void {
    this.options = {...this.options, ...options};
  }

  setPort(port: number): void {
    this.port = port;
  }

  now(): number {
    return (this.options.now ?? Date.now)() + this.clockOffset;
  }

  /** Moves the clock forward (the fleet's AdvanceClock): idle timeouts and maximum durations are checked against it. */
  advanceClock(ms: number): void {
    this.clockOffset += ms;
  }

  get accountId(): string {
    return this.model.accountId;
  }

  ownerArn(): string {
    return `arn:aws:iam::${this.model.accountId}:user/${SESSION_OWNER_NAME}`;
  }

  streamUrl(sessionId: string): string {
    return `ws://127.0.0.1:${this.port}${DATA_CHANNEL_PATH}${encodeURIComponent(sessionId)}?role=publish_subscribe`;
  }

  get(sessionId: string): AgentSession | undefined {
    return this.sessions.get(sessionId);
  }

  /** Every session, newest first. */
  all(): AgentSession[] {
    return [...this.sessions.values()].reverse();
  }

  /** Drops an ended session from History. */
  forget(sessionId: string): void {
    if (this.sessions.get(sessionId)?.active === false) this.sessions.delete(sessionId);
  }

  /** The most recent diagnostics, oldest first. */
  logEntries(): readonly SessionLogEntry[] {
    return this.recent;
  }

  private readonly log: SessionLog = (entry) => {
    this.recent.push(entry);
    if (this.recent.length > LOG_LIMIT) this.recent.shift();
    try {
      this.options.log?.(entry);
    } catch {
      // A broken logger must not break a session.
    }
  };

  private workDir(node: FleetNode): string {
    let root = this.options.workRoot;
    if (root === undefined) {
      this.createdRoot ??= mkdtempSync(path.join(tmpdir(), 'fleetdeck-local-'));
      root = this.createdRoot;
    }
    const dir = path.join(root, node.instanceId);
    mkdirSync(dir, {recursive: true, mode: 0o700});
    return dir;
  }

  /**
   * Creates a session for an online node; `command` runs instead of the interactive shell. The session belongs to
   * `owner` (default: the fleet's own user); its id starts with the owner's user name, as SSM's do.
   */
  start(node: FleetNode, opts: {documentName: string; reason?: string; command?: string; port?: Omit<PortSessionTarget, 'agentVersion'>; owner?: {userName: string; arn: string}}): StartedSession {
    if (this.closed) throw new Error('the local fleet is closing');
    const sessionId = `${opts.owner?.userName ?? SESSION_OWNER_NAME}-${randomBytes(9).toString('hex').slice(0, 17)}`;
    const cwd = this.workDir(node);
    const env = (this.options.env ?? defaultNodeEnv)(node, cwd);
    let command: ShellCommand;
    if (opts.command === undefined) {
      command = this.options.shell ?? defaultShell();
    } else {
      const base = this.options.commandShell ?? defaultCommandShell();
      command = {file: base.file, args: [...base.args, '-c', opts.command]};
    }
    const policy = sessionPolicyFor(this.model, node);
    const session = new AgentSession({
      sessionId,
      policy,
      ...(opts.command === undefined && opts.port === undefined ? {shellProfile: policy.shellProfile} : {}),
      target: node.instanceId,
      documentName: opts.documentName,
      owner: opts.owner?.arn ?? this.ownerArn(),
      ...(opts.reason === undefined ? {} : {reason: opts.reason}),
      command,
      cwd,
      env,
      now: () => this.now(),
      log: this.log,
      // A session nobody is connected to ends after the preferences' idle timeout too (unless a test pins it).
      idleTimeoutMs: this.options.idleTimeoutMs ?? policy.idleMs,
      ...(opts.port === undefined ? {} : {port: {...opts.port, agentVersion: this.options.agentVersion?.(node) ?? node.agentVersion}}),
    });
    this.sessions.set(sessionId, session);
    // Local shells run as this machine's user; the user the agent would have switched to is recorded.
    this.log({level: 'info', sessionId, msg: 'session started', fields: {target: node.instanceId, documentName: opts.documentName, runAs: policy.runAsUser}});
    this.prune();
    return {SessionId: sessionId, TokenValue: session.issueToken(), StreamUrl: this.streamUrl(sessionId)};
  }

  private prune(): void {
    if (this.sessions.size <= HISTORY_LIMIT) return;
    for (const [id, s] of this.sessions) {
      if (this.sessions.size <= HISTORY_LIMIT) break;
      if (!s.active) this.sessions.delete(id);
    }
  }

  /** The http server's 'upgrade' event: only /v1/data-channel/<sessionId> of a live session, from loopback. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (this.closed || !isLoopback(req.socket.remoteAddress)) return refuse(socket, '403 Forbidden');
      // Browsers send Origin; a web page must not reach the data channel.
      if (req.headers.origin !== undefined) return refuse(socket, '403 Forbidden');
      if (!url.pathname.startsWith(DATA_CHANNEL_PATH)) return refuse(socket, '404 Not Found');
      const sessionId = decodeURIComponent(url.pathname.slice(DATA_CHANNEL_PATH.length));
      const session = this.sessions.get(sessionId);
      if (session === undefined || !session.active) return refuse(socket, '404 Not Found');
      this.wss.handleUpgrade(req, socket, head, (ws) => session.accept(ws, socket));
    } catch {
      refuse(socket, '400 Bad Request');
    }
  }

  /** Kills every shell and socket, and removes the temporary working directories. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    for (const session of this.sessions.values()) session.destroy();
    this.wss.close();
    this.demoWeb.close();
    if (this.createdRoot !== undefined) {
      try {
        rmSync(this.createdRoot, {recursive: true, force: true});
      } catch {
        // Best effort.
      }
    }
  }
}
