// `fleetdeck forward <instance> <remote-port>`: a port forward without the UI. Prints the local address on stdout,
// status changes on stderr, and runs until SIGINT/SIGTERM/SIGHUP (then terminates the session and exits 0).
// Exit codes: 0 stopped by a signal, 2 bad input (a port out of range or in use, an unknown or offline instance,
// a refused remote host), 1 the forward failed while running or another error.
import type {AwsClients} from '../aws/clients.js';
import {appendAudit} from '../audit.js';
import {forwardAuditFields} from '../fleet/forwards/forwards.js';
import {exposureWarning} from '../fleet/forwards/forward-exposure.js';
import {sanitizeText as sanitize} from '../fleet/sanitize.js';
import {log} from '../log.js';
import {parsePort} from '../session/port-forward-documents.js';
import type {PortForward} from '../session/port-forward.js';
import {isInstanceId, resolveOne} from '../fleet/instances/instance-names.js';
import type {HeadlessContexts} from './resources.js';
import {auditIdentityOf, failureLine, inEveryContext, type PlacedContext} from './contexts-headless.js';

export interface ForwardArgs {
  /** An instance id, or a Name tag resolved to one when the forward starts. */
  instanceId: string;
  remotePort: number;
  /** 0: any free port. */
  localPort: number;
  remoteHost?: string;
  bind: string;
}

export const EXIT_FORWARD_FAILED = 1;
export const EXIT_FORWARD_INPUT = 2;

export class ForwardInputError extends Error {
  override name = 'ForwardInputError';
}


/** Positional arguments and forward flags; an error names what is wrong. */
export function parseForwardArgs(
  positional: readonly string[],
  flags: {localPort?: string | undefined; remoteHost?: string | undefined; bind?: string | undefined},
): {ok: true; value: ForwardArgs} | {ok: false; error: string} {
  const [instanceId, remote, extra] = positional;
  if (instanceId === undefined || remote === undefined) return {ok: false, error: 'forward needs an instance id or Name tag and a remote port, e.g. forward i-0abc123 5432'};
  if (extra !== undefined) return {ok: false, error: `unexpected argument "${sanitize(extra)}"`};
  if (!instanceId.trim()) return {ok: false, error: 'forward needs an instance id or Name tag'};
  const remotePort = parsePort(remote);
  if (remotePort === undefined) return {ok: false, error: `the remote port must be 1 to 65535 (got "${remote}")`};
  const localPort = flags.localPort === undefined ? 0 : parsePort(flags.localPort, true);
  if (localPort === undefined) return {ok: false, error: `--local-port must be 0 (any free port) to 65535 (got "${flags.localPort ?? ''}")`};
  const host = flags.remoteHost?.trim();
  if (host !== undefined && !/^[A-Za-z0-9.:_-]{1,253}$/.test(host)) return {ok: false, error: `--remote-host must be a host name or address (got "${host}")`};
  const bind = flags.bind ?? '127.0.0.1';
  if (!/^[0-9a-fA-F.:]+$/.test(bind)) return {ok: false, error: `--bind must be an IP address such as 127.0.0.1 (got "${bind}")`};
  return {ok: true, value: {instanceId, remotePort, localPort, bind, ...(host === undefined ? {} : {remoteHost: host})}};
}

/** Errors the user fixes by changing the command: exit 2. */
function isInputError(err: unknown): boolean {
  const name = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : '';
  return ['TargetNotConnected', 'InvalidTarget', 'InvalidInstanceId', 'ValidationException', 'InvalidDocument'].includes(name)
    || /^(local port \d+ on .* is already in use|no permission to listen|.* is not an address of this machine)/.test(message);
}

interface ForwardIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Resolves when the user asks to stop (a signal); tests pass their own. */
  interrupted?: Promise<string>;
}

function signalled(): Promise<string> {
  return new Promise((resolve) => {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(sig, () => resolve(sig));
  });
}

/** The instance id a forward goes to: the argument itself, or the one instance whose Name tag it is exactly. */
async function targetId(aws: AwsClients, given: string): Promise<{ok: true; id: string} | {ok: false; error: string}> {
  if (isInstanceId(given)) return {ok: true, id: given};
  const {FleetLoader} = await import('../aws/instances/fleet-loader.js');
  return resolveOne(given, await new FleetLoader(aws).load());
}

export async function runForward(aws: AwsClients, given: ForwardArgs, io: ForwardIo = process): Promise<number> {
  const resolved = await targetId(aws, given.instanceId);
  if (!resolved.ok) {
    io.stderr.write(`fleetdeck: cannot forward: ${resolved.error}\n`);
    return EXIT_FORWARD_INPUT;
  }
  const args = {...given, instanceId: resolved.id};
  const {openPortForward} = await import('../aws/sessions/start-session.js');
  const {describeAwsError} = await import('../aws/errors.js');
  const identity = auditIdentityOf(aws);
  const target = `${args.remoteHost ?? 'localhost'}:${args.remotePort}`;
  const interrupted = io.interrupted ?? signalled();
  let forward: PortForward;
  try {
    forward = await openPortForward(aws, {
      target: args.instanceId,
      remotePort: args.remotePort,
      localPort: args.localPort,
      bindAddress: args.bind,
      ...(args.remoteHost === undefined ? {} : {remoteHost: args.remoteHost}),
      log: (msg, fields) => log.info(`forward: ${msg}`, fields ?? {}),
    });
  } catch (err) {
    let message = isInputError(err) ? (err as Error).message : describeAwsError(err);
    if ((err as Error).name === 'TargetNotConnected') message += ' (an unknown instance, or its SSM agent is offline)';
    io.stderr.write(`fleetdeck: cannot forward to ${args.instanceId} ${target}: ${sanitize(message)}\n`);
    return isInputError(err) ? EXIT_FORWARD_INPUT : EXIT_FORWARD_FAILED;
  }
  const stats = forward.stats;
  const fields = forwardAuditFields(args.instanceId, args.remotePort, args.remoteHost);
  appendAudit({action: 'StartPortForward', identity, ...fields, sessionId: stats.sessionId, local: forward.localAddress, source: 'headless'});
  io.stdout.write(`${forward.localAddress}\n`);
  const exposed = exposureWarning(args.bind, `${args.instanceId} ${target}`);
  if (exposed !== undefined) io.stderr.write(`fleetdeck: ${exposed}\n`);
  io.stderr.write(`Forwarding ${forward.localAddress} → ${args.instanceId} ${target} (session ${stats.sessionId ?? '?'}, ${stats.mode ?? '?'} mode). Ctrl+C stops.\n`);
  // One line per change of state; active and listening read the same here (connections come and go).
  const shown = (status: string): string => (status === 'active' ? 'listening' : status);
  let last = shown(stats.status);
  const failed = new Promise<string>((resolve) => {
    forward.on('change', () => {
      const now = forward.stats;
      const status = shown(now.status);
      if (status === last || status === 'stopped') return;
      last = status;
      const why = (status === 'reconnecting' || status === 'failed') && now.lastError !== undefined ? `: ${sanitize(now.lastError)}` : '';
      io.stderr.write(`${status}${why}\n`);
      if (now.status === 'failed') resolve(now.lastError ?? 'failed');
    });
  });
  const outcome = await Promise.race([interrupted.then((sig) => ({sig})), failed.then((error) => ({error}))]);
  const end = forward.stats;
  await forward.stop();
  appendAudit({action: 'StopPortForward', identity, ...fields, sessionId: end.sessionId,
    connections: end.connections, bytesIn: end.bytesIn, bytesOut: end.bytesOut, reason: 'sig' in outcome ? outcome.sig : 'failed'});
  if ('sig' in outcome) {
    io.stderr.write(`Stopped (${end.connections} connections, ${end.bytesIn} bytes in, ${end.bytesOut} bytes out).\n`);
    return 0;
  }
  io.stderr.write(`fleetdeck: the forward failed: ${sanitize(outcome.error)}\n`);
  return EXIT_FORWARD_FAILED;
}

/**
 * Over several contexts: the one context whose fleet has the instance (by id or exact name), told on stderr with its
 * account and region; undefined (after saying why on stderr) when none or several have it.
 */
export async function forwardContext(where: HeadlessContexts, given: string, stderr: NodeJS.WritableStream):
  Promise<{context: PlacedContext; instanceId: string} | undefined> {
  const {FleetLoader} = await import('../aws/instances/fleet-loader.js');
  const fleets = await inEveryContext(where.set, where.list, (c) => new FleetLoader(c.aws).load());
  for (const o of fleets) if (!o.ok) stderr.write(failureLine(o.place, o.failure));
  const found = fleets.flatMap((o) => {
    const c = where.list.find((x) => x.place === o.place);
    return o.ok && c ? o.value.filter((i) => (isInstanceId(given) ? i.instanceId === given : i.name === given)).map((i) => ({c, i})) : [];
  });
  const [only] = found;
  if (found.length === 1 && only) {
    stderr.write(`fleetdeck: ${only.i.instanceId} is in ${sanitize(only.c.spec.name)} (account ${sanitize(only.c.place.account)}, ${only.c.place.region})\n`);
    return {context: only.c, instanceId: only.i.instanceId};
  }
  const shown = sanitize(given);
  stderr.write(found.length === 0
    ? `fleetdeck: cannot forward: "${shown}" is no managed instance in any context that answered\n`
    : `fleetdeck: cannot forward: "${shown}" names ${found.length} instances: ${found.map((x) =>
      `${x.i.instanceId} (${x.i.name || '-'}) in ${x.c.spec.name}`).join(', ')}; give the instance id with --context\n`);
  return undefined;
}
