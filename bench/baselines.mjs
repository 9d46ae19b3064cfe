// Patch baselines at 5,000 nodes and 20 baselines, through the built CLI under a pty: from enter on a baseline in
// `:baselines` to its instance patch-state summary on screen (target ≤ 2 s) — the fleet's AL2023 default with three
// patch groups, so every AL2023 node counts — and the requests it cost by operation. The extra baselines are made
// through the SDK before the CLI starts, as a user's would be.
import {CreatePatchBaselineCommand, DescribePatchBaselinesCommand, RegisterPatchBaselineForPatchGroupCommand, SSMClient} from '@aws-sdk/client-ssm';
import {startLocalFleet} from '../dist/local/server.js';
import {spawnCli} from './lib/pty.mjs';
import {emit} from './lib/emit.mjs';
import {fleetEnv} from './lib/fleet-env.mjs';
import {summarize} from './lib/stats.mjs';
import {stopwatch} from './lib/timer.mjs';

const nodesInHeader = (screen) => Number(/│\s+(\d+) nodes/.exec(screen)?.[1] ?? -1);
const baselinesTotal = (screen) => Number(/─ Patch baselines \d+\/(\d+)/.exec(screen)?.[1] ?? -1);
const usingIt = (screen) => /Instances using it\s+(\d+) ·/.exec(screen)?.[1];
const BASELINE = 'linux-security-critical';

function emitCounts(counts, nodes) {
  for (const [op, n] of Object.entries(counts)) emit({bench: 'baselines.requests', metric: `summary_on_screen:${op}`, value: n, unit: 'count', nodes});
}

async function growBaselines(ssm, total) {
  const list = async () => (await ssm.send(new DescribePatchBaselinesCommand({MaxResults: 100}))).BaselineIdentities ?? [];
  const have = (await list()).length;
  for (let i = have; i < total; i++) {
    const name = `bench-baseline-${String(i).padStart(2, '0')}`;
    const {BaselineId} = await ssm.send(new CreatePatchBaselineCommand({Name: name, OperatingSystem: 'AMAZON_LINUX_2023',
      ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: [{Key: 'CLASSIFICATION', Values: ['Security']}]}, ApproveAfterDays: i % 30,
        ComplianceLevel: 'HIGH'}]}}));
    await ssm.send(new RegisterPatchBaselineForPatchGroupCommand({BaselineId, PatchGroup: `bench-${i}`}));
  }
  return (await list()).length;
}

export async function baselinesBench({nodes = 5_000, baselines = 20, runs = 3} = {}) {
  const fleet = await startLocalFleet({nodes, seed: 'baselines-bench'});
  try {
    const ssm = new SSMClient({region: fleet.region, endpoint: fleet.endpoint, credentials: fleet.credentials});
    const total = await growBaselines(ssm, baselines);
    ssm.destroy();
    const onScreen = [];
    let counts = {};
    let instances = 0;
    for (let i = 0; i < runs; i++) {
      const tui = await spawnCli({args: ['--endpoint-url', fleet.endpoint, '--refresh', '3600'], cols: 170, rows: 45,
        env: fleetEnv(fleet, '/tmp/fleetdeck-bench-state')});
      const managed = fleet.model.managed().length;
      await tui.waitFor((s) => nodesInHeader(s) === managed && !/loading/.test(s), {timeout: 120_000, description: 'fleet loaded'});
      await tui.waitForIdle(300, {timeout: 30_000});
      await tui.press(':');
      await tui.type('baselines');
      await tui.press('enter');
      // Every row's rules in (a placeholder … in the rules column until its GetPatchBaseline answers).
      await tui.waitFor((s) => baselinesTotal(s) === total && !/\s…\s{2,}/.test(s), {timeout: 60_000, description: `the ${total} baselines with their rules`});
      await tui.waitForIdle(500, {timeout: 60_000});
      await tui.press('/');
      await tui.type(BASELINE);
      await tui.press('enter');
      await tui.waitFor((s) => /─ Patch baselines 1\//.test(s), {timeout: 30_000, description: `${BASELINE} alone`});
      await tui.waitForIdle(200, {timeout: 30_000});
      fleet.resetRequestCounts();
      const sw = stopwatch();
      await tui.press('enter');
      await tui.waitFor((s) => usingIt(s) !== undefined, {timeout: 60_000, description: 'the instance patch-state summary'});
      onScreen.push(sw.elapsed());
      instances = Number(usingIt(tui.screen()));
      counts = fleet.requestCounts();
      await tui.press('q');
      await tui.close();
    }
    const s = summarize(onScreen);
    emit({bench: 'baselines.5k', metric: 'baseline_patch_state_summary_on_screen_ms_p50', value: s.p50, unit: 'ms', nodes, baselines: total,
      instances, runs, samples: onScreen, target: {max: 2000}});
    emitCounts(counts, nodes);
  } finally {
    await fleet.close();
  }
}
