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
import {mentionsNames, nameIndex, resolveNames} from '../../fleet/instances/instance-names.js';

export class RunInputError extends Error {
  override name = 'RunInputError';
}

export const EXIT_THRESHOLD = 3;
/** fleetdeck could not follow the run to the end (SSM unreachable for too long); the commands go on in SSM. */
export const EXIT_UNFOLLOWED = 4;
/** Interrupted with Ctrl+C (what still ran was cancelled, or left to SSM after a second Ctrl+C), as shells count SIGINT. */
export const EXIT_INTERRUPTED = 130;

function progressLine(st: RunState): string {
  const s = summarize([...st.invocations.values()]);
  const counts = Object.entries(s.byStatusDetails).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
  const trouble = st.interrupted ? ` · following interrupted (${st.interrupted.error}); retrying` : '';
  return `[${s.CompletedCount}/${st.targetCount}] ${counts || 'Pending'}${trouble}`;
}

export async function runHeadless(aws: AwsClients, args: RunArgs, output: 'text' | 'json',
  io: {stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; interrupts?: NodeJS.EventEmitter} = process): Promise<number> {
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
  const mc = parseRateValue('maxConcurrency', args.maxConcurrency);
  if (!mc.ok) throw new RunInputError(`--max-concurrency: ${mc.error}`);
  const me = parseRateValue('maxErrors', args.maxErrors);
  if (!me.ok) throw new RunInputError(`--max-errors: ${me.error}`);
  const params = parseParameterArgs(args.parameters);
  if (!params.ok) throw new RunInputError(params.error);
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

  const identity = aws.target.kind === 'local' ? 'local' : aws.target.label;
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
