// `fleetdeck packages ls|install|uninstall`: Distributor without the UI. Install and uninstall are Run Commands of
// AWS-ConfigureAWSPackage — the same targets, rate control, results, exit codes and audit as `fleetdeck run`.
import {CONFIGURE_PACKAGE_DOCUMENT, configurePackageParameters, configurePackageProblems, INSTALLATION_TYPES,
  type InstallationType, type PackageAction} from '../../fleet/distributor/package.js';
import type {DistributorApi} from '../../fleet/distributor/port.js';
import {formatJson, formatTable} from '../headless-output.js';
import type {ResourceCommandContext} from '../resources.js';
import {positional, runVerb, stringFlag, type Verb} from '../resource-verbs.js';
import {UsageError} from '../usage-error.js';

const iso = (ms: number) => new Date(ms).toISOString();

const ls: Verb<DistributorApi> = async (ctx, api) => {
  const [name] = positional(ctx, 0, 1, '[NAME]  (with a name: its versions)', 'packages');
  const {port} = await api();
  if (name !== undefined) {
    const versions = await port.versions(name);
    if (ctx.output === 'json') {
      ctx.stdout.write(formatJson(versions.map((v) => ({Version: v.version, DocumentVersion: v.documentVersion, IsDefault: v.isDefault,
        CreatedDate: iso(v.createdDate)}))));
    } else {
      ctx.stdout.write(formatTable(['VERSION', 'DEFAULT', 'CREATED'], versions.map((v) => [v.version, v.isDefault ? 'yes' : '', iso(v.createdDate)])));
    }
    return 0;
  }
  const rows = await port.list();
  if (ctx.output === 'json') {
    ctx.stdout.write(formatJson(rows.map((p) => ({Name: p.name, Owner: p.owner, DefaultVersion: p.defaultVersion,
      PlatformTypes: p.platformTypes, Description: p.description}))));
  } else {
    ctx.stdout.write(formatTable(['NAME', 'OWNER', 'DEFAULT VERSION', 'PLATFORMS', 'DESCRIPTION'], rows.map((p) => [
      p.name, p.owner, p.defaultVersion, p.platformTypes.join(','), p.description])));
  }
  return 0;
};

/** install/uninstall: a Run Command of AWS-ConfigureAWSPackage through the headless run path. */
function configure(action: PackageAction): Verb<DistributorApi> {
  return async (ctx) => {
    const [name = ''] = positional(ctx, 1, 1, 'NAME --targets T [--package-version V] [--installation-type T] [--max-concurrency N] [--max-errors N]', 'packages');
    const targets = stringFlag(ctx, 'targets');
    if (!targets) throw new UsageError(`${action.toLowerCase()} needs --targets (instance ids, Names, or an expression such as tag:Env=prod)`);
    const type = stringFlag(ctx, 'installationType');
    if (type !== undefined && !(INSTALLATION_TYPES as readonly string[]).includes(type)) {
      throw new UsageError(`--installation-type must be "${INSTALLATION_TYPES.join('" or "')}" (got "${type}")`);
    }
    const version = stringFlag(ctx, 'packageVersion');
    const req = {action, name, ...(version !== undefined ? {version} : {}), ...(type !== undefined ? {installationType: type as InstallationType} : {})};
    const problems = configurePackageProblems(req);
    if (problems.length > 0) throw new UsageError(problems.join(' '));
    const parameters = Object.entries(configurePackageParameters(req)).flatMap(([k, vs]) => vs.map((v) => `${k}=${v}`));
    const where = ctx.contexts ?? await ctx.connect();
    const {runHeadless} = await import('../run-command/run-headless.js');
    return runHeadless(where, {targets, document: CONFIGURE_PACKAGE_DOCUMENT, parameters,
      maxConcurrency: stringFlag(ctx, 'maxConcurrency') ?? '50', maxErrors: stringFlag(ctx, 'maxErrors') ?? '0'},
    ctx.output === 'json' ? 'json' : 'text', {stdout: ctx.stdout, stderr: ctx.stderr, interrupts: process});
  };
}

export function run(ctx: ResourceCommandContext): Promise<number> {
  return runVerb(ctx, 'packages', {ls, install: configure('Install'), uninstall: configure('Uninstall')},
    async (aws) => (await import('../../aws/distributor/distributor-api.js')).distributorApi(aws));
}
