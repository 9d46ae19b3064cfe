// `fleetdeck run`: Run Command without the UI — the same validation and engine as the dashboard. Progress goes to
// stderr, results to stdout (one JSON object per instance with --output json). Exit codes: 0 every invocation
// succeeded, 1 some did not, 3 the error threshold stopped the run, 2 bad input (nothing was sent).
import type {AwsClients} from '../aws/clients.js';
import {runCommandApi} from '../aws/run-command.js';
import {completeOutputs, textReport} from './run-output.js';
import {parseParameterArgs, validateParameters} from '../fleet/document-params.js';
import {parseRateValue} from '../fleet/rate-control.js';
import type {RunState} from '../fleet/run-orchestrator.js';
import {auditedRun} from '../fleet/audited-run.js';
import {parseRunTargets} from '../fleet/run-targets.js';
import {summarize} from '../fleet/command-status.js';
import {FleetLoader} from '../aws/instances.js';
import type {RunArgs} from './flags.js';

export class RunInputError extends Error {
  override name = 'RunInputError';
}

export const EXIT_THRESHOLD = 3;

function progressLine(st: RunState): string {
  const s = summarize([...st.invocations.values()]);
  const counts = Object.entries(s.byStatusDetails).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
  return `[${s.CompletedCount}/${st.targetCount}] ${counts || 'Pending'}`;
}

export async function runHeadless(aws: AwsClients, args: RunArgs, output: 'text' | 'json',
  io: {stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream} = process): Promise<number> {
  const targets = parseRunTargets(args.targets);
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
    schema = await api.documentSchema(args.document);
  } catch (e) {
    if ((e as {name?: string}).name === 'InvalidDocument') {
      throw new RunInputError(`--document: no document named "${args.document}" (try AWS-RunShellScript)`);
    }
    throw e;
  }
  const errors = validateParameters(schema, params.value);
  if (errors.length) throw new RunInputError(errors.join('; '));
  const t = targets.value;
  if (t.kind === 'targets' && !t.targets.some((x) => x.Key.startsWith('resource-groups'))) {
    if (await new FleetLoader(aws).countTagTargets(t.targets) === 0) {
      throw new RunInputError(`--targets: ${args.targets} matches no managed instance right now (nothing was sent)`);
    }
  }

  const identity = aws.target.kind === 'local' ? 'local' : aws.target.label;
  const spec = {
    documentName: args.document, parameters: params.value, targets: targets.value,
    maxConcurrency: mc.value, maxErrors: me.value,
    ...(args.timeoutSeconds !== undefined ? {timeoutSeconds: args.timeoutSeconds} : {}),
    ...(args.comment ? {comment: args.comment} : {}),
  };
  let last = '';
  const st = await auditedRun(api, spec, identity, 'headless', {
    onUpdate: (s) => {
      const line = progressLine(s);
      if (line !== last) io.stderr.write(`${line}\n`);
      last = line;
    },
  }).catch((e: unknown) => {
    if ((e as {name?: string}).name === 'InvalidInstanceId') {
      throw new RunInputError(`--targets: ${(e as Error).message}`);
    }
    throw e;
  });
  const rows = await completeOutputs(api, [...st.invocations.values()].sort((a, b) => a.instanceId.localeCompare(b.instanceId)));
  if (output === 'text') io.stdout.write(textReport(rows).map((l) => `${l}\n`).join(''));
  else {
    for (const inv of rows) {
      io.stdout.write(`${JSON.stringify({instanceId: inv.instanceId, commandId: inv.commandId, statusDetails: inv.statusDetails,
        responseCode: inv.responseCode, output: inv.output, outputTruncated: inv.outputTruncated,
        ...(inv.truncationNote ? {truncationNote: inv.truncationNote} : {})})}\n`);
    }
  }
  if (st.thresholdStopped) return EXIT_THRESHOLD;
  return rows.length > 0 && rows.every((r) => r.statusDetails === 'Success') ? 0 : 1;
}
