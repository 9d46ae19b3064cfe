// Types for fleet-process.mjs.

/** One SendCommand as the local fleet's run-command store holds it (epoch ms). */
export interface FleetCommand {
  seq: number;
  requestedAt: number;
  targetCount: number;
  /** Sent with InstanceIds (false: Targets). */
  byIds: boolean;
  done: boolean;
  /** Invocations by StatusDetails. */
  statuses: Record<string, number>;
  /** The latest end of an invocation (0 when none has ended). */
  lastEndedAt: number;
}

/** Requests counted at the fleet: `n` more of `op` were seen at `at` (epoch ms; sampled every 10 ms). */
export interface RequestEvent {
  at: number;
  op: string;
  n: number;
}

export interface FleetProcess {
  endpoint: string;
  region: string;
  credentials: {accessKeyId: string; secretAccessKey: string; sessionToken: string};
  pid: number;
  /** What a CLI (fleetdeck or aws) needs to reach this fleet, with its state (logs, audit) under `stateDir`. */
  env(stateDir: string): Record<string, string>;
  /** Tags the first `count` Online Linux managed nodes; resolves to how many were tagged. */
  tagRunnable(key: string, value: string, count: number): Promise<number>;
  managedCount(): Promise<number>;
  requestCounts(): Promise<Record<string, number>>;
  resetRequestCounts(): Promise<void>;
  /** Starts a fresh timeline of requests by operation. */
  startRecording(): Promise<void>;
  stopRecording(): Promise<RequestEvent[]>;
  /** The sequence number of the newest command (0 when none). */
  lastCommandSeq(): Promise<number>;
  /** Commands newer than `seq`, oldest first. */
  commandsSince(seq: number): Promise<FleetCommand[]>;
  /** Kills whatever the nodes still run and ends the process. Idempotent. */
  close(): Promise<void>;
}

export function startFleetProcess(opts: {nodes: number; seed: number | string}): Promise<FleetProcess>;
