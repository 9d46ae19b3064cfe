// `fleetdeck activations ls|create|delete`: hybrid activations without the UI. create prints the code once, with the
// exact register commands for Linux and Windows; the code goes to stdout only (never the log or the audit record).
import {appendAudit} from '../../audit.js';
import {activationProblems, type NewActivation} from '../../fleet/activations/activation.js';
import type {ActivationsPort} from '../../fleet/activations/port.js';
import {registerCommands} from '../../fleet/activations/register-command.js';
import {formatJson, formatTable} from '../headless-output.js';
import type {ResourceCommandContext} from '../resources.js';
import {auditIdentity, positional, runVerb, stringFlag, type Verb} from '../resource-verbs.js';
import {UsageError} from '../usage-error.js';

const iso = (ms: number) => new Date(ms).toISOString();
const args = (ctx: ResourceCommandContext, min: number, max: number, shape: string) => positional(ctx, min, max, shape, 'activations');

const ls: Verb<ActivationsPort> = async (ctx, api) => {
  args(ctx, 0, 0, '');
  const rows = await (await api()).port.list();
  if (ctx.output === 'json') {
    ctx.stdout.write(formatJson(rows.map((a) => ({ActivationId: a.activationId, Description: a.description,
      DefaultInstanceName: a.defaultInstanceName, IamRole: a.iamRole, RegistrationLimit: a.registrationLimit,
      RegistrationsCount: a.registrationsCount, ExpirationDate: iso(a.expirationDate), Expired: a.expired,
      CreatedDate: iso(a.createdDate), Tags: a.tags}))));
  } else {
    ctx.stdout.write(formatTable(['ID', 'DESCRIPTION', 'INSTANCE NAME', 'IAM ROLE', 'USED', 'EXPIRES'], rows.map((a) => [
      a.activationId, a.description, a.defaultInstanceName, a.iamRole, `${a.registrationsCount}/${a.registrationLimit}`,
      a.expired ? `expired ${iso(a.expirationDate)}` : iso(a.expirationDate)])));
  }
  return 0;
};

const create: Verb<ActivationsPort> = async (ctx, api) => {
  args(ctx, 0, 0, '--iam-role ROLE [--registration-limit N] [--expires-in HOURS] [--default-instance-name N] [--description D]');
  const limit = stringFlag(ctx, 'registrationLimit');
  const hours = stringFlag(ctx, 'expiresIn');
  if (limit !== undefined && !/^\d+$/.test(limit)) throw new UsageError(`--registration-limit is a whole number, 1 to 1000 (got "${limit}")`);
  if (hours !== undefined && !/^\d+$/.test(hours)) throw new UsageError(`--expires-in is a whole number of hours, up to 720 (got "${hours}")`);
  const description = stringFlag(ctx, 'description');
  const name = stringFlag(ctx, 'defaultInstanceName');
  const input: NewActivation = {iamRole: stringFlag(ctx, 'iamRole') ?? '',
    ...(limit !== undefined ? {registrationLimit: Number(limit)} : {}),
    ...(hours !== undefined ? {expirationDate: Date.now() + Number(hours) * 3_600_000} : {}),
    ...(description !== undefined ? {description} : {}), ...(name !== undefined ? {defaultInstanceName: name} : {})};
  const problems = activationProblems(input, Date.now());
  if (problems.length > 0) throw new UsageError(`cannot create the activation: ${problems.join('; ')}`);
  const {port, aws} = await api();
  const made = await port.create(input);
  appendAudit({action: 'CreateActivation', identity: auditIdentity(aws), activationId: made.activationId, iamRole: input.iamRole,
    registrationLimit: input.registrationLimit ?? 1, via: 'headless'});
  const cmds = registerCommands(made.activationCode, made.activationId, aws.target.region);
  if (ctx.output === 'json') {
    ctx.stdout.write(formatJson({ActivationId: made.activationId, ActivationCode: made.activationCode,
      RegisterLinux: cmds.linux, RegisterWindows: cmds.windows}));
  } else {
    ctx.stdout.write(`Activation ${made.activationId} — the code is shown once; keep it like a password.\n` +
      `Code: ${made.activationCode}\n\nOn Linux (as root):\n  ${cmds.linux}\n\nOn Windows (elevated PowerShell):\n` +
      `${cmds.windows.map((l) => `  ${l}`).join('\n')}\n`);
  }
  return 0;
};

const del: Verb<ActivationsPort> = async (ctx, api) => {
  const ids = args(ctx, 1, 100, 'ACTIVATION-ID [ACTIVATION-ID…]');
  const {port, aws} = await api();
  for (const id of ids) {
    await port.delete(id);
    appendAudit({action: 'DeleteActivation', identity: auditIdentity(aws), activationId: id, via: 'headless'});
    if (ctx.output !== 'json') ctx.stdout.write(`deleted ${id}\n`);
  }
  if (ctx.output === 'json') ctx.stdout.write(formatJson({Deleted: ids}));
  return 0;
};

export function run(ctx: ResourceCommandContext): Promise<number> {
  return runVerb(ctx, 'activations', {ls, create, delete: del},
    async (aws) => (await import('../../aws/activations/activations-api.js')).activationsApi(aws));
}
