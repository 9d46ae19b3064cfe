// A run as `aws ssm send-command` lines: the runnable ones that are copied, and the short preview the confirmation
// shows. SendCommand takes at most 50 instance ids, so a larger selection copies as one command per batch of 50.
import {formatRateValue} from './rate-control.js';
import type {RunSpec} from './run-orchestrator.js';

/** How the AWS CLI reaches what the app is connected to (the flags it needs for the same endpoint and identity). */
export interface CliConnection {
  region?: string;
  profile?: string;
  endpointUrl?: string;
  /** What the lines need that no flag says (a role to assume first): a shell comment above them. */
  note?: string;
}

/** SendCommand's limit on InstanceIds (docs/ssm-api.md). */
export const SEND_COMMAND_MAX_IDS = 50;

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function commandWords(spec: RunSpec, targets: string, conn: CliConnection): string {
  return [
    'aws ssm send-command', `--document-name ${shq(spec.documentName)}`,
    spec.documentVersion ? `--document-version ${shq(spec.documentVersion)}` : '', targets,
    `--parameters ${shq(JSON.stringify(spec.parameters))}`,
    `--max-concurrency ${shq(formatRateValue(spec.maxConcurrency))}`, `--max-errors ${shq(formatRateValue(spec.maxErrors))}`,
    spec.timeoutSeconds !== undefined ? `--timeout-seconds ${spec.timeoutSeconds}` : '',
    spec.comment ? `--comment ${shq(spec.comment)}` : '',
    conn.region ? `--region ${shq(conn.region)}` : '',
    conn.profile ? `--profile ${shq(conn.profile)}` : '',
    conn.endpointUrl ? `--endpoint-url ${shq(conn.endpointUrl)}` : '',
  ].filter(Boolean).join(' ');
}

const targetsFlag = (t: Extract<RunSpec['targets'], {kind: 'targets'}>) =>
  `--targets ${t.targets.map((x) => shq(`Key=${x.Key},Values=${x.Values.join(',')}`)).join(' ')}`;

/** One `aws ssm send-command` line for a request of at most 50 ids (or Targets). */
export function awsCliLine(spec: RunSpec, conn: CliConnection = {}): string {
  const t = spec.targets;
  return commandWords(spec, t.kind === 'ids' ? `--instance-ids ${t.ids.join(' ')}` : targetsFlag(t), conn);
}

/**
 * The runnable lines for the request: `--targets` as one command, ids in batches of at most 50 (each batch then has
 * its own rate control and error budget, as SSM applies them per command).
 */
export function awsCliLines(spec: RunSpec, conn: CliConnection = {}): string[] {
  const t = spec.targets;
  const lines: string[] = conn.note === undefined ? [] : [`# ${conn.note.replace(/\s+/g, ' ')}`];
  if (t.kind === 'targets') return [...lines, awsCliLine(spec, conn)];
  for (let i = 0; i < t.ids.length; i += SEND_COMMAND_MAX_IDS) {
    lines.push(awsCliLine({...spec, targets: {kind: 'ids', ids: t.ids.slice(i, i + SEND_COMMAND_MAX_IDS)}}, conn));
  }
  return lines;
}

/** The request as one line to read, not to run: only the first `shown` ids, then how many more. */
export function awsCliPreview(spec: RunSpec, conn: CliConnection = {}, shown = 3): string {
  const t = spec.targets;
  if (t.kind === 'targets' || t.ids.length <= shown + 1) return awsCliLine(spec, conn);
  return commandWords(spec, `--instance-ids ${t.ids.slice(0, shown).join(' ')} …and ${t.ids.length - shown} more`, conn);
}
