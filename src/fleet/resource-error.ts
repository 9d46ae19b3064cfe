// A failed call on one kind of resource (parameters, documents, windows…), classified so a view or command can act
// on it. Each resource names its own subclass (ParameterError, WindowError…) with its own kinds; the transport's
// kinds are common to all of them.
import {sanitizeText} from './sanitize.js';

/** throttled: rate exceeded; auth: credentials or access; unavailable: network or a 5xx; other: anything else. */
export type CommonErrorKind = 'throttled' | 'auth' | 'unavailable' | 'other';

/** A resource's own kinds plus the common ones. */
export type ErrorKinds<K extends string> = K | CommonErrorKind;

export class ResourceError<K extends string> extends Error {
  readonly kind: ErrorKinds<K>;
  /** The service's error name, for the log (sanitized). */
  readonly code: string;

  /** `message` comes from the endpoint or names what it returned: it is sanitized here, ready for the screen. */
  constructor(kind: ErrorKinds<K>, message: string, code = '') {
    super(sanitizeText(message));
    this.kind = kind;
    this.code = sanitizeText(code);
  }
}
