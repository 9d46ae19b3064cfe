// Fault injection: throttling, 5xx, latency and any error a service can answer (code, message, status) on demand,
// per operation or for all, in one account and/or region or everywhere, for N requests or until cleared. The server
// asks `before(service, operation, signal, partition)` for every authenticated API request.

import {setTimeout as delay} from 'node:timers/promises';
import {ServiceError} from './protocol/service-error.js';
import {isObject} from './protocol/validation.js';

export type FaultKind = 'throttle' | 'server-error' | 'latency' | 'error';

export interface Fault {
  kind: FaultKind;
  /** 'DescribeInstanceInformation' or 'ssm:DescribeInstanceInformation'; absent = every operation. */
  operation?: string;
  /** How many matching requests it affects; absent = until cleared. */
  count?: number;
  /** For 'latency': the added delay. */
  latencyMs?: number;
  /** The share of matching requests it affects, e.g. 0.5 for a throttling storm (absent = every one). */
  probability?: number;
  /**
   * For 'error': the error code (`__type` in JSON, `Code` in EC2 XML), its message and HTTP status (default 400),
   * sent as they are — a test of how clients show what an endpoint says, however hostile.
   */
  errorCode?: string;
  message?: string;
  status?: number;
  /** Only requests signed by this account's keys (absent = every account). */
  accountId?: string;
  /** Only requests scoped to this region (absent = every region). */
  region?: string;
}

/** Where a request lands: the account that signed it and the region of its credential scope. */
export interface FaultScope {
  accountId: string;
  region: string;
}

const KINDS: readonly FaultKind[] = ['throttle', 'server-error', 'latency', 'error'];
const MAX_LATENCY_MS = 120_000;

/** Validates a fault from the wire or from a caller; throws a ServiceError (ValidationException). */
export function parseFault(input: unknown): Fault {
  const bad = (why: string): ServiceError => new ServiceError('ValidationException', `Invalid fault: ${why}`);
  if (!isObject(input)) throw bad('expected an object');
  const {kind, operation, count, latencyMs, errorCode, message, status, probability, accountId, region} = input;
  if (typeof kind !== 'string' || !KINDS.includes(kind as FaultKind)) throw bad(`kind must be one of ${KINDS.join(', ')}`);
  if (operation !== undefined && (typeof operation !== 'string' || operation === '')) throw bad('operation must be a non-empty string');
  if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count) || count < 1)) throw bad('count must be a positive integer');
  if (latencyMs !== undefined && (typeof latencyMs !== 'number' || !(latencyMs >= 0) || latencyMs > MAX_LATENCY_MS)) {
    throw bad(`latencyMs must be between 0 and ${MAX_LATENCY_MS}`);
  }
  if (accountId !== undefined && (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId))) throw bad('accountId must be 12 digits');
  if (region !== undefined && (typeof region !== 'string' || region === '')) throw bad('region must be a non-empty string');
  if (kind === 'latency' && latencyMs === undefined) throw bad('a latency fault needs latencyMs');
  if (probability !== undefined && (typeof probability !== 'number' || !(probability > 0) || probability > 1)) {
    throw bad('probability must be a number above 0 and at most 1');
  }
  if (kind === 'error') {
    if (typeof errorCode !== 'string' || errorCode === '' || errorCode.length > 256) throw bad('an error fault needs errorCode (1 to 256 characters)');
    if (message !== undefined && (typeof message !== 'string' || message.length > 4096)) throw bad('message must be a string of at most 4096 characters');
    if (status !== undefined && (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599)) throw bad('status must be 400 to 599');
  }
  const fault: Fault = {kind: kind as FaultKind};
  if (operation !== undefined) fault.operation = operation;
  if (count !== undefined) fault.count = count;
  if (latencyMs !== undefined) fault.latencyMs = latencyMs;
  if (probability !== undefined) fault.probability = probability;
  if (typeof accountId === 'string') fault.accountId = accountId;
  if (typeof region === 'string') fault.region = region;
  if (kind === 'error') {
    fault.errorCode = errorCode as string;
    if (typeof message === 'string') fault.message = message;
    if (typeof status === 'number') fault.status = status;
  }
  return fault;
}

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

export class FaultInjector {
  private active: ActiveFault[] = [];

  inject(fault: Fault): void {
    const f = parseFault(fault);
    this.active.push({fault: f, remaining: f.count ?? Number.POSITIVE_INFINITY});
  }

  clear(): void {
    this.active = [];
  }

  list(): Fault[] {
    return this.active.map((a) => ({...a.fault}));
  }

  private take(service: string, operation: string, kinds: readonly FaultKind[], scope: FaultScope | undefined): Fault[] {
    const taken: Fault[] = [];
    for (const a of this.active) {
      if (!kinds.includes(a.fault.kind) || a.remaining <= 0) continue;
      if (a.fault.accountId !== undefined && a.fault.accountId !== scope?.accountId) continue;
      if (a.fault.region !== undefined && a.fault.region !== scope?.region) continue;
      const op = a.fault.operation;
      if (op !== undefined && op !== operation && op !== `${service}:${operation}`) continue;
      if (a.fault.probability !== undefined && Math.random() >= a.fault.probability) continue;
      a.remaining--;
      taken.push(a.fault);
      if (kinds.length > 1 || a.fault.kind !== 'latency') break; // one failing fault per request
    }
    this.active = this.active.filter((a) => a.remaining > 0);
    return taken;
  }

  /**
   * Applies the matching latency faults (waiting), then returns the failing fault for this request,
   * if any. Counts are consumed as requests arrive. Rejects (AbortError) when `signal` aborts mid-wait.
   */
  async before(service: string, operation: string, signal?: AbortSignal, scope?: FaultScope): Promise<'throttle' | 'server-error' | ServiceError | undefined> {
    const latency = this.take(service, operation, ['latency'], scope);
    const failing = this.take(service, operation, ['throttle', 'server-error', 'error'], scope)[0];
    const ms = latency.reduce((sum, f) => sum + (f.latencyMs ?? 0), 0);
    if (ms > 0) await delay(ms, undefined, {signal});
    if (failing?.kind === 'error') return new ServiceError(failing.errorCode ?? 'Error', failing.message ?? '', {status: failing.status ?? 400});
    return failing?.kind === 'throttle' || failing?.kind === 'server-error' ? failing.kind : undefined;
  }
}
