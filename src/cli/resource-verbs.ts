// What every resource's headless command shares: its verbs looked up, argument counts and flags read with one
// sentence on misuse (exit 2), the port built only once the arguments are good, and a resource's refusal printed
// sanitized (exit 2 for input the service called invalid, 1 for anything else).
import {ResourceError} from '../fleet/resource-error.js';
import type {AwsClients} from '../aws/clients.js';
import type {ResourceCommandContext} from './resources.js';
import {UsageError} from './usage-error.js';
import {auditIdentityOf} from './contexts-headless.js';

export type Verb<P> = (ctx: ResourceCommandContext, api: () => Promise<{port: P; aws: AwsClients}>) => Promise<number>;

/** The positional arguments, when there are from `min` to `max` of them; otherwise the verb's usage line. */
export function positional(ctx: ResourceCommandContext, min: number, max: number, shape: string, command: string): readonly string[] {
  if (ctx.args.length < min || ctx.args.length > max) throw new UsageError(`usage: fleetdeck ${command} ${ctx.verb} ${shape}`);
  return ctx.args;
}

export const stringFlag = (ctx: ResourceCommandContext, name: string): string | undefined =>
  (typeof ctx.flags[name] === 'string' ? (ctx.flags[name] as string) : undefined);

export const booleanFlag = (ctx: ResourceCommandContext, name: string): boolean => ctx.flags[name] === true;

/** Who acts, for the audit log: "local" or the profile/region label (and the context, when several are open). */
export const auditIdentity = (aws: AwsClients): string => auditIdentityOf(aws);

export async function runVerb<P>(ctx: ResourceCommandContext, command: string, verbs: Readonly<Record<string, Verb<P>>>,
  makePort: (aws: AwsClients) => Promise<P>): Promise<number> {
  const verb = Object.hasOwn(verbs, ctx.verb) ? verbs[ctx.verb] : undefined;
  if (!verb) throw new UsageError(`fleetdeck ${command} has no verb "${ctx.verb}"`);
  const api = async () => {
    const aws = await ctx.connect();
    return {port: await makePort(aws), aws};
  };
  try {
    return await verb(ctx, api);
  } catch (e) {
    // In one of several contexts, the caller names the context beside the error (and knows "not found here").
    if (!(e instanceof ResourceError) || ctx.place !== undefined) throw e;
    ctx.stderr.write(`fleetdeck: ${e.message}\n`);
    return e.kind === 'invalid' ? 2 : 1;
  }
}
