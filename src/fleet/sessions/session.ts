// Session Manager sessions in domain terms: one row of DescribeSessions (Active or History), the filters it takes,
// and what a sessions table shows about a row (duration, who, which node).

export const SESSION_STATUSES = ['Connected', 'Connecting', 'Disconnected', 'Terminated', 'Terminating', 'Failed'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export type SessionState = 'Active' | 'History';
/** DescribeSessions' largest page. */
export const DESCRIBE_SESSIONS_PAGE_MAX = 200;
/** How far back History goes. */
export const SESSION_HISTORY_DAYS = 30;

export const SESSION_FILTER_KEYS = ['InvokedAfter', 'InvokedBefore', 'Target', 'Owner', 'Status', 'SessionId', 'AccessType'] as const;
export type SessionFilterKey = (typeof SESSION_FILTER_KEYS)[number];

export interface SessionFilter {
  key: SessionFilterKey;
  /** Dates as ISO-8601 (2024-08-29T00:00:00Z). */
  value: string;
}

export interface SessionRow {
  sessionId: string;
  /** Instance id. */
  target: string;
  status: SessionStatus | string;
  /** Epoch ms. */
  startDate: number;
  /** Epoch ms, once it ended. */
  endDate: number | undefined;
  documentName: string;
  /** The IAM principal's ARN. */
  owner: string;
  reason: string;
  /** Minutes, when a maximum session duration applies. */
  maxSessionDuration: string;
}

/** The user (or role session) name at the end of an owner ARN: `arn:aws:iam::1:user/alice` → alice. */
export function ownerName(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash >= 0 ? arn.slice(slash + 1) : arn;
}

/** How long a session ran (until `now` while it is active), in ms. */
export function sessionDurationMs(row: Pick<SessionRow, 'startDate' | 'endDate'>, now: number): number {
  return Math.max(0, (row.endDate ?? now) - row.startDate);
}
