// Parameter Store records as fleetdeck holds them: a parameter's metadata, one version with its value, and the
// secret wrapper that keeps a SecureString value out of logs, JSON and template strings until it is revealed.

export type ParameterType = 'String' | 'StringList' | 'SecureString';
export type ParameterTier = 'Standard' | 'Advanced' | 'Intelligent-Tiering';

export interface ParameterPolicy {
  readonly type: string;
  readonly status: string;
  readonly text: string;
}

/** What a listing knows of a parameter (DescribeParameters metadata; no value). */
export interface Parameter {
  readonly name: string;
  readonly type: ParameterType;
  readonly version: number;
  readonly arn: string | undefined;
  readonly tier: ParameterTier | undefined;
  readonly lastModified: Date | undefined;
  /** The IAM ARN of whoever wrote the latest version. */
  readonly lastModifiedUser: string | undefined;
  readonly dataType: string | undefined;
  readonly description: string | undefined;
  readonly allowedPattern: string | undefined;
  readonly keyId: string | undefined;
  readonly policies: readonly ParameterPolicy[];
}

/**
 * A SecureString value. Printing, interpolating or serializing it shows a mask; only `reveal()` gives the text,
 * so a secret reaches the screen or a file only where code asks for it by name.
 */
export class SecretText {
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  reveal(): string {
    return this.#text;
  }

  toString(): string {
    return '********';
  }

  toJSON(): string {
    return '********';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'SecretText(********)';
  }
}

/**
 * A value as read: plain text for String/StringList; a SecretText for a decrypted SecureString; `sealed` when a
 * SecureString was read without decryption (the ciphertext is of no use to anyone, so it is not kept).
 */
export type ParameterValue = {readonly kind: 'plain'; readonly text: string} | {readonly kind: 'secret'; readonly secret: SecretText} | {readonly kind: 'sealed'};

/** One version of a parameter, as GetParameter or GetParameterHistory return it. */
export interface ParameterVersion {
  readonly name: string;
  readonly version: number;
  readonly type: ParameterType;
  readonly value: ParameterValue;
  readonly labels: readonly string[];
  readonly lastModified: Date | undefined;
  readonly lastModifiedUser: string | undefined;
  readonly description: string | undefined;
  readonly tier: ParameterTier | undefined;
  readonly keyId: string | undefined;
  readonly dataType: string | undefined;
  readonly allowedPattern: string | undefined;
  readonly policies: readonly ParameterPolicy[];
}

export function isSecret(p: {readonly type: ParameterType}): boolean {
  return p.type === 'SecureString';
}

/** "modified by": the last part of an IAM ARN (`user/alice` → alice, `assumed-role/Admin/carol@x` → carol@x). */
export function modifiedBy(arn: string | undefined): string {
  if (arn === undefined || arn === '') return '';
  const slash = arn.lastIndexOf('/');
  if (slash >= 0) return arn.slice(slash + 1);
  const colon = arn.lastIndexOf(':');
  return colon >= 0 ? arn.slice(colon + 1) : arn;
}

/** The text to compare or edit, or undefined for a SecureString that was not revealed. */
export function plainText(value: ParameterValue): string | undefined {
  if (value.kind === 'plain') return value.text;
  if (value.kind === 'secret') return value.secret.reveal();
  return undefined;
}
