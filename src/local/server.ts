// The local fleet endpoint: one HTTP server on 127.0.0.1 that answers SSM and the Resource Groups Tagging
// API (AWS JSON 1.1, dispatched on X-Amz-Target), EC2 and STS (Query protocol, told apart by the credential scope's
// service, then dispatched on Action), after verifying SigV4 against credentials generated at start. It serves one
// or more accounts in one or more regions: a request reaches the partition of the account whose key signed it and of
// the region its credential scope names. It logs nothing.

import {randomBytes, randomUUID} from 'node:crypto';
import {setMaxListeners} from 'node:events';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {FleetAccounts, generatePartitionModels, partitionKey, type Partition} from './accounts.js';
import {RequestCounts} from './request-counts.js';
import {CONTROL_SIGNING_NAME, CONTROL_TARGET_PREFIX, controlOperations, type ServedPartition} from './control-api.js';
import {EC2_SIGNING_NAME, resolveEc2Operation} from './ec2/ec2-api.js';
import {FaultInjector, type Fault} from './faults.js';
import {closeAfterAnswer, HOST, listen, queryRecord, readBody, splitTarget} from './http-plumbing.js';
import {DEFAULT_REGION, type FleetModel} from './model/fleet-model.js';
import type {JsonOperation, OperationContext} from './protocol/operation-context.js';
import {PageTokens} from './protocol/page-token.js';
import {closeRunCommands} from './ssm/run-command/operations.js';
import {closeAutomation} from './ssm/automation/index.js';
import {closeWindows} from './ssm/windows/index.js';
import {closeAssociations} from './ssm/associations/association-queries.js';
import {ServiceError} from './protocol/service-error.js';
import {DATA_CHANNEL_PATH, SessionService} from './ssm/sessions/session-service.js';
import {
  checkSigV4Headers, ec2AuthError, jsonAuthError, scopedService, verifySigV4, type AuthFailure, type FleetCredentials, type SignedRequest,
} from './protocol/sigv4.js';
import {SSM_SIGNING_NAME, SSM_TARGET_PREFIX, ssmOperations} from './ssm-api.js';
import {TAGGING_SIGNING_NAME, TAGGING_TARGET_PREFIX, taggingOperations} from './ec2/tagging-api.js';
import {parseJsonBody, sendJson, sendJsonError} from './protocol/wire-json.js';
import {parseQueryParams, sendXml, sendXmlError} from './protocol/wire-query.js';
import {sendQueryError, sendQueryResult} from './protocol/wire-aws-query.js';
import {createQuickSetupSync} from './ssm/nodes/data-sync.js';
import {resolveStsOperation, STS_GLOBAL_REGION, STS_SIGNING_NAME, STS_XMLNS, stsAuthError, stsInternal, stsThrottle} from './sts/sts-api.js';
import {noteSecret} from './secret-ledger.js';

export type {Fault, FaultKind} from './faults.js';
export type {FleetCredentials} from './protocol/sigv4.js';

export interface LocalFleetOptions {
  /** 0 (default) picks a free ephemeral port. */
  port?: number;
  /** Node records per partition (per account and region). */
  nodes?: number;
  seed?: number | string;
  /** The region of a one-region fleet (default us-east-1); with `regions`, it must be their first. */
  region?: string;
  /** How many accounts the fleet serves (default 1), each with its own credentials. */
  accounts?: number;
  /** The regions every account has nodes in (default: [region]). */
  regions?: readonly string[];
}

/** One account in one region: its own nodes and stores. */
export interface LocalPartition {
  accountId: string;
  region: string;
  /** The account's credentials (the IAM user `fleetdeck`); they sign requests to every region of the account. */
  credentials: FleetCredentials;
  model: FleetModel;
}

export interface LocalFleet {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  /** The first partition's region, credentials and model. */
  region: string;
  credentials: FleetCredentials;
  model: FleetModel;
  /**
   * Every account × region, the first account's regions first. With more than one, the first holds the organisation's
   * resource data sync AWS-QuickSetup-ManagedNode (every account, every region) that ListNodes reads.
   */
  partitions: readonly LocalPartition[];
  /** Authenticated API requests by operation, e.g. 'ssm:DescribeInstanceInformation', 'ec2:DescribeInstances' (all partitions). */
  requestCounts(): Record<string, number>;
  /** The same by partition: {'<accountId>:<region>': {'ssm:DescribeInstanceInformation': 3, …}}. */
  requestCountsBy(): Record<string, Record<string, number>>;
  resetRequestCounts(): void;
  /** A fault everywhere, or in one account (`accountId`) and/or region (`region`). */
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** Every request signed by the account's keys (STS too) answers ExpiredToken until restoreCredentials. */
  expireCredentials(accountId: string): void;
  /** The account's keys work again, as after a new login. */
  restoreCredentials(accountId: string): void;
  close(): Promise<void>;
  /** Resolves once the fleet has closed, whoever closed it (close(), or FleetdeckLocal.Shutdown over the wire). */
  readonly stopped: Promise<void>;
}

const MAX_ACCOUNTS = 20;
const MAX_REGIONS = 20;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

interface JsonService {
  service: string;
  signingName: string;
  operations: Readonly<Record<string, JsonOperation>>;
  /** Control operations are neither counted nor subject to faults or expired credentials. */
  control: boolean;
  throttle: () => ServiceError;
  internal: () => ServiceError;
}

interface Served extends Partition {
  sessions: SessionService;
}

function generateCredentials(): FleetCredentials {
  const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const id = [...randomBytes(16)].map((b) => base32[b % 32] ?? 'A').join('');
  const credentials = {
    accessKeyId: `ASIA${id}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: randomBytes(96).toString('base64'),
  };
  noteSecret(credentials.secretAccessKey);
  noteSecret(credentials.sessionToken);
  return credentials;
}

function validateOptions(opts: LocalFleetOptions): {port: number; accounts: number; regions: string[]} {
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port ${String(opts.port)}: expected 0–65535`);
  const accounts = opts.accounts ?? 1;
  if (!Number.isInteger(accounts) || accounts < 1 || accounts > MAX_ACCOUNTS) throw new Error(`Invalid account count ${String(opts.accounts)}: expected 1–${MAX_ACCOUNTS}`);
  const regions = [...(opts.regions ?? [opts.region ?? DEFAULT_REGION])];
  if (regions.length === 0 || regions.length > MAX_REGIONS) throw new Error(`A local fleet serves 1 to ${MAX_REGIONS} regions`);
  for (const region of regions) if (!REGION.test(region)) throw new Error(`Invalid region '${region}'`);
  if (new Set(regions).size !== regions.length) throw new Error(`A region is listed twice: ${regions.join(',')}`);
  if (opts.region !== undefined && regions[0] !== opts.region) throw new Error(`region '${opts.region}' must be the first of the regions (${regions.join(',')})`);
  return {port, accounts, regions};
}

export async function startLocalFleet(opts: LocalFleetOptions = {}): Promise<LocalFleet> {
  const {port, accounts: accountCount, regions} = validateOptions(opts);
  const plan = generatePartitionModels({accounts: accountCount, regions, nodes: opts.nodes, seed: opts.seed});
  const accounts = new FleetAccounts(plan.accountIds, generateCredentials);
  const partitions: Served[] = accounts.list.flatMap((account, a) => regions.map((region, r) => {
    const model = plan.models[a]?.[r];
    if (model === undefined) throw new Error('a partition has no model');
    return {key: partitionKey(account.accountId, region), account, region, model, sessions: new SessionService(model)};
  }));
  const first = partitions[0] as Served;
  // Several accounts or regions: the organisation's node view is set up, as Quick Setup does in the management account.
  if (partitions.length > 1) createQuickSetupSync(first.model, regions, Date.now());
  const byKey = new Map(partitions.map((p) => [p.key, p]));
  const served = (region: string): boolean => regions.includes(region);
  const stsRegion = (region: string): boolean => served(region) || region === STS_GLOBAL_REGION;
  const knownCredentials = (accessKeyId: string): FleetCredentials | undefined => accounts.credentials(accessKeyId);
  const expired = (accessKeyId: string): boolean => accounts.isExpired(accessKeyId, Date.now());
  const tokens = new PageTokens();
  const faults = new FaultInjector();
  const closing = new AbortController();
  // Every request waiting out a latency fault listens for the close: hundreds at once are normal, not a leak.
  setMaxListeners(0, closing.signal);
  /** The partition of a verified request (its region is one the fleet serves: the signature check saw to it). */
  const partitionOf = (accessKeyId: string, region: string): Served => {
    const account = accounts.byKey(accessKeyId)?.account;
    const p = account === undefined ? undefined : byKey.get(partitionKey(account.accountId, region));
    if (p === undefined) throw new Error('a verified request has no partition');
    return p;
  };
  const counts = new RequestCounts(partitions.map((p) => p.key));
  const requestCounts = (): Record<string, number> => counts.total();
  const requestCountsBy = (): Record<string, Record<string, number>> => counts.byPartition();
  const resetRequestCounts = (): void => counts.reset();
  const lower = {messageMember: 'message' as const};
  const controlPartitions: readonly ServedPartition[] = partitions;
  const jsonServices: Readonly<Record<string, JsonService>> = {
    [SSM_TARGET_PREFIX]: {
      service: 'ssm', signingName: SSM_SIGNING_NAME, operations: ssmOperations, control: false,
      throttle: () => new ServiceError('ThrottlingException', 'Rate exceeded', lower),
      internal: () => new ServiceError('InternalServerError', 'An internal server error occurred.', {status: 500, ...lower}),
    },
    [TAGGING_TARGET_PREFIX]: {
      service: 'tagging', signingName: TAGGING_SIGNING_NAME, operations: taggingOperations, control: false,
      throttle: () => new ServiceError('ThrottledException', 'Rate exceeded'),
      internal: () => new ServiceError('InternalServiceException', 'An internal service error occurred.', {status: 500}),
    },
    [CONTROL_TARGET_PREFIX]: {
      service: 'local', signingName: CONTROL_SIGNING_NAME, control: true,
      operations: controlOperations({
        faults, accounts, partitions: controlPartitions, requestCounts, requestCountsBy, resetRequestCounts,
        shutdown: () => (shutdownRequested = true),
      }),
      throttle: () => new ServiceError('ThrottlingException', 'Rate exceeded', lower),
      internal: () => new ServiceError('InternalServerError', 'An internal server error occurred.', {status: 500, ...lower}),
    },
  };
  /** Set by FleetdeckLocal.Shutdown: the fleet closes once that answer has gone out. */
  let shutdownRequested = false;
  let close: () => Promise<void> = () => Promise.resolve();
  const views = partitions.map((p) => ({accountId: p.account.accountId, region: p.region, model: p.model}));
  const context = (p: Served, requestId: string, accessKeyId: string): OperationContext => {
    const caller = p.account.callers.caller(accessKeyId);
    return {model: p.model, tokens, region: p.region, requestId, now: Date.now, partitions: views, ...(caller === undefined ? {} : {caller})};
  };

  function jsonServiceOf(target: string): {svc: JsonService | undefined; op: string} {
    const dot = target.indexOf('.');
    const prefix = dot > 0 ? target.slice(0, dot) : target;
    return {svc: Object.hasOwn(jsonServices, prefix) ? jsonServices[prefix] : undefined, op: dot > 0 ? target.slice(dot + 1) : ''};
  }

  async function handleJson(target: string, signed: SignedRequest, res: ServerResponse, requestId: string): Promise<void> {
    const {svc, op} = jsonServiceOf(target);
    const auth = await verifySigV4(signed, {credentials: knownCredentials, region: served, service: svc?.signingName, ...(svc?.control === true ? {} : {expired})});
    if (!auth.ok) return sendJsonError(res, jsonAuthError(auth.failure), requestId);
    if (svc === undefined) return sendJsonError(res, new ServiceError('UnknownOperationException', ''), requestId);
    const p = partitionOf(auth.accessKeyId, auth.region);
    const run = Object.hasOwn(svc.operations, op) ? svc.operations[op] : undefined;
    if (!svc.control) {
      counts.count(p.key, `${svc.service}:${op}`);
      const fault = await faults.before(svc.service, op, closing.signal, {accountId: p.account.accountId, region: p.region});
      if (fault !== undefined) return sendJsonError(res, fault instanceof ServiceError ? fault : fault === 'throttle' ? svc.throttle() : svc.internal(), requestId);
    }
    if (run === undefined) return sendJsonError(res, new ServiceError('UnknownOperationException', ''), requestId);
    try {
      const output = run(parseJsonBody(Buffer.from(signed.body)), context(p, requestId, auth.accessKeyId));
      if (shutdownRequested) res.once('finish', () => void close());
      sendJson(res, 200, output, requestId);
    } catch (err) {
      sendJsonError(res, err instanceof ServiceError ? err : svc.internal(), requestId);
    }
  }

  async function handleEc2(signed: SignedRequest, search: string, res: ServerResponse, requestId: string): Promise<void> {
    const params = parseQueryParams(Buffer.from(signed.body), search);
    const auth = await verifySigV4(signed, {credentials: knownCredentials, region: served, service: EC2_SIGNING_NAME, expired});
    if (!auth.ok) return sendXmlError(res, ec2AuthError(auth.failure), requestId);
    const p = partitionOf(auth.accessKeyId, auth.region);
    const action = params.get('Action');
    if (action !== undefined && action !== '') {
      counts.count(p.key, `ec2:${action}`);
      const fault = await faults.before('ec2', action, closing.signal, {accountId: p.account.accountId, region: p.region});
      if (fault instanceof ServiceError) return sendXmlError(res, fault, requestId);
      if (fault === 'throttle') return sendXmlError(res, new ServiceError('RequestLimitExceeded', 'Request limit exceeded.', {status: 503}), requestId);
      if (fault === 'server-error') return sendXmlError(res, new ServiceError('InternalError', 'An internal error has occurred', {status: 500}), requestId);
    }
    try {
      const {run} = resolveEc2Operation(params);
      sendXml(res, 200, run(params, context(p, requestId, auth.accessKeyId)), requestId);
    } catch (err) {
      sendXmlError(res, err instanceof ServiceError ? err : new ServiceError('InternalError', 'An internal error has occurred', {status: 500}), requestId);
    }
  }

  async function handleSts(signed: SignedRequest, search: string, res: ServerResponse, requestId: string): Promise<void> {
    const params = parseQueryParams(Buffer.from(signed.body), search);
    const auth = await verifySigV4(signed, {credentials: knownCredentials, region: stsRegion, service: STS_SIGNING_NAME, expired});
    if (!auth.ok) return sendQueryError(res, STS_XMLNS, stsAuthError(auth.failure), requestId);
    const found = accounts.byKey(auth.accessKeyId);
    if (found === undefined) return sendQueryError(res, STS_XMLNS, stsAuthError({kind: 'unknown-key'}), requestId);
    const action = params.get('Action') ?? '';
    try {
      const run = resolveStsOperation(action);
      counts.count(partitionKey(found.account.accountId, auth.region), `sts:${action}`);
      const fault = await faults.before('sts', action, closing.signal, {accountId: found.account.accountId, region: auth.region});
      if (fault instanceof ServiceError) return sendQueryError(res, STS_XMLNS, fault, requestId);
      if (fault !== undefined) return sendQueryError(res, STS_XMLNS, fault === 'throttle' ? stsThrottle() : stsInternal(), requestId);
      const result = run(params, {accounts, account: found.account, caller: found.caller, now: Date.now()});
      sendQueryResult(res, STS_XMLNS, action, result, requestId);
    } catch (err) {
      sendQueryError(res, STS_XMLNS, err instanceof ServiceError ? err : stsInternal(), requestId);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const target = req.headers['x-amz-target'];
    // AWS JSON when there is a target, or a JSON content type without one (→ UnknownOperationException).
    const isJson = typeof target === 'string' || (req.headers['content-type'] ?? '').startsWith('application/x-amz-json');
    // Query requests are STS or EC2: the credential scope names the service (both send Action=…).
    const isSts = !isJson && scopedService(req.headers) === STS_SIGNING_NAME;
    const authError = (f: AuthFailure): ServiceError => (isJson ? jsonAuthError(f) : isSts ? stsAuthError(f) : ec2AuthError(f));
    const answer = (err: ServiceError): void => {
      if (isJson) sendJsonError(res, err, requestId);
      else if (isSts) sendQueryError(res, STS_XMLNS, err, requestId);
      else sendXmlError(res, err, requestId);
    };
    try {
      // What the headers can decide is decided before a byte of the body is read: an unsigned or wrongly signed
      // request costs the endpoint nothing however large its body.
      const svc = isJson ? jsonServiceOf(typeof target === 'string' ? target : '').svc : undefined;
      const early = checkSigV4Headers(req.headers, {
        credentials: knownCredentials,
        region: isSts ? stsRegion : served,
        service: isJson ? svc?.signingName : isSts ? STS_SIGNING_NAME : EC2_SIGNING_NAME,
        ...(svc?.control === true ? {} : {expired}),
      });
      if (!early.ok) {
        closeAfterAnswer(req, res);
        return answer(authError(early.failure));
      }
      const body = await readBody(req);
      if (body === undefined) {
        closeAfterAnswer(req, res);
        return answer(new ServiceError('RequestEntityTooLargeException', 'Request body is too large', {status: 413}));
      }
      const url = splitTarget(req.url ?? '/');
      const signed: SignedRequest = {
        method: req.method ?? 'POST',
        path: url.path,
        query: queryRecord(url.query),
        headers: req.headers,
        body,
      };
      if (isJson) await handleJson(typeof target === 'string' ? target : '', signed, res, requestId);
      else if (isSts) await handleSts(signed, url.search, res, requestId);
      else await handleEc2(signed, url.search, res, requestId);
    } catch {
      if (closing.signal.aborted || res.headersSent) {
        res.destroy();
        return;
      }
      answer(new ServiceError('InternalFailure', 'The request processing has failed because of an unknown error.', {status: 500}));
    }
  }

  /** A data channel belongs to the partition whose session it names (session ids are unique fleet-wide). */
  function sessionsFor(req: IncomingMessage): SessionService {
    if (partitions.length === 1) return first.sessions;
    try {
      const {pathname} = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!pathname.startsWith(DATA_CHANNEL_PATH)) return first.sessions;
      const sessionId = decodeURIComponent(pathname.slice(DATA_CHANNEL_PATH.length));
      return partitions.find((p) => p.sessions.get(sessionId) !== undefined)?.sessions ?? first.sessions;
    } catch {
      return first.sessions; // it refuses what it cannot parse
    }
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('upgrade', (req, socket, head) => sessionsFor(req).handleUpgrade(req, socket, head));
  const boundPort = await listen(server, port);
  for (const p of partitions) p.sessions.setPort(boundPort);
  let closed: Promise<void> | undefined;
  let markStopped = (): void => undefined;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  close = () => {
    closed ??= Promise.all([
      new Promise<void>((resolve) => {
        closing.abort();
        for (const p of partitions) {
          p.sessions.close();
          closeAssociations(p.model); // no schedule fires once the fleet is closing
          closeAutomation(p.model); // no runbook step starts once the fleet is closing
          closeWindows(p.model); // no maintenance window opens once the fleet is closing
        }
        server.close(() => resolve());
        server.closeAllConnections();
      }),
      ...partitions.map((p) => closeRunCommands(p.model)), // kills every process the local nodes are running
    ]).then(() => markStopped());
    return closed;
  };

  return {
    endpoint: `http://${HOST}:${boundPort}`,
    region: first.region,
    credentials: first.account.credentials,
    model: first.model,
    partitions: partitions.map((p) => ({accountId: p.account.accountId, region: p.region, credentials: p.account.credentials, model: p.model})),
    requestCounts,
    requestCountsBy,
    resetRequestCounts,
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    expireCredentials: (accountId) => accounts.expire(accountId),
    restoreCredentials: (accountId) => accounts.restore(accountId),
    close: () => close(),
    stopped,
  };
}
