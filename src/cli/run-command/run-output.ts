// What `fleetdeck run` prints when the run is over: every instance's whole output, grouped pssh-style (instances
// that printed exactly the same thing share one block, the largest group first, as the dashboard's grouped view),
// and a plain note wherever SSM cut an output. ListCommandInvocations gives at most 2,500 characters per output, so
// a cut one is fetched again with GetCommandInvocation (up to 24,000 characters of stdout and 8,000 of stderr).
import {LIST_OUTPUT_LIMIT, STDERR_LIMIT, STDOUT_LIMIT, type Invocation, type RunCommandApi} from '../../fleet/run-command/port.js';
import {groupOutputs} from '../../views/run-command/groups.js';
import {sanitizeText} from '../../fleet/sanitize.js';

export interface CompleteInvocation extends Invocation {
  /** Why the output shown is still not the whole output (SSM's own limits, or a fetch that failed). */
  truncationNote?: string;
}

const ERROR_SEPARATOR = '\n----------ERROR-------\n';
const FETCH_CONCURRENCY = 4;
const chars = (n: number) => n.toLocaleString('en');

/** Replace outputs that the list truncated with the full output (GetCommandInvocation), a few at a time. */
export async function completeOutputs(api: RunCommandApi, rows: readonly Invocation[]): Promise<CompleteInvocation[]> {
  const out: CompleteInvocation[] = rows.map((r) => ({...r}));
  const todo = out.filter((r) => r.outputTruncated && r.commandId !== '');
  const worker = async () => {
    for (let r = todo.shift(); r; r = todo.shift()) {
      try {
        const full = await api.fullOutput(r.commandId, r.instanceId);
        r.output = full.stderr ? `${full.stdout}${ERROR_SEPARATOR}${full.stderr}` : full.stdout;
        const cut = [full.stdoutTruncated ? `stdout at ${chars(STDOUT_LIMIT)} characters` : '',
          full.stderrTruncated ? `stderr at ${chars(STDERR_LIMIT)} characters` : ''].filter(Boolean);
        r.outputTruncated = cut.length > 0;
        if (cut.length) r.truncationNote = `SSM truncated this output: ${cut.join(', ')} (send it to S3 or CloudWatch for all of it)`;
      } catch (e) {
        r.truncationNote = `SSM truncated this output at ${chars(LIST_OUTPUT_LIMIT)} characters and the full output could ` +
          `not be fetched: ${sanitizeText(e instanceof Error ? e.message : String(e))}`;
      }
    }
  };
  await Promise.all(Array.from({length: FETCH_CONCURRENCY}, worker));
  return out;
}

/** An instance's line: id, name ('-' when it has none), status, exit code, tab-separated. */
const lineOf = (names: ReadonlyMap<string, string>) => (i: Invocation) =>
  `${i.instanceId}\t${sanitizeText(names.get(i.instanceId) ?? '') || '-'}\t${i.statusDetails}\texit=${i.responseCode}`;

/** The text report: one block per distinct output, then the instances that never ran anything. */
export function textReport(rows: readonly CompleteInvocation[], names: ReadonlyMap<string, string> = new Map()): string[] {
  const instanceLine = lineOf(names);
  const {groups, running} = groupOutputs(rows);
  const lines: string[] = [];
  for (const g of groups) {
    const n = g.instances.length;
    lines.push(`=== ${n} instance${n === 1 ? '' : 's'}${n > 1 ? ', identical output' : ''} ===`);
    for (const i of [...g.instances].sort((a, b) => a.instanceId.localeCompare(b.instanceId))) lines.push(instanceLine(i));
    const text = g.output.replace(/\n+$/, '');
    lines.push(...(text ? text.split('\n') : ['(no output)']));
    const notes = new Set(g.instances.map((i) => (i as CompleteInvocation).truncationNote).filter((x): x is string => !!x));
    for (const note of notes) lines.push(`[${note}]`);
  }
  if (running.length) {
    lines.push(`=== ${running.length} instance${running.length === 1 ? '' : 's'} without output (never ran or not finished) ===`);
    for (const i of [...running].sort((a, b) => a.instanceId.localeCompare(b.instanceId))) lines.push(instanceLine(i));
  }
  return lines;
}
