#!/usr/bin/env node
// Entry point: flags → config → the dashboard, a headless command, or the local fleet on its own.
// Heavy modules (the AWS SDK, Ink) load lazily, after the local fleet child has been spawned, so both start at once.
import './cli/process-setup.js';
import {parseArgs, UsageError, type Args} from './cli/flags.js';
import {ConfigFileError, defaultConfigPath, loadConfig, parseColumns} from './config/config.js';
import {checkPrivateFiles} from './audit.js';
import {buildKeymap} from './keys/keymap.js';
import {connect} from './cli/connect.js';
import {filterInstances} from './cli/instances-command.js';
import {instancesFormat, listInstances} from './cli/list-instances.js';
import {streamInstances} from './cli/stream-worker.js';
import {endQuietlyOnClosedPipe, exitWhenFlushed, failureOf, failureText} from './cli/exit.js';
import {log} from './log.js';
import {subcommandRefusal} from './cli/subcommand-guard.js';

function fail(message: string, code: number, usage = false): never {
  process.stderr.write(failureText(message, usage));
  process.exit(code);
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2), import.meta);
  } catch (e) {
    if (e instanceof UsageError) fail(e.message, 2, true);
    throw e;
  }
  if (args.command === 'local-fleet') {
    const {runLocalFleet} = await import('./cli/local-fleet-command.js');
    await runLocalFleet(args);
    return 0;
  }
  const config = loadConfig(args.config);
  const {keymap, errors} = buildKeymap(config.keys);
  if (errors.length) throw new ConfigFileError(errors.join('; '));
  // Read-only refuses every subcommand that changes anything, before it connects (nothing starts, nothing is sent).
  const refusal = subcommandRefusal(args.command, {readOnly: args.readOnly || config.readOnly,
    allowForwards: config.allowForwardsInReadOnly}, args.resource);
  if (refusal) fail(refusal, 2);
  const tagColumns = args.columns !== undefined ? parseColumns(args.columns) : config.columns;
  // Unsafe state files stop everything (nothing may run unaudited); weaker problems are said once, on stderr for
  // headless commands and in the dashboard's status line.
  const fileWarnings = checkPrivateFiles(args.config ?? defaultConfigPath());
  for (const w of fileWarnings) log.warn('unsafe file permissions', {warning: w});
  if (args.command !== 'dashboard') {
    for (const w of fileWarnings) process.stderr.write(`fleetdeck: warning: ${w}\n`);
    endQuietlyOnClosedPipe();
  }

  if (args.command === 'resource' && args.resource) {
    const {runResourceCommand} = await import('./cli/resource-command-runner.js');
    return runResourceCommand(args, config);
  }

  if (args.command === 'run' && args.run) {
    const conn = await connect(args, config);
    try {
      const {runHeadless} = await import('./cli/run-command/run-headless.js');
      const {checkChange, placedContexts} = await import('./cli/contexts-headless.js');
      const output = args.output === 'json' ? 'json' : 'text';
      if (conn.contexts.size > 1) {
        return await runHeadless({set: conn.contexts, list: await placedContexts(conn.contexts), allContexts: args.allContexts}, args.run, output);
      }
      checkChange('fleetdeck run', conn.contexts.all(), false);
      return await runHeadless(conn.aws, args.run, output);
    } finally {
      conn.close();
    }
  }

  if (args.command === 'compliance') {
    const {complianceFilters, formatComplianceReport, loadComplianceReport} = await import('./cli/compliance-command.js');
    let filters: ReturnType<typeof complianceFilters> = [];
    try {
      filters = complianceFilters(args.filter);
    } catch (e) {
      fail(`--filter: ${(e as Error).message}`, 2);
    }
    const conn = await connect(args, config);
    try {
      const {complianceApi} = await import('./aws/compliance/compliance-api.js');
      const {FleetLoader} = await import('./aws/instances/fleet-loader.js');
      const {readAcross} = await import('./cli/contexts-headless.js');
      const format = args.output === 'json' ? 'json' : 'table';
      return await readAcross(conn, format, process, async (aws, stdout) => {
        const report = await loadComplianceReport(complianceApi(aws), filters, () => new FleetLoader(aws).load());
        stdout.write(formatComplianceReport(report, format));
        return 0;
      });
    } finally {
      conn.close();
    }
  }

  if (args.command === 'inventory' && args.inventory) {
    const {answerInventory, formatInventoryAnswer, inventoryQuery} = await import('./cli/inventory-command.js');
    let query: ReturnType<typeof inventoryQuery> | undefined;
    try {
      query = inventoryQuery(args.inventory.type, args.inventory.where);
    } catch (e) {
      fail((e as Error).message, 2);
    }
    const conn = await connect(args, config);
    try {
      const {inventoryApi} = await import('./aws/inventory/inventory-api.js');
      const {readAcross} = await import('./cli/contexts-headless.js');
      const format = args.output === 'json' ? 'json' : 'table';
      return await readAcross(conn, format, process, async (aws, stdout) => {
        stdout.write(formatInventoryAnswer(query, await answerInventory(inventoryApi(aws), query), format));
        return 0;
      });
    } finally {
      conn.close();
    }
  }

  if (args.command === 'forward' && args.forward) {
    const conn = await connect(args, config);
    try {
      const {runForward, forwardContext, EXIT_FORWARD_INPUT} = await import('./cli/forward-command.js');
      const {checkChange, placedContexts} = await import('./cli/contexts-headless.js');
      // A forward changes nothing on the instance: a read-only context allows it where the config allows forwards.
      const guard = (contexts: Parameters<typeof checkChange>[1]) => {
        if (!config.allowForwardsInReadOnly) checkChange('fleetdeck forward', contexts, true);
      };
      if (conn.contexts.size > 1) {
        const found = await forwardContext({set: conn.contexts, list: await placedContexts(conn.contexts), allContexts: args.allContexts},
          args.forward.instanceId, process.stderr);
        if (!found) return EXIT_FORWARD_INPUT;
        guard([found.context]);
        return await runForward(found.context.aws, {...args.forward, instanceId: found.instanceId});
      }
      guard(conn.contexts.all());
      return await runForward(conn.aws, args.forward);
    } finally {
      conn.close();
    }
  }

  if (args.command === 'instances') {
    filterInstances([], args.filter); // a bad --filter is a usage error before anything connects
    const job = {args, connect: config, tagColumns};
    if (instancesFormat(args) === 'table') return listInstances(job);
    return streamInstances(job);
  }

  filterInstances([], args.filter); // a bad --filter is a usage error before anything starts
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    fail('the dashboard needs a terminal. For scripts, use `fleetdeck instances --output json`.', 2);
  }
  const conn = await connect(args, config);
  // The fleet's first page is asked for before the dashboard's modules load: the endpoint answers meanwhile.
  const {FleetLoader} = await import('./aws/instances/fleet-loader.js');
  const loader = new FleetLoader(conn.aws);
  loader.prefetch();
  const {runDashboard} = await import('./cli/dashboard.js');
  return runDashboard(conn, loader, {
    keymap,
    tagColumns,
    refreshSeconds: args.refreshSeconds ?? config.refreshSeconds,
    readOnly: args.readOnly || config.readOnly,
    maxFps: config.maxFps,
    confirmAbove: config.confirmAbove,
    prefixKey: config.prefixKey,
    sessionClient: args.sessionClient,
    allowForwardsInReadOnly: config.allowForwardsInReadOnly,
    sidePane: config.sidePane,
    savedViews: config.savedViews,
    columnLayouts: config.views,
    revealSeconds: config.revealSeconds,
    fileWarnings,
    contexts: conn.contexts,
    ...(config.org ? {org: config.org} : {}),
    ...(args.config !== undefined ? {configPath: args.config} : {}),
    ...(args.filter !== undefined ? {filter: args.filter} : {}),
  });
}

main().then(exitWhenFlushed, (e: unknown) => {
  const {message, code} = failureOf(e);
  fail(message, code);
});
