// What fleetdeck needs from Parameter Store (implemented over the SSM API in aws/parameters/), and the errors it
// reports in the user's terms. Writes are conditional on the version the user read: PutParameter has no
// condition, so the adapter reads, compares and writes, and reports a conflict with the version found instead.

import type {Parameter, ParameterTier, ParameterType, ParameterVersion} from './parameter.js';
import {ResourceError, type ErrorKinds} from '../resource-error.js';

/** One level of the hierarchy: the parameters directly in `path` and the folders under it. */
export interface ParameterLevel {
  readonly path: string;
  readonly parameters: readonly Parameter[];
  /** Full paths of the sub-folders, sorted. */
  readonly folders: readonly string[];
}

export interface PutRequest {
  readonly name: string;
  /** The new value; a SecureString value is passed as given and never logged. */
  readonly value: string;
  /** Required to create; must match to overwrite (the type of a parameter never changes). */
  readonly type?: ParameterType;
  readonly description?: string;
  readonly keyId?: string;
  readonly tier?: ParameterTier;
  readonly allowedPattern?: string;
  readonly dataType?: string;
  /** Overwrite an existing parameter (without it, an existing name is an `exists` error). */
  readonly overwrite: boolean;
  /**
   * Write only if the latest version is still this one (0: only if the parameter does not exist yet). A mismatch
   * is reported as a conflict, with the version found.
   */
  readonly ifVersion?: number;
}

export type PutOutcome =
  | {
    readonly kind: 'written';
    readonly version: number;
    readonly tier: string | undefined;
    /** Another write landed between the version check and this write (it is older than this one). */
    readonly interleaved: boolean;
  }
  | {readonly kind: 'conflict'; readonly expected: number; readonly current: ParameterVersion | undefined};

export interface ParameterPort {
  /**
   * One level: the parameters directly in `path` (with metadata) and its sub-folders. `onDirect` gets the level's
   * parameters as soon as they are listed, before the slower listing that brings their metadata and the folders;
   * `onFolders` gets the sub-folders found so far each time that listing finds more (no API lists folders: every
   * parameter under `path` is read before the level is complete).
   */
  listLevel(path: string, signal?: AbortSignal, onDirect?: (parameters: readonly Parameter[]) => void,
    onFolders?: (folders: readonly string[]) => void): Promise<ParameterLevel>;
  /** Every parameter of the account under `path` (default all), metadata only. */
  listAll(path?: string, signal?: AbortSignal): Promise<Parameter[]>;
  /** The latest version, or the one a `:version`/`:label` selector names. */
  get(name: string, opts: {decrypt: boolean; selector?: string}): Promise<ParameterVersion>;
  /** Every kept version, oldest first. */
  history(name: string, opts: {decrypt: boolean}): Promise<ParameterVersion[]>;
  put(request: PutRequest): Promise<PutOutcome>;
  /** Attaches labels to a version (moving them from another); returns the labels refused as invalid. */
  label(name: string, version: number, labels: readonly string[]): Promise<{invalid: string[]}>;
  unlabel(name: string, version: number, labels: readonly string[]): Promise<{removed: string[]; invalid: string[]}>;
  /** Deletes up to any number of names (10 per request); names that did not exist are reported, not thrown. */
  delete(names: readonly string[]): Promise<{deleted: string[]; missing: string[]}>;
  tags(name: string): Promise<Record<string, string>>;
}

export type ParameterErrorKind = ErrorKinds<'not-found' | 'version-not-found' | 'exists' | 'invalid' | 'limit' | 'busy'>;

/**
 * A failed Parameter Store call, classified; `message` is sanitized and never contains a value, `code` is the SSM error
 * name (for the log).
 */
export class ParameterError extends ResourceError<ParameterErrorKind> {
  override name = 'ParameterError';
}
