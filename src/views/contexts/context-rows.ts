// How a context reads in the `:ctx` table and its detail: its credential state in a word (toned), what fixes it,
// its guard flags, and its colour as one of the table's tones. Pure: the view and the tests call these directly.
import type {ContextInfo, CredentialState} from '../../fleet/contexts/context.js';
import {humanDuration} from '../../fleet/format.js';
import type {Tone} from '../view.js';

/** Credentials closer to their expiry than this are worth a warning (an SSO session ends mid-incident). */
const EXPIRY_WARNING_MS = 15 * 60_000;

/** valid, expires in 41m, login needed, expired, denied, unreachable, checking… */
export function credentialText(c: CredentialState, now: number): string {
  switch (c.kind) {
    case 'unknown': return 'checking…';
    case 'valid': return c.expiresAt === undefined ? 'valid' : `expires in ${humanDuration(Math.max(0, c.expiresAt - now))}`;
    case 'login-needed': return 'login needed';
    case 'expired': return 'expired';
    case 'denied': return 'denied';
    case 'unreachable': return 'unreachable';
  }
}

export function credentialTone(c: CredentialState, now: number): Tone {
  switch (c.kind) {
    case 'unknown': return 'muted';
    case 'valid': return c.expiresAt !== undefined && c.expiresAt - now < EXPIRY_WARNING_MS ? 'warn' : 'good';
    case 'unreachable': return 'warn';
    case 'login-needed':
    case 'expired':
    case 'denied': return 'bad';
  }
}

/** What the user runs or does to make the context work again, undefined when it works. */
export function credentialFix(c: CredentialState): string | undefined {
  switch (c.kind) {
    case 'login-needed': return c.command;
    case 'expired': return c.command ?? 'refresh the credentials of its profile (or its environment), then r rechecks';
    case 'denied': return 'the profile\'s role needs ssm:DescribeInstanceInformation (and sts:GetCallerIdentity)';
    case 'unreachable': return 'check the network path to its endpoints (VPN, proxy, VPC endpoints), then r rechecks';
    case 'unknown':
    case 'valid': return undefined;
  }
}

/** READ-ONLY and PROTECTED, and ORG ROLE (or ORG) for a context the organisation view made, as the FLAGS cell says them. */
export function guardFlags(c: ContextInfo): string {
  const org = c.assumed === undefined ? '' : c.assumed.roleName === undefined ? 'ORG' : 'ORG ROLE';
  return [c.spec.readOnly ? 'READ-ONLY' : '', c.spec.protected ? 'PROTECTED' : '', org].filter(Boolean).join(' ');
}

/** How a context the organisation view made was reached, undefined for a configured one. */
export function assumedHow(c: ContextInfo): string | undefined {
  if (c.assumed === undefined) return undefined;
  const where = `account ${c.accountId ?? c.spec.alias ?? '?'} in ${c.spec.region}`;
  return c.assumed.roleName === undefined ? `the management context's credentials, ${where} (:org)`
    : `role ${c.assumed.roleName} (org.roleName) assumed in ${where} (:org)`;
}

// The header draws a context's exact colour; a table cell has the table's tones, so the nearest one stands in.
const COLOUR_TONE: Readonly<Record<string, Tone>> = {
  red: 'bad', green: 'good', yellow: 'warn', cyan: 'accent', blue: 'accent', magenta: 'accent', gray: 'muted', grey: 'muted',
};

export function colourTone(colour: string | undefined): Tone | undefined {
  return colour === undefined ? undefined : COLOUR_TONE[colour];
}

/** The `:ctx` title's note: how many contexts, how many in view, and what is guarded or failing. */
export function contextsNote(rows: readonly ContextInfo[]): string {
  const count = (pred: (c: ContextInfo) => boolean) => rows.filter(pred).length;
  const inView = count((c) => c.inView !== false);
  const failing = count((c) => c.credentials.kind !== 'valid' && c.credentials.kind !== 'unknown');
  const readOnly = count((c) => c.spec.readOnly === true);
  const guarded = count((c) => c.spec.protected === true);
  const assumed = count((c) => c.assumed !== undefined);
  const configured = rows.length - assumed;
  return [
    `${configured} context${configured === 1 ? '' : 's'}`,
    `${inView} in view`,
    assumed ? `${assumed} made for :org` : '',
    readOnly ? `${readOnly} read-only` : '',
    guarded ? `${guarded} protected` : '',
    failing ? `${failing} failing` : '',
  ].filter(Boolean).join(' · ');
}
