// The full output of one invocation: stdout then stderr, saying plainly when the API truncated either. ctrl+s saves
// the output as SSM returned it (not the sanitized lines on screen).
import {STDERR_LIMIT, STDOUT_LIMIT} from '../../fleet/run-command/port.js';
import {definePaneView} from '../view.js';
import {tone} from '../../components/style.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {paneActions, type PaneText, type SaveRequest} from '../pane-actions.js';
import type {AppStore, OutputEntry} from '../../store/store.js';

const entry = (store: AppStore, arg: string | undefined): OutputEntry | undefined =>
  arg ? store.getState().outputs[arg] : undefined;

/** The saved file: stdout as returned, then, when there is any, stderr after a line that says so. */
export function savedOutputText(raw: {stdout: string; stderr: string}): string {
  const out = raw.stdout;
  if (!raw.stderr) return out;
  return `${out}${out && !out.endsWith('\n') ? '\n' : ''}----- stderr -----\n${raw.stderr}`;
}

const text: PaneText = {
  lines: (store, arg) => {
    const o = entry(store, arg);
    if (!o || o.state === 'loading') return ['loading the output…'];
    if (o.state === 'error') return [tone(`could not load the output: ${sanitizeText(o.message)}`, 'bad')];
    const lines = [`exit code ${o.responseCode}`, '', tone('── stdout ──', 'muted'), ...o.stdout.split('\n')];
    if (o.stdoutTruncated) {
      lines.push(tone(`[truncated: the API returns only the first ${STDOUT_LIMIT.toLocaleString('en')} characters of stdout]`, 'warn'));
    }
    lines.push('', tone('── stderr ──', 'muted'), ...(o.stderr ? o.stderr.split('\n') : ['(empty)']));
    if (o.stderrTruncated) {
      lines.push(tone(`[truncated: the API returns only the first ${STDERR_LIMIT.toLocaleString('en')} characters of stderr]`, 'warn'));
    }
    return lines;
  },
  save: (store, arg): SaveRequest => {
    const o = entry(store, arg);
    if (o?.state === 'error') return {unavailable: 'the output could not be loaded: nothing to save'};
    if (!arg || !o || o.state !== 'ok' || !o.raw) return {unavailable: 'the output has not loaded yet'};
    const cut = o.stdoutTruncated || o.stderrTruncated;
    // arg is "commandId/instanceId": the file is <command-id>-<instance>.txt.
    return {name: `${arg.replace('/', '-')}.txt`, text: savedOutputText(o.raw),
      ...(cut ? {note: 'SSM returned only the start of this output; the whole of it is in S3 when the command sends it there'} : {})};
  },
};

export const outputView = definePaneView({
  id: 'invocation-output',
  title: 'Output',
  aliases: [],
  scopes: ['detail'],
  lines: text.lines,
  actions: paneActions(text),
});
