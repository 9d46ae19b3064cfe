// The full output of one invocation: stdout then stderr, saying plainly when the API truncated either.
import {STDERR_LIMIT, STDOUT_LIMIT} from '../../aws/run-command.js';
import {definePaneView} from '../view.js';
import {tone} from '../../components/style.js';
import {sanitizeText} from '../../fleet/sanitize.js';

export const outputView = definePaneView({
  id: 'invocation-output',
  title: 'Output',
  aliases: [],
  scopes: ['detail'],
  lines: (store, arg) => {
    const o = arg ? store.getState().outputs[arg] : undefined;
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
  actions: {},
});
