// What Run Command needs from SSM, in domain terms: the requests, records and limits the run form, the orchestrator
// and the command views work with, and the port aws/run-command/run-command-api/run-command-api.ts implements over the SDK.
import type {DocParam} from './document-params.js';

/** A Command document the picker offers. */
export interface DocumentInfo {
  name: string;
  platformTypes: string[];
  owner: string;
}

export interface SendRequest {
  documentName: string;
  /** A version number, $LATEST or $DEFAULT; absent: the default version. */
  documentVersion?: string;
  parameters: Record<string, string[]>;
  instanceIds?: string[];
  targets?: {Key: string; Values: string[]}[];
  maxConcurrency: string;
  maxErrors: string;
  timeoutSeconds?: number;
  comment?: string;
}

export interface Invocation {
  commandId: string;
  instanceId: string;
  statusDetails: string;
  responseCode: number;
  /** Plugin output as ListCommandInvocations gives it (at most 2,500 characters), sanitized. */
  output: string;
  outputTruncated: boolean;
  startedAt?: number;
  endedAt?: number;
}

export interface FullOutput {
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  responseCode: number;
  /** StandardOutputContent and StandardErrorContent exactly as SSM returned them: only ever written to a file the
   * user asked for (ctrl+s), never to the screen. */
  raw?: {stdout: string; stderr: string};
}

export interface CommandSummary {
  commandId: string;
  documentName: string;
  requestedAt?: number;
  status: string;
  statusDetails: string;
  targetCount: number;
  completedCount: number;
  errorCount: number;
  comment: string;
  targets: string;
  /** The instance ids it was sent to (none when it went to Targets). */
  instanceIds?: string[];
  /** As sent (the API returns them; SecureString references stay references). */
  parameters: Record<string, string[]>;
  maxConcurrency: string;
  maxErrors: string;
}

export const LIST_OUTPUT_LIMIT = 2_500;
export const STDOUT_LIMIT = 24_000;
export const STDERR_LIMIT = 8_000;

/** How a failed call should be treated: retried later (throttled, or transient such as 5xx and network), or not. */
export type CallErrorKind = 'throttle' | 'transient' | 'fatal';

export interface RunCommandApi {
  /**
   * A command this account sent, at or after `since` (epoch ms, minus a margin for clock skew), with exactly this
   * request's document, targets, parameters and comment, that is not in `known`: a SendCommand whose answer was lost.
   */
  findCommand(req: SendRequest, since: number, known: ReadonlySet<string>): Promise<{commandId: string; targetCount: number} | undefined>;
  classifyError(e: unknown): CallErrorKind;
  /** One sanitized line about a failed call. */
  describeError(e: unknown): string;
  documentSchema(name: string, version?: string): Promise<DocParam[]>;
  /** Command documents this account can run (Amazon's, shared and its own), for the document picker. */
  listDocuments(): Promise<DocumentInfo[]>;
  send(req: SendRequest): Promise<{commandId: string; targetCount: number}>;
  invocations(commandId: string): Promise<Invocation[]>;
  cancel(commandId: string, instanceIds?: string[]): Promise<void>;
  fullOutput(commandId: string, instanceId: string): Promise<FullOutput>;
  /** Recent commands, newest first (ListCommands keeps 30 days). */
  listCommands(limit?: number): Promise<CommandSummary[]>;
  getCommand(commandId: string): Promise<CommandSummary | undefined>;
}
