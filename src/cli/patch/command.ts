// `fleetdeck patch scan|install`: a Run Command run of AWS-RunPatchBaseline with the operation and reboot option,
// through the same headless path as `fleetdeck run` (validation, progress on stderr, results, audit, exit codes).
import {runHeadless} from '../run-command/run-headless.js';
import type {ResourceCommandContext} from '../resources.js';
import {UsageError} from '../usage-error.js';

const REBOOT_OPTIONS = ['RebootIfNeeded', 'NoReboot'];

export async function run(ctx: ResourceCommandContext): Promise<number> {
  const str = (k: string) => (typeof ctx.flags[k] === 'string' ? (ctx.flags[k] as string) : undefined);
  if (ctx.verb !== 'scan' && ctx.verb !== 'install') throw new UsageError(`fleetdeck patch has no verb "${ctx.verb}"`);
  if (ctx.args.length) throw new UsageError(`usage: fleetdeck patch ${ctx.verb} --targets IDS|EXPR [--reboot RebootIfNeeded|NoReboot]`);
  const targets = str('targets');
  if (!targets) throw new UsageError(`patch ${ctx.verb} needs --targets (instance ids, names, or an expression such as tag:Env=prod)`);
  const reboot = str('reboot');
  if (reboot !== undefined && !REBOOT_OPTIONS.includes(reboot)) {
    throw new UsageError(`--reboot must be RebootIfNeeded or NoReboot (got "${reboot}")`);
  }
  const timeout = str('timeout');
  if (timeout !== undefined && !(/^\d+$/.test(timeout) && Number(timeout) >= 30 && Number(timeout) <= 2_592_000)) {
    throw new UsageError(`--timeout is the delivery timeout in seconds, 30 to 2592000 (got "${timeout}")`);
  }
  const comment = str('comment');
  if (comment !== undefined && comment.length > 100) throw new UsageError('--comment is at most 100 characters');
  const operation = ctx.verb === 'scan' ? 'Scan' : 'Install';
  const parameters = [`Operation=${operation}`, ...(reboot ? [`RebootOption=${reboot}`] : ctx.verb === 'install' ? ['RebootOption=RebootIfNeeded'] : [])];
  // Over several contexts the run places its targets itself (each context its own SendCommand set).
  return runHeadless(ctx.contexts ?? await ctx.connect(), {
    targets, document: 'AWS-RunPatchBaseline', parameters,
    maxConcurrency: str('maxConcurrency') ?? '50', maxErrors: str('maxErrors') ?? '0',
    ...(timeout !== undefined ? {timeoutSeconds: Number(timeout)} : {}),
    ...(comment !== undefined ? {comment} : {}),
  }, ctx.output === 'json' ? 'json' : 'text', {stdout: ctx.stdout, stderr: ctx.stderr});
}
