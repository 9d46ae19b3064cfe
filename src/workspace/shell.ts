// How a pane reaches a remote shell: a launcher starts one session at a given size and hands back a connection.
// The native launcher speaks the Session Manager protocol itself (src/session/client.ts); plugin mode
// (src/session/plugin.ts) runs the official session-manager-plugin instead. Panes only see this interface.
import {SessionClient, type SessionApi} from '../session/client.js';

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

export function nativeLauncher(api: SessionApi, log?: (msg: string, fields?: Record<string, unknown>) => void): ShellLauncher {
  return async (o) => {
    const client = await SessionClient.start({
      api, target: o.target, size: o.size, reason: o.reason, onOutput: o.onOutput, ...(log ? {log} : {}),
    });
    client.on('state', (s) => {
      if (s === 'connected' || s === 'reconnecting') o.onState(s);
    });
    const ended = (c: {reason: ShellEnd['reason']; error?: Error}) =>
      o.onEnd({reason: c.reason, ...(c.error ? {detail: c.error.message} : {})});
    client.on('closed', ended);
    if (client.closed) ended(client.closed);
    return {
      sessionId: client.sessionId,
      write: (d) => client.write(d),
      resize: (s) => client.resize(s),
      terminate: async () => {
        await client.terminate();
      },
    };
  };
}
