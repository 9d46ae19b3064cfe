// Benchmark for several contexts (issue: many accounts and regions): 6 contexts (3 accounts × 2 regions) of 5,000
// nodes each in one dashboard — the first full screen, all 30,000 loaded, against the slowest of the same contexts
// loaded alone (a parallel load takes about as long as its slowest context; one after another would take 6×), the
// dashboard's RSS, and the requests each context got.
//
// The local fleet answers in microseconds where AWS takes tens of milliseconds a call, and on this machine the fleet
// shares the cores with the app: without a round trip to wait on, the comparison would measure the local fleet's CPU,
// not how the app loads. So every call waits a modelled round trip (LATENCY_MS, a latency fault), as AWS's would.
import fs from 'node:fs';
import {startLocalFleet} from '../dist/local/server.js';
import {writeProfileFiles, removeProfileFiles} from '../dist/cli/local-fleet-profiles.js';
import {spawnCli} from './lib/pty.mjs';
import {emit, log} from './lib/emit.mjs';
import {stopwatch} from './lib/timer.mjs';
import {treeCpu} from './lib/process-cpu.mjs';

const LATENCY_MS = 40;
const ROW = /\s(?:i|mi)-[0-9a-f]{17}\s/;
const rowsOnScreen = (screen) => screen.split('\n').filter((l) => ROW.test(l)).length;
// The title's count (the header's own is cut at narrow widths behind the context badges).
const nodesInTitle = (screen) => Number(/Managed instances \d+\/(\d+)/.exec(screen)?.[1] ?? -1);
const rssMB = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

/** The environment of a user whose AWS config holds the local fleet's profiles (and nothing else of AWS). */
function envWith(files, stateDir) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  return {...env, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    AWS_EC2_METADATA_DISABLED: 'true', XDG_STATE_HOME: stateDir, XDG_CONFIG_HOME: stateDir};
}

/** Opens the dashboard on `profiles` × `regions` and times the first full screen and every node loaded. */
async function load(env, profiles, regions, expected) {
  const cols = 160;
  const rows = 40;
  const bodyRows = rows - 1 - 4 - 1;
  const sw = stopwatch();
  const tui = await spawnCli({args: ['--profile', profiles.join(','), '--region', regions.join(','), '--refresh', '3600'],
    cols, rows, env});
  try {
    await tui.waitFor((s) => rowsOnScreen(s) >= Math.min(bodyRows, expected), {timeout: 120_000, description: 'first full screen'});
    const first = sw.elapsed();
    await tui.waitFor((s) => nodesInTitle(s) === expected, {timeout: 300_000, description: `${expected} nodes loaded`});
    const all = sw.elapsed();
    const rss = rssMB(tui.pid);
    const cpu = [...(treeCpu(tui.pid)?.values() ?? [])].reduce((n, p) => n + p.ms, 0) || undefined;
    await tui.press('q');
    await tui.exited;
    return {first, all, rss, cpu};
  } finally {
    await tui.close();
  }
}

/** `alone`: how many of the contexts are also loaded alone (all of them at full size). */
export async function contextsBench({accounts = 3, regions = ['us-east-1', 'eu-west-1'], nodes = 5000, alone: aloneCount = Infinity} = {}) {
  const fleet = await startLocalFleet({accounts, regions, nodes, seed: 'contexts-bench'});
  const stateDir = fs.mkdtempSync('/tmp/fleetdeck-bench-contexts-');
  const files = writeProfileFiles(fleet.endpoint, fleet.partitions.map((p) => ({accountId: p.accountId, region: p.region,
    accessKeyId: p.credentials.accessKeyId, secretAccessKey: p.credentials.secretAccessKey,
    sessionToken: p.credentials.sessionToken})));
  try {
    fleet.injectFault({kind: 'latency', latencyMs: LATENCY_MS});
    const env = envWith(files, stateDir);
    const managed = new Map(fleet.partitions.map((p, i) => [i, p.model.managed().length]));
    const total = [...managed.values()].reduce((a, b) => a + b, 0);
    const contexts = fleet.partitions.length;
    const accountOf = (p) => files.profiles[[...new Set(fleet.partitions.map((q) => q.accountId))].indexOf(p.accountId)];
    // Alone first: each context's own load, one at a time.
    const alone = [];
    for (const [i, p] of fleet.partitions.slice(0, aloneCount).entries()) {
      const r = await load(env, [accountOf(p)], [p.region], managed.get(i));
      alone.push(r.all);
      log(`  ${accountOf(p)}:${p.region} alone: ${r.all} ms`);
    }
    fleet.resetRequestCounts();
    const together = await load(env, files.profiles, regions, total);
    const slowest = Math.max(...alone);
    const meta = {contexts, nodes_per_context: nodes, nodes: total, modelled_latency_ms: LATENCY_MS};
    emit({bench: 'contexts.6x5k', metric: 'first_full_screen_ms', value: together.first, unit: 'ms', target: {max: 1000}, ...meta});
    emit({bench: 'contexts.6x5k', metric: 'all_loaded_ms', value: together.all, unit: 'ms', ...meta});
    emit({bench: 'contexts.6x5k', metric: 'slowest_context_alone_ms', value: slowest, unit: 'ms', samples: alone, ...meta});
    emit({bench: 'contexts.6x5k', metric: 'all_loaded_vs_slowest_alone_ratio', value: together.all / slowest, unit: 'ratio',
      target: {max: 1.2}, note: 'parallel ≈ 1; one context after another would be ≈ the number of contexts', ...meta});
    emit({bench: 'contexts.6x5k', metric: 'rss_mb', value: together.rss, unit: 'MB', target: {max: 300}, ...meta});
    // The app's CPU for the same load: what the ratio costs, and steadier than wall time on a shared machine.
    if (together.cpu !== undefined) {
      emit({bench: 'contexts.6x5k', metric: 'all_loaded_app_cpu_ms', value: together.cpu, unit: 'ms',
        note: 'the app process from start to all loaded, user + system', ...meta});
    }
    const names = new Map(fleet.partitions.map((p) => [`${p.accountId}:${p.region}`, `${accountOf(p)}:${p.region}`]));
    for (const [where, ops] of Object.entries(fleet.requestCountsBy())) {
      const n = Object.values(ops).reduce((a, b) => a + b, 0);
      emit({bench: 'contexts.6x5k', metric: `requests:${names.get(where) ?? where}`, value: n, unit: 'count', operations: ops, ...meta});
    }
  } finally {
    removeProfileFiles(files.dir);
    fs.rmSync(stateDir, {recursive: true, force: true});
    await fleet.close();
  }
}
