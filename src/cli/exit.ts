// How a command ends: the exit code once its output has drained, and what an error says on the way out. Shared by
// the CLI and the worker of a streamed listing (stream-worker.ts), so both end alike.
import {ConfigError} from '../aws/config-error.js';
import {describeAwsError} from '../aws/errors.js';
import {ConfigFileError} from '../config/config.js';
import {UnsafeFileError} from '../config/private-files.js';
import {sanitizeMultiline} from '../fleet/sanitize.js';
import {errorFields, log} from '../log.js';
import {FilterError} from './instances-command.js';
import {USAGE_HINT} from './usage.js';
import {UsageError} from './usage-error.js';

/**
 * The line an ending error prints. Messages carry text from AWS, the network or files: every headless error passes
 * the sanitizer here (line breaks kept, escapes disarmed). A bad flag gets its error and where the usage is, not
 * 200 lines of usage burying it.
 */
export const failureText = (message: string, usage = false): string =>
  `fleetdeck: ${sanitizeMultiline(message)}\n${usage ? `${USAGE_HINT}\n` : ''}`;

/** What an error thrown out of a command says, and its exit code: 2 for bad input, 1 for the rest. */
export function failureOf(e: unknown): {message: string; code: number} {
  log.error('fatal', errorFields(e));
  if (e instanceof ConfigFileError || e instanceof FilterError || e instanceof UsageError || (e as Error).name === 'RunInputError') {
    return {message: (e as Error).message, code: 2};
  }
  if (e instanceof ConfigError || e instanceof UnsafeFileError) return {message: e.message, code: 1};
  if (e instanceof Error && /local fleet/.test(e.message)) return {message: e.message, code: 1};
  return {message: describeAwsError(e), code: 1};
}

/** Exit once stdout and stderr have drained: exiting at once would cut off output still queued for a pipe. */
export function exitWhenFlushed(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

/**
 * A reader that stops early (`| head`) closes the pipe: a headless command ends quietly, as `aws … | head` does,
 * instead of dying on an unhandled EPIPE with a stack trace. Not the dashboard: a lost terminal is fullscreen.ts's.
 */
export function endQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    log.info('stdout closed by its reader');
    process.exit(0);
  });
}
