// Maintenance windows at 5,000 nodes and 50 windows (the account's quota), through the built CLI under a pty: from `:windows` to every
// window on screen with its next run (target ≤ 1 s), and the requests it cost by operation (on screen, then once each
// window's last run has loaded). The windows are made through the SDK before the CLI starts, as a user's would be.
import {CreateMaintenanceWindowCommand, DescribeMaintenanceWindowsCommand, RegisterTargetWithMaintenanceWindowCommand, SSMClient} from '@aws-sdk/client-ssm';
import {startLocalFleet} from '../dist/local/server.js';
import {spawnCli} from './lib/pty.mjs';
import {emit} from './lib/emit.mjs';
import {fleetEnv} from './lib/fleet-env.mjs';
import {summarize} from './lib/stats.mjs';
import {stopwatch} from './lib/timer.mjs';

const nodesInHeader = (screen) => Number(/│\s+(\d+) nodes/.exec(screen)?.[1] ?? -1);
const windowsTotal = (screen) => Number(/─ Maintenance windows \d+\/(\d+)/.exec(screen)?.[1] ?? -1);
const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'UTC', 'Australia/Sydney'];
const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

function emitCounts(metric, counts, windows) {
  for (const [op, n] of Object.entries(counts)) emit({bench: 'windows.requests', metric: `${metric}:${op}`, value: n, unit: 'count', windows});
}

async function createWindows(fleet, count) {
  const ssm = new SSMClient({region: fleet.region, endpoint: fleet.endpoint, credentials: fleet.credentials});
  try {
    for (let i = 0; i < count; i++) {
      const {WindowId} = await ssm.send(new CreateMaintenanceWindowCommand({
        Name: `bench-window-${String(i).padStart(2, '0')}`, Schedule: `cron(${i % 60} ${i % 24} ? * ${DAYS[i % 7]} *)`,
        ScheduleTimezone: ZONES[i % ZONES.length], Duration: 2 + (i % 4), Cutoff: 1, AllowUnassociatedTargets: false}));
      await ssm.send(new RegisterTargetWithMaintenanceWindowCommand({WindowId, ResourceType: 'INSTANCE',
        Targets: [{Key: 'tag:Env', Values: [i % 2 ? 'prod' : 'staging']}]}));
    }
  } finally {
    ssm.destroy();
  }
}

export async function windowsBench({nodes = 5_000, windows = 50, runs = 3} = {}) {
  const fleet = await startLocalFleet({nodes, seed: 'windows-bench'});
  try {
    // The account's quota is 50 windows, the local fleet's seeded ones included: make the rest.
    const ssm = new SSMClient({region: fleet.region, endpoint: fleet.endpoint, credentials: fleet.credentials});
    const seeded = (await ssm.send(new DescribeMaintenanceWindowsCommand({MaxResults: 100}))).WindowIdentities?.length ?? 0;
    await createWindows(fleet, Math.max(0, windows - seeded));
    const total = (await ssm.send(new DescribeMaintenanceWindowsCommand({MaxResults: 100}))).WindowIdentities?.length ?? 0;
    ssm.destroy();
    const onScreen = [];
    let shownCounts = {};
    let settledCounts = {};
    for (let i = 0; i < runs; i++) {
      const tui = await spawnCli({args: ['--endpoint-url', fleet.endpoint, '--refresh', '3600'], cols: 170, rows: 45,
        env: fleetEnv(fleet, '/tmp/fleetdeck-bench-state')});
      const managed = fleet.model.managed().length;
      await tui.waitFor((s) => nodesInHeader(s) === managed && !/loading/.test(s), {timeout: 120_000, description: 'fleet loaded'});
      await tui.waitForIdle(300, {timeout: 30_000});
      await tui.press(':');
      await tui.type('windows');
      fleet.resetRequestCounts();
      const sw = stopwatch();
      await tui.press('enter');
      await tui.waitFor((s) => windowsTotal(s) === total && /\(in \d/.test(s), {timeout: 60_000,
        description: `the ${total} windows with their next runs`});
      onScreen.push(sw.elapsed());
      shownCounts = fleet.requestCounts();
      await tui.waitFor((s) => /last runs: \d+ success/.test(s), {timeout: 30_000, description: 'the title note'});
      await tui.waitForIdle(500, {timeout: 60_000});
      settledCounts = fleet.requestCounts();
      await tui.press('q');
      await tui.close();
    }
    const s = summarize(onScreen);
    emit({bench: 'windows.5k', metric: 'windows_view_next_runs_on_screen_ms_p50', value: s.p50, unit: 'ms', nodes, windows: total, runs,
      samples: onScreen, target: {max: 1000}});
    emitCounts('on_screen', shownCounts, total);
    emitCounts('settled', settledCounts, total);
  } finally {
    await fleet.close();
  }
}
