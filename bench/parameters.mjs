// Parameter Store at 10,000 parameters (issue 13), through the built CLI under a pty: from `:parameters` to the first
// level on screen (every top-level folder shown), from `f` to the flat list of all 10,000 on screen, filter keystroke
// → frame in the flat list; requests by operation for each. Targets: ≤ 1 s, ≤ 1 s, p95 ≤ 50 ms.
// The first level is complete only once every parameter has been read: no API lists folders, DescribeParameters
// gives at most 50 a page (200 requests at 10,000), and the last page may hold a folder of its own. The folders show
// as the pages find them, so the first folder rows are reported too (first_level_first_rows), not as the target.
import {startLocalFleet} from '../dist/local/server.js';
import {growParameterStore} from '../dist/local/ssm/parameters/bulk-seed.js';
import {parameterStore} from '../dist/local/ssm/parameters/index.js';
import {spawnCli} from './lib/pty.mjs';
import {emit} from './lib/emit.mjs';
import {fleetEnv} from './lib/fleet-env.mjs';
import {summarize} from './lib/stats.mjs';
import {stopwatch} from './lib/timer.mjs';

const nodesInHeader = (screen) => Number(/│\s+(\d+) nodes/.exec(screen)?.[1] ?? -1);
/** "Parameters 10000/10000": rows shown / rows in the view. */
const titleCounts = (screen) => {
  const m = /─ Parameters (\d+)\/(\d+)/.exec(screen);
  return m ? {shown: Number(m[1]), total: Number(m[2])} : undefined;
};

function emitCounts(metric, counts, parameters) {
  for (const [op, n] of Object.entries(counts)) {
    emit({bench: 'parameters.requests', metric: `${metric}:${op}`, value: n, unit: 'count', parameters});
  }
}

export async function parametersBench({parameters = 10_000, runs = 3, keys = 'svc-01 prod'} = {}) {
  const fleet = await startLocalFleet({nodes: 20, seed: 'params-bench'});
  try {
    const total = growParameterStore(fleet.model, parameters);
    // The first level: every top-level folder and the parameters at the root.
    const all = parameterStore(fleet.model).all(Date.now()).filter((p) => !p.isPublic);
    const top = new Set(all.map((p) => (p.name.startsWith('/') ? p.name.split('/')[1] : p.name)));
    const level = [];
    const firstRows = [];
    const flat = [];
    const filter = [];
    let levelCounts = {};
    let flatCounts = {};
    for (let i = 0; i < runs; i++) {
      const tui = await spawnCli({args: ['--endpoint-url', fleet.endpoint, '--refresh', '3600'], cols: 160, rows: 40,
        env: fleetEnv(fleet, '/tmp/fleetdeck-bench-state')});
      const managed = fleet.model.managed().length;
      await tui.waitFor((s) => nodesInHeader(s) === managed && !/loading/.test(s), {timeout: 60_000, description: 'fleet loaded'});
      await tui.waitForIdle(300, {timeout: 30_000});
      await tui.press(':');
      await tui.type('parameters');
      fleet.resetRequestCounts();
      let sw = stopwatch();
      await tui.press('enter');
      await tui.waitFor((s) => /▸ [\w.-]+\//.test(s), {timeout: 60_000, description: 'a first folder row'});
      firstRows.push(sw.elapsed());
      await tui.waitFor((s) => titleCounts(s)?.total === top.size, {timeout: 60_000,
        description: `the first level: ${top.size} folders and root parameters`});
      level.push(sw.elapsed());
      levelCounts = fleet.requestCounts();
      await tui.waitForIdle(200, {timeout: 30_000});
      fleet.resetRequestCounts();
      sw = stopwatch();
      await tui.press('f');
      await tui.waitFor((s) => titleCounts(s)?.total === all.length, {timeout: 120_000,
        description: `the flat list of ${all.length} parameters`});
      flat.push(sw.elapsed());
      flatCounts = fleet.requestCounts();
      await tui.waitForIdle(300, {timeout: 30_000});
      await tui.press('/');
      await tui.waitForIdle(100);
      for (const ch of keys) filter.push((await tui.measureKey(ch === ' ' ? 'space' : ch, {quietMs: 60})).settleMs);
      await tui.press('esc', 'esc', 'q');
      await tui.close();
    }
    const l = summarize(level);
    const r = summarize(firstRows);
    const f = summarize(flat);
    const k = summarize(filter);
    emit({bench: 'parameters.10k', metric: 'first_level_on_screen_ms_p50', value: l.p50, unit: 'ms', parameters: total, runs,
      samples: level, target: {max: 1000}});
    emit({bench: 'parameters.10k', metric: 'first_level_first_rows_ms_p50', value: r.p50, unit: 'ms', parameters: total, runs,
      samples: firstRows});
    emit({bench: 'parameters.10k', metric: 'flat_list_on_screen_ms_p50', value: f.p50, unit: 'ms', parameters: total, runs,
      samples: flat, target: {max: 1000}});
    emit({bench: 'parameters.10k', metric: 'filter_key_to_frame_ms_p95', value: k.p95, unit: 'ms', parameters: total,
      samples: filter.length, target: {max: 50}});
    emitCounts('first_level', levelCounts, total);
    emitCounts('flat_list', flatCounts, total);
  } finally {
    await fleet.close();
  }
}
