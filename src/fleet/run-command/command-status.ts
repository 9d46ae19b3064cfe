// Run Command status vocabulary (docs/ssm-api.md §8 "Statuses"). Pure data and functions.
//
// SSM reports two fields per invocation and per command: `Status` (a closed enum in the model) and
// `StatusDetails` (free text, ≤100 chars, which on the wire carries the no-space tokens below). StatusDetails is
// the finer one — Terminated, Undeliverable, ExecutionTimedOut … only exist there — so fleetdeck keys every
// decision and the UI on StatusDetails and derives Status from it.
//
// Sources: botocore ssm/2014-11-06 service-2.json (enums, StatusDetails documentation) and the Systems Manager
// User Guide monitor-commands.md. Status values for Terminated, InvalidPlatform and AccessDenied are NOT in any
// source we found (UNVERIFIED); the choices below are marked where they are made.

/** Every invocation StatusDetails token, in lifecycle order. */
export const INVOCATION_STATUS_DETAILS = [
  'Pending',
  'InProgress',
  'Delayed',
  'Success',
  'Failed',
  'ExecutionTimedOut',
  'DeliveryTimedOut',
  'Cancelled',
  'Undeliverable',
  'InvalidPlatform',
  'AccessDenied',
  'Terminated',
] as const;
export type InvocationStatusDetails = (typeof INVOCATION_STATUS_DETAILS)[number];

/** Invocation `Status` enum (BC CommandInvocationStatus). */
export type InvocationStatus =
  | 'Pending'
  | 'InProgress'
  | 'Delayed'
  | 'Success'
  | 'Cancelled'
  | 'TimedOut'
  | 'Failed'
  | 'Cancelling';

/** Command `Status` enum (BC CommandStatus). */
export type CommandStatus = 'Pending' | 'InProgress' | 'Success' | 'Cancelled' | 'Failed' | 'TimedOut' | 'Cancelling';

/** Command-level StatusDetails tokens (the ListCommands Status filter values, plus Cancelling). */
export type CommandStatusDetails =
  | 'Pending'
  | 'InProgress'
  | 'Success'
  | 'Failed'
  | 'ExecutionTimedOut'
  | 'DeliveryTimedOut'
  | 'Incomplete'
  | 'Cancelled'
  | 'Cancelling'
  | 'AccessDenied'
  | 'NoInstancesInTag'
  | 'LimitExceeded';

const TERMINAL: ReadonlySet<InvocationStatusDetails> = new Set<InvocationStatusDetails>([
  'Success',
  'Failed',
  'ExecutionTimedOut',
  'DeliveryTimedOut',
  'Cancelled',
  'Undeliverable',
  'InvalidPlatform',
  'AccessDenied',
  'Terminated',
]);

/**
 * Terminal = counted in CompletedCount. BC lists "Success, Failed, Execution Timed Out, Delivery Timed Out,
 * Cancelled, Terminated, or Undeliverable"; InvalidPlatform and AccessDenied are "a terminal state" in the User
 * Guide table, so they are terminal here too.
 */
export function isTerminal(sd: InvocationStatusDetails): boolean {
  return TERMINAL.has(sd);
}

/** ErrorCount = Failed + ExecutionTimedOut. Nothing else counts against MaxErrors (BC, UG). */
export function countsAsError(sd: InvocationStatusDetails): boolean {
  return sd === 'Failed' || sd === 'ExecutionTimedOut';
}

/**
 * Undeliverable, InvalidPlatform and AccessDenied neither count against MaxErrors nor decide Success vs
 * Incomplete: "4 Undeliverable + 1 Success → command Success", "all Undeliverable → command Failed" (UG).
 */
export function isOutcomeNeutral(sd: InvocationStatusDetails): boolean {
  return sd === 'Undeliverable' || sd === 'InvalidPlatform' || sd === 'AccessDenied';
}

/** StatusDetails → invocation Status. */
export function invocationStatusOf(sd: InvocationStatusDetails): InvocationStatus {
  switch (sd) {
    case 'Pending':
    case 'InProgress':
    case 'Delayed':
    case 'Success':
    case 'Failed':
    case 'Cancelled':
      return sd;
    case 'ExecutionTimedOut': // observed
    case 'DeliveryTimedOut': // BC: "TimedOut includes Delivery and Execution time outs"
      return 'TimedOut';
    case 'Undeliverable': // observed (ResponseCode -1)
    case 'InvalidPlatform': // UNVERIFIED
    case 'AccessDenied': // UNVERIFIED
      return 'Failed';
    case 'Terminated': // UNVERIFIED: "canceled by the system" — Cancelled is our guess
      return 'Cancelled';
  }
}

const TOKENS: ReadonlyMap<string, InvocationStatusDetails> = new Map(
  INVOCATION_STATUS_DETAILS.map((sd) => [sd.toLowerCase(), sd] as const),
);

/**
 * Parse a StatusDetails string as SSM or its docs spell it: the wire token (`DeliveryTimedOut`), the prose
 * form (`Delivery Timed Out`) or the one-L spelling (`Canceled`). Undefined for anything else.
 */
export function parseStatusDetails(text: string): InvocationStatusDetails | undefined {
  const key = text.replace(/\s+/g, '').toLowerCase();
  return TOKENS.get(key === 'canceled' ? 'cancelled' : key);
}

/**
 * Results view order: what needs attention first (errors, then other non-successes), then what is still
 * moving, then Success.
 */
export const RESULTS_DISPLAY_ORDER: readonly InvocationStatusDetails[] = [
  'Failed',
  'ExecutionTimedOut',
  'DeliveryTimedOut',
  'Undeliverable',
  'AccessDenied',
  'InvalidPlatform',
  'Terminated',
  'Cancelled',
  'Delayed',
  'InProgress',
  'Pending',
  'Success',
];

const RANK: ReadonlyMap<InvocationStatusDetails, number> = new Map(RESULTS_DISPLAY_ORDER.map((sd, i) => [sd, i]));

/** Sort comparator following RESULTS_DISPLAY_ORDER. */
export function compareForDisplay(a: InvocationStatusDetails, b: InvocationStatusDetails): number {
  return (RANK.get(a) ?? 0) - (RANK.get(b) ?? 0);
}

export interface StatusSummary {
  /** Per StatusDetails token; every token is present (0 when absent). */
  readonly byStatusDetails: Readonly<Record<InvocationStatusDetails, number>>;
  readonly TargetCount: number;
  readonly CompletedCount: number;
  readonly ErrorCount: number;
  readonly DeliveryTimedOutCount: number;
  /** Entries whose StatusDetails did not parse; they count in TargetCount only. */
  readonly unrecognized: number;
}

/** Count invocations per StatusDetails and derive SSM's counters (§8) from the counts. */
export function summarize(invocations: Iterable<{readonly statusDetails: string}>): StatusSummary {
  const byStatusDetails = Object.fromEntries(INVOCATION_STATUS_DETAILS.map((sd) => [sd, 0])) as Record<
    InvocationStatusDetails,
    number
  >;
  let total = 0;
  let completed = 0;
  let errors = 0;
  let unrecognized = 0;
  for (const inv of invocations) {
    total++;
    const sd = parseStatusDetails(inv.statusDetails);
    if (sd === undefined) {
      unrecognized++;
      continue;
    }
    byStatusDetails[sd]++;
    if (isTerminal(sd)) completed++;
    if (countsAsError(sd)) errors++;
  }
  return {
    byStatusDetails,
    TargetCount: total,
    CompletedCount: completed,
    ErrorCount: errors,
    DeliveryTimedOutCount: byStatusDetails.DeliveryTimedOut,
    unrecognized,
  };
}
