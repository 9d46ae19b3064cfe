// `npm start` on an unchanged tree (the build is skipped: scripts/build-if-stale.mjs) → the first full screen of rows
// of the embedded local fleet, under a real pty, as a user sees it. Target ≤ 1.5 s.
import {spawnSync} from 'node:child_process';
import {emit, log} from './lib/emit.mjs';
import {isolatedEnv} from './lib/fleet-env.mjs';
import {CLI_PATH, REPO_ROOT, spawnTui} from './lib/pty.mjs';
import {staleReason} from '../scripts/build-if-stale.mjs';
import {summarize} from './lib/stats.mjs';
import {stopwatch} from './lib/timer.mjs';

const ID_ROW = /^\S?\s*(?:i|mi)-[0-9a-f]{17}\s/;
const rowsOnScreen = (screen) => screen.split('\n').filter((l) => ID_ROW.test(l)).length;

/**
 * @param {{runs?: number; smoke?: boolean}} [opts] smoke: never build (a tree being edited would rebuild in the
 *   middle of `npm test`); when dist/ is out of date, run what `npm start` runs after its check.
 */
export async function npmStart({runs = 3, smoke = false} = {}) {
  let command = {command: 'npm', args: ['start', '--silent']};
  if (smoke) {
    const stale = staleReason();
    if (stale !== undefined) {
      log(`start: ${stale}; the smoke run starts the CLI without npm start's build`);
      command = {command: process.execPath, args: [CLI_PATH, '--local']};
    }
  } else {
    // Bring dist/ up to date first, untimed (its output to stderr: stdout is for results): what is measured is a
    // start on a tree that has not changed since.
    const pre = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], {cwd: REPO_ROOT, stdio: ['ignore', 2, 2]});
    if (pre.status !== 0) throw new Error('the build failed');
  }
  const env = isolatedEnv('fleetdeck-bench-start-');
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const sw = stopwatch();
    const tui = await spawnTui({...command, cwd: REPO_ROOT, cols: 120, rows: 40, env});
    try {
      await tui.waitFor((s) => rowsOnScreen(s) >= 30, {timeout: 60_000, description: 'the first full screen'});
      samples.push(sw.elapsed());
      await tui.press('q');
      await tui.exited;
    } finally {
      await tui.close();
    }
  }
  const s = summarize(samples);
  emit({bench: 'start', metric: 'npm_start_unchanged_tree_first_screen_ms_p50', value: s.p50, unit: 'ms', runs, samples,
    target: {max: 1500}, note: 'npm start with dist/ up to date: the default local fleet (40 nodes) at 120x40'});
}

if (import.meta.url === `file://${process.argv[1]}`) {
  log('npm start benchmark');
  await npmStart();
  process.exit(0);
}
