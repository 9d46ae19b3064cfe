// What the app needs from OpsCenter (implemented by aws/opsitems/).
import type {NewOpsItem, OpsItem, OpsItemChange, OpsItemFilter, OpsItemSummary} from './opsitem.js';
import {ResourceError, type ErrorKinds} from '../resource-error.js';

export interface OpsItemsPort {
  /** Every matching OpsItem (all pages). */
  list(filters?: readonly OpsItemFilter[], signal?: AbortSignal): Promise<OpsItemSummary[]>;
  get(opsItemId: string, signal?: AbortSignal): Promise<OpsItem>;
  /** Resolves with the new OpsItem's id. */
  create(input: NewOpsItem, signal?: AbortSignal): Promise<string>;
  update(opsItemId: string, change: OpsItemChange, signal?: AbortSignal): Promise<void>;
}

/**
 * not-found: no such OpsItem; invalid: a parameter was refused; exists: an open item with the same deduplication
 * string exists (its id is `existingId`). The message is sanitized, ready for the screen.
 */
export type OpsItemErrorKind = ErrorKinds<'not-found' | 'invalid' | 'exists' | 'limit' | 'conflict'>;

export class OpsItemError extends ResourceError<OpsItemErrorKind> {
  override name = 'OpsItemError';
  readonly existingId: string | undefined;

  constructor(kind: OpsItemErrorKind, message: string, code = '', existingId?: string) {
    super(kind, message, code);
    this.existingId = existingId;
  }
}
