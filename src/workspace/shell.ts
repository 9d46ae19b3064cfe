// How a pane reaches a remote shell: a launcher starts one session at a given size and hands back a connection.
// The native launcher speaks the Session Manager protocol itself (src/session/client.ts); plugin mode
// (src/session/plugin.ts) runs the official session-manager-plugin instead. Panes only see this interface.
import os from 'node:os';
import {SessionClient, type SessionApi, type StartSessionInput} from '../session/client.js';
import {openWebSocketTransport, type OpenTransport} from '../session/transport.js';
import {findPlugin, PLUGIN_MISSING, pluginCommand, pluginVersion, startForPlugin} from '../session/plugin.js';
import {spawnPty} from '../terminal/pty.js';

export interface ShellSize {
  cols: number;
  rows: number;
}

export interface ShellEnd {
  /** exited: the shell ended; terminated: TerminateSession; disconnected: the connection was lost for good. */
  reason: 'exited' | 'terminated' | 'disconnected';
  /** Extra words for the user (an error message), untrusted. */
  detail?: string;
}

export interface ShellConnection {
  readonly sessionId: string;
  write(data: Uint8Array | string): void;
  resize(size: ShellSize): void;
  /** TerminateSession; resolves once the session is over. */
  terminate(): Promise<void>;
  /**
   * Flow control: stop taking output while the pane's emulator is behind (resume() takes it again). The native
   * client holds incoming frames unprocessed, so their acks wait and the agent stops reading the shell once its
   * window of unacked messages is full; plugin mode stops reading the plugin's pty.
   */
  pause(): void;
  resume(): void;
}

export interface ShellLaunchOptions {
  target: string;
  /** The pane's real size: the first Size the shell gets. */
  size: ShellSize;
  /** StartSession's Reason (shows in the session history). */
  reason: string;
  onOutput(bytes: Buffer): void;
  onEnd(end: ShellEnd): void;
  onState(state: 'connected' | 'reconnecting'): void;
}

export type ShellLauncher = (options: ShellLaunchOptions) => Promise<ShellConnection>;

/** Frames handled per turn of the event loop when held frames are let through. */
const DRAIN_BATCH = 64;

/** A transport whose incoming frames can be held back (see ShellConnection.pause). */
function gatedTransport(): {open: OpenTransport; pause(): void; resume(): void} {
  let paused = false;
  let draining = false;
  let held: {deliver: (f: Buffer) => void; frame: Buffer}[] = [];
  // In batches, so a long backlog does not hold up keystrokes for the other panes; new frames queue behind it.
  const drain = (): void => {
    let n = 0;
    while (!paused && n < held.length && n < DRAIN_BATCH) {
      const h = held[n++];
      h?.deliver(h.frame);
    }
    held = held.slice(n);
    draining = !paused && held.length > 0;
    if (draining) setImmediate(drain);
  };
  return {
    open: (options) => openWebSocketTransport({...options, handlers: {
      onFrame: (frame) => {
        if (paused || held.length > 0) held.push({deliver: options.handlers.onFrame, frame});
        else options.handlers.onFrame(frame);
      },
      onClose: (info) => options.handlers.onClose(info),
    }}),
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
      // Frames of an earlier socket are dropped by the client (the agent resends what was not acked).
      if (!draining && held.length > 0) {
        draining = true;
        setImmediate(drain);
      }
    },
  };
}

export function nativeLauncher(api: SessionApi, log?: (msg: string, fields?: Record<string, unknown>) => void): ShellLauncher {
  return async (o) => {
    const gate = gatedTransport();
    const client = await SessionClient.start({
      api, target: o.target, size: o.size, reason: o.reason, onOutput: o.onOutput, openTransport: gate.open, ...(log ? {log} : {}),
    });
    client.on('state', (s) => {
      if (s === 'connected' || s === 'reconnecting') o.onState(s);
    });
    // channel_closed's Output says why the service ended a session (another operator, the idle timeout).
    const ended = (c: {reason: ShellEnd['reason']; output: string; error?: Error}) =>
      o.onEnd(c.reason === 'exited' && c.output !== ''
        ? {reason: 'terminated', detail: c.output}
        : {reason: c.reason, ...(c.error ? {detail: c.error.message} : {})});
    client.on('closed', ended);
    if (client.closed) ended(client.closed);
    return {
      sessionId: client.sessionId,
      write: (d) => client.write(d),
      resize: (s) => client.resize(s),
      terminate: async () => {
        await client.terminate();
      },
      pause: () => gate.pause(),
      resume: () => gate.resume(),
    };
  };
}

export interface PluginLauncherOptions {
  api: SessionApi;
  region: string;
  /** --profile, or '' (the plugin then uses the default credential chain, as with the AWS CLI). */
  profile: string;
  endpointUrl: string;
  /** The plugin's environment (the AWS CLI passes its own: os.environ.copy()). */
  env: Record<string, string>;
}

/** Runs session-manager-plugin under a PTY of the pane's size; the plugin speaks the protocol itself. */
export function pluginLauncher(o: PluginLauncherOptions): ShellLauncher {
  return async (l) => {
    // Checked before StartSession, so a missing plugin leaves no session behind.
    const file = findPlugin(o.env['PATH'] ?? '');
    if (file === undefined) throw new Error(PLUGIN_MISSING);
    const version = pluginVersion(file);
    const parameters: StartSessionInput = {Target: l.target, Reason: l.reason};
    const response = await startForPlugin(o.api, parameters);
    const cmd = pluginCommand({response, region: o.region, profile: o.profile, parameters, endpointUrl: o.endpointUrl, pluginVersion: version});
    let pty: ReturnType<typeof spawnPty>;
    try {
      pty = spawnPty(file, cmd.args, {cols: l.size.cols, rows: l.size.rows, cwd: os.homedir(), env: {...o.env, ...cmd.env}});
    } catch (err) {
      await o.api.terminateSession({SessionId: response.SessionId}).catch(() => undefined);
      throw err;
    }
    let terminating = false;
    pty.onData((bytes) => l.onOutput(bytes));
    pty.onExit((e) => {
      if (terminating) l.onEnd({reason: 'terminated'});
      else if (e.exitCode === 0 && e.signal === undefined) l.onEnd({reason: 'exited'});
      else l.onEnd({reason: 'disconnected', detail: `${file} exited with ${e.signal === undefined ? `code ${e.exitCode}` : `signal ${e.signal}`}`});
    });
    l.onState('connected');
    return {
      sessionId: response.SessionId,
      write: (d) => pty.write(d),
      resize: (s) => pty.resize(s.cols, s.rows),
      terminate: async () => {
        terminating = true;
        await o.api.terminateSession({SessionId: response.SessionId}).catch(() => undefined);
        pty.kill();
      },
      pause: () => pty.pause(),
      resume: () => pty.resume(),
    };
  };
}
