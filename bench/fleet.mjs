// Benchmarks for the fleet view (issue: foundation). Each prints JSON lines through emit():
//   cold start to the first full screen of rows (1,000 nodes) vs the AWS CLI listing the same nodes,
//   requests to load 1,000 nodes by operation, keystroke → frame while filtering and moving the cursor at
//   50,000 nodes, RSS at 50,000 nodes, bytes written per cursor move at 200×50, and the peak RSS of headless
//   `instances --output json` at two fleet sizes (it should not grow with the fleet).
import {execFile, spawn} from 'node:child_process';
import fs from 'node:fs';
import {promisify} from 'node:util';
import {startLocalFleet} from '../dist/local/server.js';
import {CLI_PATH, spawnCli} from './lib/pty.mjs';
import {emit, log} from './lib/emit.mjs';
import {fleetEnv} from './lib/fleet-env.mjs';
import {summarize} from './lib/stats.mjs';
import {stopwatch} from './lib/timer.mjs';

const run = promisify(execFile);
const ID_ROW = /^\S?\s*(?:i|mi)-[0-9a-f]{17}\s/;

const envFor = (fleet) => fleetEnv(fleet, '/tmp/fleetdeck-bench-state');

const rowsOnScreen = (screen) => screen.split('\n').filter((l) => ID_ROW.test(l)).length;
const nodesInHeader = (screen) => Number(/│\s+(\d+) nodes/.exec(screen)?.[1] ?? -1);

async function awsCliList(fleet) {
  const sw = stopwatch();
  const {stdout} = await run('aws', ['ssm', 'describe-instance-information', '--page-size', '50', '--output', 'json',
    '--endpoint-url', fleet.endpoint], {env: {...process.env, ...envFor(fleet)}, maxBuffer: 256 << 20});
  const ms = sw.elapsed();
  return {ms, count: JSON.parse(stdout).InstanceInformationList.length};
}

export async function coldStart({nodes = 1000, runs = 3} = {}) {
  const fleet = await startLocalFleet({nodes, seed: 1});
  try {
    const cols = 120;
    const rows = 40;
    const bodyRows = rows - 1 - 4 - 1; // root is rows-1; header 2, title 1, footer 1; table header 1
    const first = [];
    const all = [];
    const cli = [];
    let counts;
    for (let i = 0; i < runs; i++) {
      const c = await awsCliList(fleet);
      cli.push(c.ms);
      fleet.resetRequestCounts();
      const sw = stopwatch();
      const tui = await spawnCli({args: ['--endpoint-url', fleet.endpoint, '--refresh', '3600'], cols, rows,
        env: envFor(fleet)});
      await tui.waitFor((s) => rowsOnScreen(s) >= bodyRows, {timeout: 60_000, description: 'first full screen'});
      first.push(sw.elapsed());
      await tui.waitFor((s) => nodesInHeader(s) === c.count, {timeout: 60_000, description: 'all nodes loaded'});
      all.push(sw.elapsed());
      counts = fleet.requestCounts();
      await tui.press('q');
      await tui.exited;
      await tui.close();
    }
    const f = summarize(first).p50;
    const a = summarize(all).p50;
    const c = summarize(cli).p50;
    emit({bench: 'fleet.cold-start', metric: 'first_full_screen_ms_p50', value: f, unit: 'ms', nodes, runs, samples: first});
    emit({bench: 'fleet.cold-start', metric: 'all_nodes_loaded_ms_p50', value: a, unit: 'ms', nodes, runs, samples: all});
    emit({bench: 'fleet.cold-start', metric: 'aws_cli_list_all_ms_p50', value: c, unit: 'ms', nodes, runs, samples: cli,
      peer: 'aws ssm describe-instance-information --page-size 50'});
    emit({bench: 'fleet.cold-start', metric: 'first_screen_vs_aws_cli_ratio', value: f / c, unit: 'ratio', target: {max: 0.6}, nodes});
    emit({bench: 'fleet.cold-start', metric: 'all_loaded_vs_aws_cli_ratio', value: a / c, unit: 'ratio', nodes});
    for (const [op, n] of Object.entries(counts ?? {})) {
      emit({bench: 'fleet.requests', metric: `requests_to_load_1000:${op}`, value: n, unit: 'count', nodes});
    }
  } finally {
    await fleet.close();
  }
}

function statusMB(pid, field) {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}
const rssMB = (pid) => statusMB(pid, 'VmRSS');

/**
 * Runs headless `instances --output json` and returns its peak RSS (VmHWM, sampled until it exits) and the bytes it
 * printed.
 */
async function headlessPeak(fleet) {
  const child = spawn(process.execPath, [CLI_PATH, 'instances', '--endpoint-url', fleet.endpoint, '--output', 'json'],
    {env: {...process.env, ...envFor(fleet)}, stdio: ['ignore', 'pipe', 'inherit']});
  let bytes = 0;
  let peak = 0;
  child.stdout.on('data', (d) => {
    bytes += d.length;
  });
  const sampler = setInterval(() => {
    try {
      const hwm = statusMB(child.pid, 'VmHWM');
      if (hwm > peak) peak = hwm;
    } catch {
      // exited between samples
    }
  }, 5);
  const code = await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`instances --output json exited with ${code}`);
  return {peak, bytes};
}

export async function headlessJson({sizes = [5000, 50_000]} = {}) {
  const peaks = [];
  for (const nodes of sizes) {
    const fleet = await startLocalFleet({nodes, seed: 2});
    try {
      await headlessPeak(fleet); // the fleet's first answers build its caches
      const {peak, bytes} = await headlessPeak(fleet);
      peaks.push(peak);
      emit({bench: 'fleet.headless', metric: 'instances_json_peak_rss_mb', value: peak, unit: 'MB', nodes, bytes});
    } finally {
      await fleet.close();
    }
  }
  const ratio = (peaks.at(-1) ?? NaN) / (peaks[0] ?? NaN);
  emit({bench: 'fleet.headless', metric: 'instances_json_peak_rss_growth', value: ratio, unit: 'ratio', target: {max: 1.25},
    sizes, note: `peak RSS at ${sizes.at(-1)} nodes / at ${sizes[0]}: constant in the fleet size is 1`});
}

export async function bigFleet({nodes = 50_000, keys = 30, idleMs = 1000} = {}) {
  const fleet = await startLocalFleet({nodes, seed: 2});
  try {
    const tui = await spawnCli({args: ['--endpoint-url', fleet.endpoint, '--refresh', '3600'], cols: 200, rows: 50,
      env: envFor(fleet)});
    const sw = stopwatch();
    const managed = fleet.model.managed().length;
    await tui.waitFor((s) => nodesInHeader(s) === managed && /refreshed \d/.test(s) && !/loading/.test(s),
      {timeout: 300_000, description: `${managed} nodes loaded, EC2 details included`});
    await tui.waitForIdle(idleMs, {timeout: 120_000});
    emit({bench: 'fleet.50k', metric: 'load_all_ms', value: sw.elapsed(), unit: 'ms', nodes});
    const cursor = [];
    const bytes = [];
    for (let i = 0; i < keys; i++) {
      const m = await tui.measureKey('down', {quietMs: 60});
      cursor.push(m.settleMs);
      bytes.push(m.bytes);
    }
    await tui.press('/');
    await tui.waitForIdle(100);
    const filter = [];
    for (const ch of 'web-prod-1') {
      const m = await tui.measureKey(ch, {quietMs: 60});
      filter.push(m.settleMs);
    }
    const rss = rssMB(tui.pid);
    const c = summarize(cursor);
    const f = summarize(filter);
    const b = summarize(bytes);
    emit({bench: 'fleet.50k', metric: 'cursor_key_to_frame_ms_p50', value: c.p50, unit: 'ms', nodes});
    emit({bench: 'fleet.50k', metric: 'cursor_key_to_frame_ms_p95', value: c.p95, unit: 'ms', nodes, target: {max: 30}});
    emit({bench: 'fleet.50k', metric: 'filter_key_to_frame_ms_p50', value: f.p50, unit: 'ms', nodes});
    emit({bench: 'fleet.50k', metric: 'filter_key_to_frame_ms_p95', value: f.p95, unit: 'ms', nodes, target: {max: 50}});
    emit({bench: 'fleet.50k', metric: 'rss_mb', value: rss, unit: 'MB', nodes, target: {max: 250}});
    emit({bench: 'fleet.bytes', metric: 'bytes_per_cursor_move_200x50_p50', value: b.p50, unit: 'bytes', target: {max: 350}});
    emit({bench: 'fleet.bytes', metric: 'bytes_per_cursor_move_200x50_max', value: b.max, unit: 'bytes'});
    await tui.press('esc', 'q');
    await tui.close();
  } finally {
    await fleet.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  log('fleet benchmarks');
  await coldStart();
  await bigFleet();
  await headlessJson();
}
