// The shell data path of an agent session (ssm-session-protocol.md §4–§6): a real PTY spawned as soon as the data
// channel opens (a shell session has no handshake, so the prompt is the client's first message), resized by the
// client's Size messages; keystrokes in, output out whole-UTF-8, reads paused while too much output is unacked.

import {incompleteUtf8TailLength} from '../../../session/chunk.js';
import {FlagPayload, PayloadType, type DecodedMessage} from '../../../session/message.js';
import {parseFlagPayload, parseSizePayload, type TerminalSize} from '../../../session/payloads.js';
import {spawnPty, type PtyExit, type PtyProcess} from '../../../terminal/pty.js';
import type {AgentLog, ShellCommand} from './session-agent-types.js';

const KILL_GRACE_MS = 1_000;
/** Flow control: stop reading the pty with this many unacked output messages, resume below LOW. */
const UNACKED_HIGH = 1024;
const UNACKED_LOW = 256;
/** Keystrokes received before the pty exists (only if spawning is still under way). */
const PENDING_INPUT_LIMIT = 1 << 20;
/**
 * The size before the client's first Size message. The Linux agent leaves the pty's size unset; the pty layer's
 * classic 80×24 stands in for it, and the client's Size (sent once it has seen the first output) replaces it.
 */
export const DEFAULT_SHELL_SIZE: TerminalSize = {cols: 80, rows: 24};

export interface ShellSpec {
  command: ShellCommand;
  cwd: string;
  env: Record<string, string>;
  /** The preferences' shell profile: the agent types it, then a newline, into the new shell. */
  shellProfile?: string;
}

export interface ShellHooks {
  /** PayloadType Output to the client. */
  send(bytes: Buffer): void;
  /** Output messages not yet acked by the client. */
  unacked(): number;
  /** Whether the session has ended (terminated or failed): no more input or output. */
  ended(): boolean;
  fail(output: string): void;
  terminate(why: string): void;
  /** The shell exited while the session was live; its last output has been sent. */
  exited(): void;
  log: AgentLog;
}

export class AgentShell {
  /** The shell's exit, once it has exited. */
  exit: PtyExit | undefined;
  exited = false;
  /** The client's first Size message (the pty starts at {@link DEFAULT_SHELL_SIZE} and is resized to it). */
  initialSize: TerminalSize | undefined;
  /** The pty's current size. */
  size: TerminalSize | undefined;

  private readonly spec: ShellSpec;
  private readonly hooks: ShellHooks;
  private pty: PtyProcess | undefined;
  private pendingInput: Buffer[] = [];
  private pendingBytes = 0;
  private utf8Tail: Buffer = Buffer.alloc(0);
  private paused = false;

  constructor(spec: ShellSpec, hooks: ShellHooks) {
    this.spec = spec;
    this.hooks = hooks;
  }

  handle(m: DecodedMessage): void {
    switch (m.payloadType) {
      case PayloadType.Output:
        this.input(m.payload);
        return;
      case PayloadType.Size: {
        const parsed = parseSizePayload(m.payload);
        if (!parsed.ok || parsed.size.cols === 0 || parsed.size.rows === 0) {
          this.hooks.log('warn', 'invalid Size payload dropped', {why: parsed.ok ? 'zero size' : parsed.error});
          return;
        }
        const size = {cols: Math.min(parsed.size.cols, 0xffff), rows: Math.min(parsed.size.rows, 0xffff)};
        this.initialSize ??= size;
        if (this.pty === undefined) this.spawn(size);
        else this.resize(size);
        return;
      }
      case PayloadType.Flag:
        if (parseFlagPayload(m.payload) === FlagPayload.TerminateSession) this.hooks.terminate('TerminateSession flag');
        return;
      default:
        this.hooks.log('warn', 'payload type ignored', {payloadType: m.payloadType});
    }
  }

  /** The data channel is open: the shell starts now, at the default size, without waiting for the client. */
  start(): void {
    if (this.pty === undefined && !this.exited) this.spawn(DEFAULT_SHELL_SIZE);
  }

  private resize(size: TerminalSize): void {
    if (this.pty === undefined || this.pty.exited) return;
    this.pty.resize(size.cols, size.rows);
    this.size = size;
  }

  /** The client acked output: resume reading once few enough messages are in flight. */
  onAck(): void {
    if (this.paused && this.hooks.unacked() <= UNACKED_LOW) {
      this.paused = false;
      this.pty?.resume();
    }
  }

  private input(bytes: Buffer): void {
    if (this.exited || this.hooks.ended()) return;
    if (this.pty !== undefined) {
      this.pty.write(bytes);
      return;
    }
    if (this.pendingBytes + bytes.length > PENDING_INPUT_LIMIT) {
      this.hooks.log('warn', 'input before the shell started dropped', {bytes: bytes.length});
      return;
    }
    this.pendingInput.push(bytes);
    this.pendingBytes += bytes.length;
  }

  private spawn(size: TerminalSize): void {
    if (this.hooks.ended()) return;
    this.size = size;
    const {command, cwd, env} = this.spec;
    let pty: PtyProcess;
    try {
      pty = spawnPty(command.file, command.args, {cols: size.cols, rows: size.rows, cwd, env});
    } catch (err) {
      this.hooks.log('warn', 'shell failed to start', {message: (err as Error).message});
      this.hooks.fail('The shell could not be started.');
      return;
    }
    this.pty = pty;
    this.hooks.log('info', 'shell started', {pid: pty.pid, cols: size.cols, rows: size.rows});
    pty.onData((data) => this.output(data));
    pty.onExit((exit) => this.onExit(exit));
    if (this.spec.shellProfile !== undefined && this.spec.shellProfile !== '') pty.write(`${this.spec.shellProfile}\n`);
    for (const chunk of this.pendingInput) pty.write(chunk);
    this.pendingInput = [];
    this.pendingBytes = 0;
  }

  private output(data: Buffer): void {
    if (this.hooks.ended()) return;
    const joined = this.utf8Tail.length === 0 ? data : Buffer.concat([this.utf8Tail, data]);
    const keep = incompleteUtf8TailLength(joined);
    this.utf8Tail = Buffer.from(joined.subarray(joined.length - keep));
    this.sendOutput(joined.subarray(0, joined.length - keep));
  }

  private sendOutput(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.hooks.send(bytes);
    if (!this.paused && this.hooks.unacked() >= UNACKED_HIGH && this.pty !== undefined) {
      this.paused = true;
      this.pty.pause();
    }
  }

  private onExit(exit: PtyExit): void {
    this.exit = exit;
    this.exited = true;
    if (this.hooks.ended()) return;
    this.hooks.log('info', 'shell exited', {exitCode: exit.exitCode, signal: exit.signal});
    this.sendOutput(this.utf8Tail);
    this.utf8Tail = Buffer.alloc(0);
    this.hooks.exited();
  }

  /** Session end: SIGHUP, then SIGKILL if the shell lingers. */
  kill(): void {
    const pty = this.pty;
    if (pty === undefined || pty.exited) return;
    pty.kill('SIGHUP');
    const hard = setTimeout(() => pty.kill('SIGKILL'), KILL_GRACE_MS);
    hard.unref();
    pty.onExit(() => clearTimeout(hard));
  }

  /** Fleet shutdown: SIGKILL at once. */
  destroy(): void {
    const pty = this.pty;
    if (pty !== undefined && !pty.exited) pty.kill('SIGKILL');
  }
}
