// Hybrid activations in domain terms: what an activation is, the limits SSM puts on creating one, and the checks a
// create form runs before anything is sent (the same limits the service enforces).

export const REGISTRATION_LIMIT_MIN = 1;
export const REGISTRATION_LIMIT_MAX = 1000;
export const DEFAULT_REGISTRATION_LIMIT = 1;
const HOUR_MS = 60 * 60_000;
/** Without an ExpirationDate an activation lasts 24 hours. */
export const DEFAULT_EXPIRY_MS = 24 * HOUR_MS;
/** An ExpirationDate may be at most 30 days ahead. */
export const MAX_EXPIRY_MS = 30 * 24 * HOUR_MS;
export const DESCRIPTION_MAX = 256;
export const DEFAULT_INSTANCE_NAME_MAX = 256;
export const IAM_ROLE_MAX = 64;
export const ACTIVATION_TAGS_MAX = 1000;
export const REGISTRATION_METADATA_MAX = 10;
/** DefaultInstanceName: letters, spaces, digits and `_.:/=+-@`. */
export const DEFAULT_INSTANCE_NAME_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export interface Activation {
  activationId: string;
  description: string;
  defaultInstanceName: string;
  iamRole: string;
  registrationLimit: number;
  registrationsCount: number;
  /** Epoch ms. */
  expirationDate: number;
  /** As SSM reports it. */
  expired: boolean;
  /** Epoch ms. */
  createdDate: number;
  tags: Readonly<Record<string, string>>;
}

export interface RegistrationMetadataItem {
  key: string;
  value: string;
}

export interface NewActivation {
  iamRole: string;
  description?: string;
  defaultInstanceName?: string;
  registrationLimit?: number;
  /** Epoch ms; default 24 hours from creation. */
  expirationDate?: number;
  tags?: Readonly<Record<string, string>>;
  registrationMetadata?: readonly RegistrationMetadataItem[];
}

/** What CreateActivation answers. The code is a secret: show it once, never log or audit it. */
export interface CreatedActivation {
  activationId: string;
  activationCode: string;
}

export type ActivationFilterKey = 'ActivationIds' | 'DefaultInstanceName' | 'IamRole';

export interface ActivationFilter {
  key: ActivationFilterKey;
  values: readonly string[];
}

/**
 * Problems with a new activation, in the form's words (empty when it can be sent). `now` is the clock the
 * expiry is measured against.
 */
export function activationProblems(input: NewActivation, now: number): string[] {
  const out: string[] = [];
  const role = input.iamRole.trim();
  if (role === '') out.push('an IAM role is required');
  else if (role.length > IAM_ROLE_MAX) out.push(`the IAM role name is longer than ${IAM_ROLE_MAX} characters`);
  else if (role.startsWith('arn:')) out.push('the IAM role is a role name, not an ARN');
  const limit = input.registrationLimit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < REGISTRATION_LIMIT_MIN || limit > REGISTRATION_LIMIT_MAX)) {
    out.push(`the registration limit must be a whole number from ${REGISTRATION_LIMIT_MIN} to ${REGISTRATION_LIMIT_MAX}`);
  }
  if (input.expirationDate !== undefined) {
    if (input.expirationDate <= now) out.push('the expiration date is in the past');
    else if (input.expirationDate - now > MAX_EXPIRY_MS) out.push('the expiration date is more than 30 days ahead');
  }
  if ((input.description?.length ?? 0) > DESCRIPTION_MAX) out.push(`the description is longer than ${DESCRIPTION_MAX} characters`);
  const name = input.defaultInstanceName ?? '';
  if (name.length > DEFAULT_INSTANCE_NAME_MAX) out.push(`the default instance name is longer than ${DEFAULT_INSTANCE_NAME_MAX} characters`);
  else if (!DEFAULT_INSTANCE_NAME_PATTERN.test(name)) out.push('the default instance name may hold only letters, digits, spaces and _.:/=+-@');
  if (Object.keys(input.tags ?? {}).length > ACTIVATION_TAGS_MAX) out.push(`more than ${ACTIVATION_TAGS_MAX} tags`);
  if ((input.registrationMetadata?.length ?? 0) > REGISTRATION_METADATA_MAX) {
    out.push(`more than ${REGISTRATION_METADATA_MAX} registration metadata items`);
  }
  return out;
}

/** Whether an activation can register another node at `now`, and if not, why. */
export function registrationRefusal(a: Pick<Activation, 'expirationDate' | 'registrationLimit' | 'registrationsCount'>, now: number): string | undefined {
  if (a.expirationDate <= now) return 'the activation has expired';
  if (a.registrationsCount >= a.registrationLimit) return 'the activation has reached its registration limit';
  return undefined;
}

/** "3/10": registrations used of the limit. */
export function registrationsLabel(a: Pick<Activation, 'registrationLimit' | 'registrationsCount'>): string {
  return `${a.registrationsCount}/${a.registrationLimit}`;
}
