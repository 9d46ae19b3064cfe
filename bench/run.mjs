// `npm run bench`: every benchmark, one JSON object per line on stdout (progress notes go to stderr).
// BENCH_ONLY=fleet.cold-start,fleet.50k runs a subset. BENCH_SMOKE=1 runs each at a tiny size (seconds, for
// `npm test`: it proves every benchmark still runs and reports, and its numbers mean nothing).
// A benchmark that throws is reported and the others still run; the exit code is 1 if any threw.
import {coldStart, bigFleet, headlessJson} from './fleet.mjs';
import {complianceBench} from './compliance.mjs';
import {runCommand1000} from './run-command.mjs';
import {portForward} from './port-forward.mjs';
import {sessionCodec} from './session-codec.mjs';
import {echoLatency, memoryPerPane, throughput} from './sessions.mjs';
import {npmStart} from './start.mjs';
import {parametersBench} from './parameters.mjs';
import {automationBench} from './automation.mjs';
import {windowsBench} from './windows.mjs';
import {associationsBench} from './associations.mjs';
import {baselinesBench} from './baselines.mjs';
import {contextsBench} from './contexts.mjs';
import {log, setSink} from './lib/emit.mjs';

const MB = 1024 * 1024;
const smoke = process.env.BENCH_SMOKE === '1';

/** name → [full run, smoke run] */
const BENCHES = {
  'start': [() => npmStart(), () => npmStart({runs: 1, smoke: true})],
  'fleet.cold-start': [() => coldStart(), () => coldStart({nodes: 60, runs: 1})],
  'fleet.50k': [() => bigFleet(), () => bigFleet({nodes: 300, keys: 3, idleMs: 200})],
  'fleet.headless': [() => headlessJson(), () => headlessJson({sizes: [100, 300]})],
  'run-command.1000': [() => runCommand1000(), () => runCommand1000({nodes: 60, maxKeys: 3})],
  'compliance.5k': [() => complianceBench(), () => complianceBench({nodes: 60, runs: 1})],
  'port-forward': [() => portForward(), () => portForward({size: 2 * MB, setups: 5})],
  'session-codec': [() => sessionCodec(), () => sessionCodec({size: 2 * MB})],
  'sessions.echo': [() => echoLatency(), () => echoLatency({keys: 3})],
  'sessions.memory': [() => memoryPerPane(), () => memoryPerPane({panes: 1, lines: 200})],
  'sessions.throughput': [() => throughput(), () => throughput({megabytes: 1})],
  'parameters.10k': [() => parametersBench(), () => parametersBench({parameters: 400, runs: 1, keys: 'svc'})],
  'automation.rate-control': [() => automationBench(), () => automationBench({targets: 10, steps: 3, concurrency: 5})],
  'windows.5k': [() => windowsBench(), () => windowsBench({nodes: 60, windows: 5, runs: 1})],
  'associations.2k': [() => associationsBench(), () => associationsBench({nodes: 60, associations: 30, runs: 1})],
  'baselines.5k': [() => baselinesBench(), () => baselinesBench({nodes: 60, runs: 1})],
  'contexts.6x5k': [() => contextsBench(), () => contextsBench({nodes: 30, alone: 1})],
};

const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const unknown = only.filter((n) => !(n in BENCHES));
if (unknown.length > 0) {
  log(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}

// Every record passes through here on its way to stdout: the closing summary names the targets missed.
const missed = [];
let targets = 0;
const print = setSink((line) => {
  const r = JSON.parse(line);
  if (r.target !== undefined) {
    targets++;
    if (r.ok === false) missed.push(`${r.bench}/${r.metric}`);
  }
  print(line);
});

const failed = [];
for (const [name, [full, small]] of Object.entries(BENCHES)) {
  if (only.length > 0 && !only.includes(name)) continue;
  try {
    await (smoke ? small : full)();
  } catch (e) {
    failed.push(name);
    log(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
}
log(`targets met: ${targets - missed.length}/${targets}${missed.length > 0 ? `; missed: ${missed.join(', ')}` : ''}`);
if (failed.length > 0) log(`failed: ${failed.join(', ')}`);
process.exit(failed.length > 0 ? 1 : 0);
