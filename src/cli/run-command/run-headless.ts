// `fleetdeck run`: Run Command without the UI — the same validation and engine as the dashboard. Progress goes to
// stderr, results to stdout (one JSON object per instance with --output json). Exit codes: 0 every invocation
// succeeded, 1 some did not, 3 the error threshold stopped the run, 4 fleetdeck could not follow the run to the end,
// 130 interrupted with Ctrl+C, 2 bad input (nothing was sent).
import type {AwsClients} from '../../aws/clients.js';
import {runCommandApi} from '../../aws/run-command/run-command-api.js';
import {completeOutputs, textReport, type CompleteInvocation} from './run-output.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {appendAudit} from '../../audit.js';
import {parseParameterArgs, validateParameters} from '../../fleet/run-command/document-params.js';
import {parseRateValue} from '../../fleet/run-command/rate-control.js';
import type {RunState} from '../../fleet/run-command/run-orchestrator.js';
import {auditedRun} from '../../fleet/run-command/audited-run.js';
import {parseRunTargets} from '../../fleet/run-command/run-targets.js';
import {summarize} from '../../fleet/run-command/command-status.js';
import {FleetLoader} from '../../aws/instances/fleet-loader.js';
import type {RunArgs} from '../flags.js';
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import {isInstanceId, mentionsNames, nameIndex, resolveNames} from '../../fleet/instances/instance-names.js';
import type {HeadlessContexts} from '../resources.js';
import {auditIdentityOf, captureOutput, checkChange, inEveryContext, mergeOutputs, prefixedLines, reportOutcomes, type ContextOutcome,
  type PlacedContext} from '../contexts-headless.js';

export class RunInputError extends Error {
  override name = 'RunInputError';
}

export const EXIT_THRESHOLD = 3;
/** fleetdeck could not follow the run to the end (SSM unreachable for too long); the commands go on in SSM. */
export const EXIT_UNFOLLOWED = 4;
/** Interrupted with Ctrl+C (what still ran was cancelled, or left to SSM after a second Ctrl+C), as shells count SIGINT. */
export const EXIT_INTERRUPTED = 130;

/** The rate controls and parameters, checked before anything is read (they do not depend on a context). */
function runValues(args: RunArgs) {
  const mc = parseRateValue('maxConcurrency', args.maxConcurrency);
  if (!mc.ok) throw new RunInputError(`--max-concurrency: ${mc.error}`);
  const me = parseRateValue('maxErrors', args.maxErrors);
  if (!me.ok) throw new RunInputError(`--max-errors: ${me.error}`);
  const params = parseParameterArgs(args.parameters);
  if (!params.ok) throw new RunInputError(params.error);
  return {mc, me, params};
}

function progressLine(st: RunState): string {
  const s = summarize([...st.invocations.values()]);
  const counts = Object.entries(s.byStatusDetails).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
  const trouble = st.interrupted ? ` · following interrupted (${st.interrupted.error}); retrying` : '';
  return `[${s.CompletedCount}/${st.targetCount}] ${counts || 'Pending'}${trouble}`;
}

interface RunIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  interrupts?: NodeJS.EventEmitter;
  /** Who acts, for the audit log (default: the clients' label, or "local"). */
  identity?: string;
}

/** A run in one context (its clients), or over several (each context's targets get their own SendCommand set). */
export async function runHeadless(where: AwsClients | HeadlessContexts, args: RunArgs, output: 'text' | 'json',
  io: RunIo = process): Promise<number> {
  if ('set' in where) return runAcrossContexts(where, args, output, io);
  return runInContext(where, args, output, io);
}

async function runInContext(aws: AwsClients, args: RunArgs, output: 'text' | 'json', io: RunIo): Promise<number> {
  const loader = new FleetLoader(aws);
  // Names (Name tags) become ids before anything is checked; the fleet read for them also names the report's rows.
  let fleet: Promise<readonly ManagedInstance[]> | undefined;
  let targetText = args.targets;
  if (mentionsNames(args.targets)) {
    const loaded = await loader.load();
    const byName = resolveNames(args.targets, loaded);
    if (!byName.ok) throw new RunInputError(`--targets: ${byName.error}`);
    targetText = byName.ids.join(',');
    fleet = Promise.resolve(loaded);
  }
  const targets = parseRunTargets(targetText);
  if (!targets.ok) throw new RunInputError(`--targets: ${targets.error}`);
  const {mc, me, params} = runValues(args);
  const api = runCommandApi(aws);
  let schema;
  try {
    schema = await api.documentSchema(args.document, args.documentVersion);
  } catch (e) {
    if ((e as {name?: string}).name === 'InvalidDocument') {
      throw new RunInputError(`--document: no document named "${args.document}" (try AWS-RunShellScript)`);
    }
    if ((e as {name?: string}).name === 'InvalidDocumentVersion') {
      throw new RunInputError(`--document-version: ${args.documentVersion ?? ''} is not a version of ${args.document}`);
    }
    throw e;
  }
  const errors = validateParameters(schema, params.value);
  if (errors.length) throw new RunInputError(errors.join('; '));
  const t = targets.value;
  if (t.kind === 'targets' && !t.targets.some((x) => x.Key.startsWith('resource-groups'))) {
    if (await loader.countTagTargets(t.targets) === 0) {
      throw new RunInputError(`--targets: ${args.targets} matches no managed instance right now (nothing was sent)`);
    }
  }

  const identity = io.identity ?? auditIdentityOf(aws);
  const spec = {
    documentName: args.document, ...(args.documentVersion ? {documentVersion: args.documentVersion} : {}), parameters: params.value, targets: targets.value,
    maxConcurrency: mc.value, maxErrors: me.value,
    ...(args.timeoutSeconds !== undefined ? {timeoutSeconds: args.timeoutSeconds} : {}),
    ...(args.comment ? {comment: args.comment} : {}),
  };
  // Names for the report, read while the run goes (a failed read leaves the rows unnamed, the run unaffected).
  let namesSoFar = new Map<string, string>();
  const names = (fleet ?? loader.load()).then(nameIndex, () => new Map<string, string>()).then((m) => (namesSoFar = m));
  let last = '';
  // Ctrl+C: the first cancels what still runs and waits for SSM to say so; the second stops waiting at once.
  const cancel = new AbortController();
  const leave = new AbortController();
  const sentIds: string[] = [];
  const onInterrupt = () => {
    if (!cancel.signal.aborted) {
      io.stderr.write('fleetdeck: cancelling what still runs (CancelCommand)… press Ctrl+C again to stop waiting and leave it to SSM\n');
      cancel.abort();
      if (sentIds.length) appendAudit({action: 'CancelCommand', identity, commandIds: [...sentIds], via: 'headless'});
    } else {
      io.stderr.write('fleetdeck: no longer following the run; whatever still runs is left to SSM\n');
      leave.abort();
    }
  };
  const interrupts = io.interrupts ?? process;
  interrupts.on('SIGINT', onInterrupt);
  let st: RunState;
  try {
    st = await auditedRun(api, spec, identity, 'headless', {
      cancel: cancel.signal,
      signal: leave.signal,
      onSent: ({commandId}) => void sentIds.push(commandId),
      onUpdate: (s) => {
        const line = progressLine(s);
        if (line !== last) io.stderr.write(`${line}\n`);
        last = line;
      },
    });
  } catch (e) {
    if ((e as {name?: string}).name === 'InvalidInstanceId') {
      throw new RunInputError(`--targets: ${sanitizeText((e as Error).message)}`);
    }
    throw e;
  } finally {
    interrupts.off('SIGINT', onInterrupt);
  }
  const sorted = [...st.invocations.values()].sort((a, b) => a.instanceId.localeCompare(b.instanceId));
  // An unfollowed run may have lost its endpoint: print what is known without asking it again.
  const rows: CompleteInvocation[] = st.unfollowed ? sorted : await completeOutputs(api, sorted);
  // An unfollowed run may have lost its endpoint: its names are the ones already read, not waited for.
  const nameOf = st.unfollowed ? namesSoFar : await names;
  if (output === 'text') io.stdout.write(textReport(rows, nameOf).map((l) => `${l}\n`).join(''));
  else {
    for (const inv of rows) {
      io.stdout.write(`${JSON.stringify({instanceId: inv.instanceId, name: nameOf.get(inv.instanceId) ?? '',
        commandId: inv.commandId, statusDetails: inv.statusDetails,
        responseCode: inv.responseCode, output: inv.output, outputTruncated: inv.outputTruncated,
        ...(inv.truncationNote ? {truncationNote: inv.truncationNote} : {})})}\n`);
    }
  }
  const ids = st.commandIds.length ? st.commandIds.join(' ') : 'none (nothing was sent)';
  if (st.unfollowed) {
    io.stderr.write(`fleetdeck: the run was not followed to the end: ${st.unfollowed}. What was sent goes on in SSM; ` +
      `command ids: ${ids}\n`);
  } else if (cancel.signal.aborted) {
    io.stderr.write(`fleetdeck: run cancelled; command ids: ${ids}\n`);
  }
  if (cancel.signal.aborted) return EXIT_INTERRUPTED;
  if (st.unfollowed) return EXIT_UNFOLLOWED;
  if (st.thresholdStopped) return EXIT_THRESHOLD;
  return rows.length > 0 && rows.every((r) => r.statusDetails === 'Success') ? 0 : 1;
}

/** The instances `words` name, across every context's fleet: an id or a name must be in exactly one context. */
function placeIds(text: string, fleets: readonly {c: PlacedContext; fleet: readonly ManagedInstance[]}[]): Map<PlacedContext, string[]> {
  const whole = text.trim();
  const everywhere = fleets.flatMap(({c, fleet}) => fleet.map((i) => ({c, i})));
  const named = (w: string) => everywhere.filter((x) => (isInstanceId(w) ? x.i.instanceId === w : x.i.name === w));
  const wholeMatch = named(whole);
  const words = wholeMatch.length === 1 ? [whole] : whole.split(/[\s,]+/).filter(Boolean);
  const placed = new Map<PlacedContext, string[]>();
  for (const w of words) {
    const found = named(w);
    const [only] = found;
    const shown = sanitizeText(w);
    if (found.length === 0) {
      throw new RunInputError(`--targets: "${shown}" is no managed instance in any context that answered (${fleets.map((f) => f.c.spec.name).join(', ')})`);
    }
    if (found.length > 1 || !only) {
      throw new RunInputError(`--targets: "${shown}" names ${found.length} instances: ${found.map((x) =>
        `${x.i.instanceId} (${x.i.name || '-'}, ${x.i.pingStatus}) in ${x.c.spec.name}`).join(', ')}; give the instance id instead`);
    }
    const ids = placed.get(only.c) ?? [];
    if (!ids.includes(only.i.instanceId)) ids.push(only.i.instanceId);
    placed.set(only.c, ids);
  }
  return placed;
}

/**
 * Run Command over several contexts: ids and names go to the context whose fleet has them; a target expression goes
 * to every context where it matches something now. Each context then runs its own SendCommand set (its own rate
 * control), in parallel, its progress on stderr under its name; the results print together, each with its account and
 * region. Acting in more than one context needs --all-contexts; a read-only context refuses.
 */
async function runAcrossContexts(where: HeadlessContexts, args: RunArgs, output: 'text' | 'json', io: RunIo): Promise<number> {
  // What does not depend on a context is checked once, before anything is read.
  runValues(args);
  const byNames = mentionsNames(args.targets);
  const parsed = byNames ? undefined : parseRunTargets(args.targets);
  if (parsed && !parsed.ok) throw new RunInputError(`--targets: ${parsed.error}`);
  const expression = parsed?.ok && parsed.value.kind === 'targets' ? parsed.value.targets : undefined;

  let failed: ContextOutcome<number>[] = [];
  const plan = new Map<PlacedContext, string>();
  if (expression === undefined) {
    const fleets = await inEveryContext(where.set, where.list, (c) => new FleetLoader(c.aws).load());
    failed = fleets.flatMap((o) => (o.ok ? [] : [o]));
    const answered = fleets.flatMap((o) => {
      const c = where.list.find((x) => x.place === o.place);
      return o.ok && c ? [{c, fleet: o.value}] : [];
    });
    if (answered.length === 0) return reportOutcomes(failed, io.stderr);
    let placedIds: Map<PlacedContext, string[]>;
    try {
      placedIds = placeIds(args.targets, answered);
    } catch (e) {
      // An id not found may live in a context that failed: say which did, then why nothing was sent.
      reportOutcomes(failed, io.stderr);
      throw e;
    }
    for (const [c, ids] of placedIds) plan.set(c, ids.join(','));
  } else {
    const groups = expression.some((x) => x.Key.startsWith('resource-groups'));
    const counts = await inEveryContext(where.set, where.list, async (c) => (groups ? 1 : new FleetLoader(c.aws).countTagTargets(expression)));
    failed = counts.flatMap((o) => (o.ok ? [] : [o]));
    for (const o of counts) {
      const c = where.list.find((x) => x.place === o.place);
      if (o.ok && o.value > 0 && c) plan.set(c, args.targets);
    }
    if (plan.size === 0 && failed.length < counts.length) {
      reportOutcomes(failed, io.stderr);
      throw new RunInputError(`--targets: ${args.targets} matches no managed instance in any context right now (nothing was sent)`);
    }
  }
  if (plan.size === 0) return reportOutcomes(failed, io.stderr);
  checkChange('fleetdeck run', [...plan.keys()], where.allContexts);
  const contexts = [...plan.keys()];
  const runs = await inEveryContext(where.set, contexts, async (c) => {
    const stderr = prefixedLines(io.stderr, c.spec.name);
    try {
      return await captureOutput((stdout) => runInContext(c.aws, {...args, targets: plan.get(c) ?? args.targets}, output,
        {stdout, stderr, ...(io.interrupts ? {interrupts: io.interrupts} : {})}));
    } finally {
      stderr.end();
    }
  });
  const printed = runs.flatMap((o) => (o.ok ? [{place: o.place, output: o.value.output}] : []));
  if (printed.length > 0) io.stdout.write(mergeOutputs(printed, output));
  return reportOutcomes([...failed, ...runs.map((o) => (o.ok ? {...o, value: o.value.value} : o))], io.stderr);
}
