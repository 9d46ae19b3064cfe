// The shapes an agent session is built from and reports (session-agent.ts): its status, log entries, the shell
// command and the port target, kept apart so the shell and port data paths can share them without the class.

import type {SessionPolicy} from './policy.js';

export type SessionStatus = 'Connecting' | 'Connected' | 'Disconnected' | 'Terminating' | 'Terminated' | 'Failed';

export interface SessionLogEntry {
  level: 'debug' | 'info' | 'warn';
  sessionId: string;
  msg: string;
  fields?: Record<string, unknown>;
}
export type SessionLog = (entry: SessionLogEntry) => void;

/** A session's log, already bound to its session id. */
export type AgentLog = (level: SessionLogEntry['level'], msg: string, fields?: Record<string, unknown>) => void;

export interface ShellCommand {
  file: string;
  args: readonly string[];
}

export interface AgentSessionInit {
  sessionId: string;
  target: string;
  documentName: string;
  owner: string;
  reason?: string;
  command: ShellCommand;
  cwd: string;
  env: Record<string, string>;
  now: () => number;
  log: SessionLog;
  /** A Connecting or Disconnected session with no socket is terminated after this long (default 20 min). */
  idleTimeoutMs?: number;
  /** A port session (AWS-StartPortForwardingSession…): no shell; handshake, then TCP to host:portNumber. */
  port?: PortSessionTarget;
  /** What the account's preferences hold the session to (idle timeout, maximum duration, run-as, shell profile). */
  policy?: SessionPolicy;
  /** Typed into the shell, followed by a newline, once it starts. */
  shellProfile?: string;
}

export interface PortSessionTarget {
  host: string;
  portNumber: number;
  localPortNumber: number;
  /** The AgentVersion put in the HandshakeRequest (the node's agent version). */
  agentVersion: string;
}
