// Benchmarks for compliance and inventory (issue 6), 5,000 nodes, through the built CLI under a pty:
//   time from `:compliance` to the fleet compliance summary on screen, and time from `<` on a package version to the
//   list of instances with that package below it (targets ≤ 2 s each); the headless `fleetdeck inventory` answer for
//   the same question; the fleet's package list (aggregations) on screen; requests made, by operation. The first run
//   pays for the local fleet generating its data (the version asked about comes from a twin fleet, so none is warm).
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {startLocalFleet} from '../dist/local/server.js';
import {typeRows} from '../dist/local/ssm/inventory/inventory-data.js';
import {compareVersions} from '../dist/local/protocol/list-paging.js';
import {CLI_PATH, spawnCli} from './lib/pty.mjs';
import {emit, log} from './lib/emit.mjs';
import {fleetEnv} from './lib/fleet-env.mjs';
import {summarize} from './lib/stats.mjs';
import {stopwatch} from './lib/timer.mjs';

const run = promisify(execFile);

const envFor = (fleet) => fleetEnv(fleet, '/tmp/fleetdeck-bench-state');

const nodesInHeader = (screen) => Number(/│\s+(\d+) nodes/.exec(screen)?.[1] ?? -1);

function emitCounts(metric, counts, nodes) {
  for (const [op, n] of Object.entries(counts)) {
    emit({bench: 'compliance.requests', metric: `${metric}:${op}`, value: n, unit: 'count', nodes});
  }
}

/** The newest openssl version in the fleet: "below it" is every older openssl. */
function newestOpenssl(model) {
  const versions = new Set();
  for (const n of model.managed()) {
    for (const r of typeRows(model, n, 'AWS:Application')?.rows ?? []) if (r.Name === 'openssl') versions.add(r.Version);
  }
  return [...versions].sort(compareVersions).at(-1);
}

export async function complianceBench({nodes = 5000, runs = 3} = {}) {
  // The same seed gives the same fleet: the twin answers which version to ask about without warming the measured one.
  const twin = await startLocalFleet({nodes, seed: 6});
  const newest = newestOpenssl(twin.model);
  await twin.close();
  const fleet = await startLocalFleet({nodes, seed: 6});
  try {
    const summary = [];
    const query = [];
    const packages = [];
    let summaryCounts = {};
    let queryCounts = {};
    for (let i = 0; i < runs; i++) {
      const tui = await spawnCli({args: ['--endpoint-url', fleet.endpoint, '--refresh', '3600'], cols: 160, rows: 40,
        env: envFor(fleet)});
      const managed = fleet.model.managed().length;
      await tui.waitFor((s) => nodesInHeader(s) === managed && !/loading/.test(s), {timeout: 120_000, description: 'fleet loaded'});
      await tui.waitForIdle(300, {timeout: 60_000});

      // The fleet compliance summary.
      await tui.press(':');
      await tui.type('compliance');
      fleet.resetRequestCounts();
      let sw = stopwatch();
      await tui.press('enter');
      await tui.waitForText(/Compliance [1-9]\d*\/\d+ \d+ non-compliant/, {timeout: 60_000, description: 'compliance summary'});
      summary.push(sw.elapsed());
      summaryCounts = fleet.requestCounts();

      // Instances with openssl below the newest version, from the package list.
      await tui.press(':');
      await tui.type('inventory');
      sw = stopwatch();
      await tui.press('enter');
      await tui.waitForText(/Inventory [1-9]\d*\/\d+ platforms:/, {timeout: 120_000, description: 'fleet packages'});
      packages.push(sw.elapsed());
      await tui.press('/');
      await tui.type(`name:openssl version:${newest}`);
      await tui.press('enter');
      await tui.waitFor((s) => /<\/> filter/.test(s.split('\n').at(-2) ?? '') && s.includes(newest), {timeout: 30_000,
        description: 'the newest openssl row'});
      await tui.press('g');
      fleet.resetRequestCounts();
      sw = stopwatch();
      await tui.press('<');
      await tui.waitForText(/Instances with AWS:Application Name=openssl Version<\S+ [1-9]\d*\//, {timeout: 60_000,
        description: 'instances below the version'});
      query.push(sw.elapsed());
      queryCounts = fleet.requestCounts();
      await tui.press('q');
      await tui.exited;
      await tui.close();
    }
    const s = summarize(summary);
    const q = summarize(query);
    emit({bench: 'compliance.5k', metric: 'summary_on_screen_ms_first', value: summary[0] ?? NaN, unit: 'ms', nodes,
      note: 'includes the local fleet generating compliance data'});
    emit({bench: 'compliance.5k', metric: 'summary_on_screen_ms_p50', value: s.p50, unit: 'ms', nodes, runs, samples: summary, target: {max: 2000}});
    emit({bench: 'compliance.5k', metric: 'package_below_version_query_ms_first', value: query[0] ?? NaN, unit: 'ms', nodes});
    emit({bench: 'compliance.5k', metric: 'package_below_version_query_ms_p50', value: q.p50, unit: 'ms', nodes, runs, samples: query,
      target: {max: 2000}});
    emit({bench: 'compliance.5k', metric: 'fleet_packages_on_screen_ms_p50', value: summarize(packages).p50, unit: 'ms', nodes, runs,
      samples: packages, note: 'GetInventory aggregations: packages by name and version, platforms, agent versions'});
    emitCounts('summary', summaryCounts, nodes);
    emitCounts('package_query', queryCounts, nodes);

    // The same question headless: process start, query, versions per instance, output.
    const headless = [];
    for (let i = 0; i < runs; i++) {
      fleet.resetRequestCounts();
      const sw = stopwatch();
      const {stdout} = await run(process.execPath, [CLI_PATH, 'inventory', '--endpoint-url', fleet.endpoint, '--where',
        `Name=openssl,Version<${newest}`, '--output', 'json'], {env: {...process.env, ...envFor(fleet)}, maxBuffer: 64 << 20});
      headless.push(sw.elapsed());
      if (JSON.parse(stdout).length === 0) throw new Error('headless inventory answered nothing');
    }
    emit({bench: 'compliance.5k', metric: 'headless_inventory_query_ms_p50', value: summarize(headless).p50, unit: 'ms', nodes,
      runs, samples: headless, target: {max: 2000}});
    emitCounts('headless_inventory', fleet.requestCounts(), nodes);
  } finally {
    await fleet.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  log('compliance and inventory benchmarks');
  await complianceBench();
  process.exit(0);
}
