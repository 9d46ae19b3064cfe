// Imported first by the CLI. Node's process warnings (the AWS SDK's Node-version notice, deprecations) would
// print over the dashboard. They go to the log file instead; only Ink writes to the screen.
import {log} from '../log.js';

// React's development build measures every render (performance.measure) and diffs props for dev tools; the
// dashboard always runs the production build unless a developer asks otherwise.
process.env.NODE_ENV ??= 'production';

process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : `${warning.name}: ${warning.message}`;
  const type = typeof rest[0] === 'string' ? rest[0] : typeof rest[0] === 'object' && rest[0] !== null
    ? String((rest[0] as {type?: unknown}).type ?? '') : '';
  log.warn('process warning', {type, text});
}) as typeof process.emitWarning;
