// The local fleet endpoint: one HTTP server on 127.0.0.1 that answers SSM and the Resource Groups Tagging
// API (AWS JSON 1.1, dispatched on X-Amz-Target) and EC2 (Query protocol, dispatched on Action), after
// verifying SigV4 against credentials generated at start. It logs nothing.

import {randomBytes, randomUUID} from 'node:crypto';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {CONTROL_SIGNING_NAME, CONTROL_TARGET_PREFIX, controlOperations} from './control-api.js';
import {EC2_SIGNING_NAME, resolveEc2Operation} from './ec2/ec2-api.js';
import {FaultInjector, type Fault} from './faults.js';
import {DEFAULT_REGION, generateFleet, type FleetModel} from './model/fleet-model.js';
import type {JsonOperation, OperationContext} from './protocol/operation-context.js';
import {PageTokens} from './protocol/page-token.js';
import {closeRunCommands} from './ssm/run-command/operations.js';
import {closeAutomation} from './ssm/automation/index.js';
import {closeWindows} from './ssm/windows/index.js';
import {closeAssociations} from './ssm/associations/association-queries.js';
import {ServiceError} from './protocol/service-error.js';
import {SESSION_OWNER_NAME, SessionService} from './ssm/sessions/session-service.js';
import {CallerIdentities} from './callers.js';
import {checkSigV4Headers, ec2AuthError, jsonAuthError, verifySigV4, type FleetCredentials, type SignedRequest} from './protocol/sigv4.js';
import {SSM_SIGNING_NAME, SSM_TARGET_PREFIX, ssmOperations} from './ssm-api.js';
import {TAGGING_SIGNING_NAME, TAGGING_TARGET_PREFIX, taggingOperations} from './ec2/tagging-api.js';
import {parseJsonBody, sendJson, sendJsonError} from './protocol/wire-json.js';
import {parseQueryParams, sendXml, sendXmlError} from './protocol/wire-query.js';
import {noteSecret} from './secret-ledger.js';

export type {Fault, FaultKind} from './faults.js';
export type {FleetCredentials} from './protocol/sigv4.js';

export interface LocalFleetOptions {
  /** 0 (default) picks a free ephemeral port. */
  port?: number;
  nodes?: number;
  seed?: number | string;
  region?: string;
}

export interface LocalFleet {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  region: string;
  credentials: FleetCredentials;
  model: FleetModel;
  /** Authenticated API requests by operation, e.g. 'ssm:DescribeInstanceInformation', 'ec2:DescribeInstances'. */
  requestCounts(): Record<string, number>;
  resetRequestCounts(): void;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  close(): Promise<void>;
  /** Resolves once the fleet has closed, whoever closed it (close(), or FleetdeckLocal.Shutdown over the wire). */
  readonly stopped: Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const HOST = '127.0.0.1';
/** After answering a request whose body was not read, how long the rest is discarded before the socket closes. */
const LINGER_MS = 2_000;

interface JsonService {
  service: string;
  signingName: string;
  operations: Readonly<Record<string, JsonOperation>>;
  /** Control operations are neither counted nor subject to faults. */
  control: boolean;
  throttle: () => ServiceError;
  internal: () => ServiceError;
}

function generateCredentials(): FleetCredentials {
  const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const id = [...randomBytes(16)].map((b) => base32[b % 32] ?? 'A').join('');
  return {
    accessKeyId: `ASIA${id}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: randomBytes(96).toString('base64'),
  };
}

/** The body, or undefined once it passes MAX_BODY_BYTES (declared or received): nothing more is kept. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      chunks.length = 0;
      resolve(undefined);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Sets up the close of a connection whose request is answered before its body was read (or all of it): the answer
 * goes out with `Connection: close`, the rest of the body is discarded (never kept) so the client reads the answer
 * instead of a reset, and the socket closes after a short linger whatever the client still sends.
 */
function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  res.setHeader('Connection', 'close');
  res.once('finish', () => {
    req.removeAllListeners('data');
    req.resume();
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    req.socket.once('close', () => clearTimeout(timer));
  });
}

/** Path and query of a request target, whatever it holds ('//' is a path, not a scheme-relative URL). */
function splitTarget(raw: string): {path: string; search: string; query: URLSearchParams} {
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const search = q < 0 ? '' : raw.slice(q);
  return {path: path.startsWith('/') ? path : `/${path}`, search, query: new URLSearchParams(search)};
}

function queryRecord(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of search) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function validateOptions(opts: LocalFleetOptions): {port: number; region: string} {
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port ${String(opts.port)}: expected 0–65535`);
  const region = opts.region ?? DEFAULT_REGION;
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new Error(`Invalid region '${region}'`);
  return {port, region};
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`Cannot start the local fleet: port ${port} on ${HOST} is already in use`)
          : new Error(`Cannot start the local fleet on ${HOST}:${port}: ${err.message}`),
      );
    };
    server.once('error', onError);
    server.listen(port, HOST, () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('the local fleet server has no TCP address'));
      else resolve(address.port);
    });
  });
}

export async function startLocalFleet(opts: LocalFleetOptions = {}): Promise<LocalFleet> {
  const {port, region} = validateOptions(opts);
  const model = generateFleet({nodes: opts.nodes, seed: opts.seed, region});
  const credentials = generateCredentials();
  noteSecret(credentials.secretAccessKey);
  noteSecret(credentials.sessionToken);
  const callers = new CallerIdentities(model.accountId, generateCredentials, {credentials, userName: SESSION_OWNER_NAME});
  const knownCredentials = (accessKeyId: string): FleetCredentials | undefined => callers.credentials(accessKeyId);
  const tokens = new PageTokens();
  const faults = new FaultInjector();
  const counts = new Map<string, number>();
  const closing = new AbortController();
  const sessions = new SessionService(model);
  const count = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  const lower = {messageMember: 'message' as const};
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
      operations: controlOperations({faults, counts, callers, shutdown: () => (shutdownRequested = true)}),
      throttle: () => new ServiceError('ThrottlingException', 'Rate exceeded', lower),
      internal: () => new ServiceError('InternalServerError', 'An internal server error occurred.', {status: 500, ...lower}),
    },
  };
  /** Set by FleetdeckLocal.Shutdown: the fleet closes once that answer has gone out. */
  let shutdownRequested = false;
  let close: () => Promise<void> = () => Promise.resolve();
  const context = (requestId: string, accessKeyId: string): OperationContext => {
    const caller = callers.caller(accessKeyId);
    return {model, tokens, region, requestId, now: Date.now, ...(caller === undefined ? {} : {caller})};
  };

  async function handleJson(target: string, signed: SignedRequest, res: ServerResponse, requestId: string): Promise<void> {
    const dot = target.indexOf('.');
    const prefix = dot > 0 ? target.slice(0, dot) : target;
    const op = dot > 0 ? target.slice(dot + 1) : '';
    const svc = Object.hasOwn(jsonServices, prefix) ? jsonServices[prefix] : undefined;
    const auth = await verifySigV4(signed, {credentials: knownCredentials, region, service: svc?.signingName});
    if (!auth.ok) return sendJsonError(res, jsonAuthError(auth.failure), requestId);
    if (svc === undefined) return sendJsonError(res, new ServiceError('UnknownOperationException', ''), requestId);
    const run = Object.hasOwn(svc.operations, op) ? svc.operations[op] : undefined;
    if (!svc.control) {
      count(`${svc.service}:${op}`);
      const fault = await faults.before(svc.service, op, closing.signal);
      if (fault !== undefined) return sendJsonError(res, fault instanceof ServiceError ? fault : fault === 'throttle' ? svc.throttle() : svc.internal(), requestId);
    }
    if (run === undefined) return sendJsonError(res, new ServiceError('UnknownOperationException', ''), requestId);
    try {
      const output = run(parseJsonBody(Buffer.from(signed.body)), context(requestId, auth.accessKeyId));
      if (shutdownRequested) res.once('finish', () => void close());
      sendJson(res, 200, output, requestId);
    } catch (err) {
      sendJsonError(res, err instanceof ServiceError ? err : svc.internal(), requestId);
    }
  }

  async function handleQuery(signed: SignedRequest, search: string, res: ServerResponse, requestId: string): Promise<void> {
    const params = parseQueryParams(Buffer.from(signed.body), search);
    const auth = await verifySigV4(signed, {credentials: knownCredentials, region, service: EC2_SIGNING_NAME});
    if (!auth.ok) return sendXmlError(res, ec2AuthError(auth.failure), requestId);
    const action = params.get('Action');
    if (action !== undefined && action !== '') {
      count(`ec2:${action}`);
      const fault = await faults.before('ec2', action, closing.signal);
      if (fault instanceof ServiceError) return sendXmlError(res, fault, requestId);
      if (fault === 'throttle') return sendXmlError(res, new ServiceError('RequestLimitExceeded', 'Request limit exceeded.', {status: 503}), requestId);
      if (fault === 'server-error') return sendXmlError(res, new ServiceError('InternalError', 'An internal error has occurred', {status: 500}), requestId);
    }
    try {
      const {run} = resolveEc2Operation(params);
      sendXml(res, 200, run(params, context(requestId, auth.accessKeyId)), requestId);
    } catch (err) {
      sendXmlError(res, err instanceof ServiceError ? err : new ServiceError('InternalError', 'An internal error has occurred', {status: 500}), requestId);
    }
  }

  /** The signing name a request must be scoped to (undefined: an unknown JSON target, any name). */
  function signingNameFor(isJson: boolean, target: string): string | undefined {
    if (!isJson) return EC2_SIGNING_NAME;
    const dot = target.indexOf('.');
    const prefix = dot > 0 ? target.slice(0, dot) : target;
    return Object.hasOwn(jsonServices, prefix) ? jsonServices[prefix]?.signingName : undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const target = req.headers['x-amz-target'];
    // AWS JSON when there is a target, or a JSON content type without one (→ UnknownOperationException).
    const isJson = typeof target === 'string' || (req.headers['content-type'] ?? '').startsWith('application/x-amz-json');
    const answerEarly = (err: ServiceError): void => {
      closeAfterAnswer(req, res);
      if (isJson) sendJsonError(res, err, requestId);
      else sendXmlError(res, err, requestId);
    };
    try {
      // What the headers can decide is decided before a byte of the body is read: an unsigned or wrongly signed
      // request costs the endpoint nothing however large its body.
      const early = checkSigV4Headers(req.headers, {credentials: knownCredentials, region, service: signingNameFor(isJson, typeof target === 'string' ? target : '')});
      if (!early.ok) return answerEarly(isJson ? jsonAuthError(early.failure) : ec2AuthError(early.failure));
      const body = await readBody(req);
      if (body === undefined) return answerEarly(new ServiceError('RequestEntityTooLargeException', 'Request body is too large', {status: 413}));
      const url = splitTarget(req.url ?? '/');
      const signed: SignedRequest = {
        method: req.method ?? 'POST',
        path: url.path,
        query: queryRecord(url.query),
        headers: req.headers,
        body,
      };
      if (isJson) await handleJson(typeof target === 'string' ? target : '', signed, res, requestId);
      else await handleQuery(signed, url.search, res, requestId);
    } catch {
      if (closing.signal.aborted || res.headersSent) {
        res.destroy();
        return;
      }
      const err = new ServiceError('InternalFailure', 'The request processing has failed because of an unknown error.', {status: 500});
      if (isJson) sendJsonError(res, err, requestId);
      else sendXmlError(res, err, requestId);
    }
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('upgrade', (req, socket, head) => sessions.handleUpgrade(req, socket, head));
  const boundPort = await listen(server, port);
  sessions.setPort(boundPort);
  let closed: Promise<void> | undefined;
  let markStopped = (): void => undefined;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  close = () => {
    closed ??= Promise.all([
      new Promise<void>((resolve) => {
        closing.abort();
        sessions.close();
        closeAssociations(model); // no schedule fires once the fleet is closing
        closeAutomation(model); // no runbook step starts once the fleet is closing
        closeWindows(model); // no maintenance window opens once the fleet is closing
        server.close(() => resolve());
        server.closeAllConnections();
      }),
      closeRunCommands(model), // kills every process the local nodes are running
    ]).then(() => markStopped());
    return closed;
  };

  return {
    endpoint: `http://${HOST}:${boundPort}`,
    region,
    credentials,
    model,
    requestCounts: () => Object.fromEntries(counts),
    resetRequestCounts: () => counts.clear(),
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    close: () => close(),
    stopped,
  };
}
