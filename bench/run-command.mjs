// Benchmarks for Run Command (issue 3), one job of `echo ok` on 1,000 nodes at max concurrency 100%, max errors 0:
//   - the dashboard under a real PTY (filter, ctrl+a, r, the form, type the count, enter): time until the UI shows
//     all 1,000 finished — the results view's title, or the run's end (its "run finished" flash, the header's
//     "▶ 1 run active" gone), whichever comes first — vs the endpoint's own completion time for the same job (first
//     SendCommand → last invocation ended, from the local fleet's run-command store). With > 50 ids the app
//     orchestrates several SendCommands itself (src/fleet/run-command/run-orchestrator.ts);
//   - the same job by the real AWS CLI: send-command with a tag Targets expression (it cannot pass > 50 ids), then
//     list-command-invocations (every page) in a loop until all are done;
//   - requests per polling round, by operation, counted at the fleet, for both;
//   - keystroke → frame in the results view while the run is live.
// The fleet runs in its own process (lib/fleet-process.mjs): the nodes' 1,000 real processes must not stall this
// process's clock. It has 1,500 records; the first 1,000 Online Linux ones get the tag Bench=run-command.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {awsCli} from './lib/aws-cli.mjs';
import {emit, log} from './lib/emit.mjs';
import {startFleetProcess} from './lib/fleet-process.mjs';
import {spawnCli} from './lib/pty.mjs';
import {groupRounds, totalsByOp} from './lib/request-rounds.mjs';
import {summarize} from './lib/stats.mjs';
import {stopwatch} from './lib/timer.mjs';

const BENCH = 'run-command.1000';
/** Nodes the job runs on (1,000; fewer in the smoke mode). */
let NODES = 1000;
const TAG = {key: 'Bench', value: 'run-command'};
const PAGE = 50; // ListCommandInvocations' largest page: the fewest pages that can cover n instances is ⌈n / 50⌉
const LCI = 'ssm:ListCommandInvocations';
const NOT_DONE = new Set(['Pending', 'InProgress', 'Delayed', 'Cancelling']);

/** The results view's title: `Results <command id> <shown>/<total> [bar] <count> <status> …`. */
const RESULTS_TITLE = /─ Results (\S+) (\d+)\/(\d+) (.*)$/m;
/** The flash the dashboard shows when its run has ended (from the app's own polling); any key clears it. */
const RUN_FINISHED = /run finished: (.*)$/m;
/** The header while the run goes on; it goes in the same frame as the flash comes. */
const RUN_ACTIVE = /▶ \d+ runs? active/;

/**
 * @param {string} screen
 * @returns {{total: number; counts: Record<string, number>} | undefined}
 */
const resultsTitle = (screen) => {
  const m = RESULTS_TITLE.exec(screen);
  if (!m) return undefined;
  /** @type {Record<string, number>} */
  const counts = {};
  for (const c of (m[4] ?? '').matchAll(/(\d+) ([A-Z][A-Za-z]+)/g)) counts[c[2] ?? ''] = Number(c[1]);
  return {total: Number(m[3]), counts};
};

/** The results view lists all targets and none of them is still running. */
const resultsDone = (screen) => {
  const t = resultsTitle(screen);
  if (!t || t.total < NODES) return false;
  const finished = Object.entries(t.counts).filter(([s]) => !NOT_DONE.has(s)).reduce((a, [, n]) => a + n, 0);
  return finished >= NODES;
};

/**
 * Tab through the Run Command form until the field whose line matches `label` has the text cursor.
 * @param {import('./lib/pty.mjs').Tui} tui
 * @param {RegExp} label
 */
async function focusField(tui, label) {
  for (let i = 0; i < 20; i++) {
    const line = tui.screen().split('\n').find((l) => label.test(l));
    if (line?.includes('█')) return;
    const before = tui.screen();
    await tui.press('tab');
    await tui.waitFor((s) => s !== before, {description: 'focus moved'});
  }
  throw new Error(`the Run Command form never focused ${label}\n${tui.describe()}`);
}

/**
 * The endpoint's own span for a job: its first SendCommand → its last invocation ended (epoch ms).
 * @param {import('./lib/fleet-process.mjs').FleetCommand[]} cmds
 */
function endpointSpan(cmds) {
  const first = Math.min(...cmds.map((c) => c.requestedAt));
  const last = Math.max(...cmds.map((c) => c.lastEndedAt));
  /** @type {Record<string, number>} */
  const statuses = {};
  for (const c of cmds) for (const [s, n] of Object.entries(c.statuses)) statuses[s] = (statuses[s] ?? 0) + n;
  return {first, ms: last - first, statuses, done: cmds.every((c) => c.done), sendCommands: cmds.length};
}

/**
 * Polling rounds of one job, each with how many instances had been sent by its end and the fewest
 * ListCommandInvocations pages that can cover them, ⌈sent / 50⌉.
 * @param {import('./lib/fleet-process.mjs').RequestEvent[]} events
 * @param {import('./lib/fleet-process.mjs').FleetCommand[]} cmds
 * @param {number} t0 epoch ms the job started
 */
function pollingRounds(events, cmds, t0) {
  return groupRounds(events, {anchor: LCI}).map((r) => {
    const sent = cmds.filter((c) => c.requestedAt <= r.end).reduce((a, c) => a + c.targetCount, 0);
    return {atMs: r.start - t0, sent, fewestPages: Math.ceil(sent / PAGE), ops: r.ops};
  });
}

/**
 * Emits the request figures of one job: totals by operation, the rounds, and ListCommandInvocations pages per 50
 * instances sent: over the whole job (Σ pages / Σ ⌈sent / 50⌉, the target) and in its worst round.
 * @param {string} who 'ui' | 'aws_cli'
 * @param {import('./lib/fleet-process.mjs').RequestEvent[]} events
 * @param {ReturnType<typeof pollingRounds>} rounds
 */
function emitRequests(who, events, rounds) {
  const bench = 'run-command.requests';
  const totals = totalsByOp(events);
  for (const [op, n] of Object.entries(totals)) emit({bench, metric: `${who}_requests_total:${op}`, value: n, unit: 'count', nodes: NODES});
  emit({bench, metric: `${who}_polling_rounds`, value: rounds.length, unit: 'count', nodes: NODES,
    rounds: rounds.map((r) => ({atMs: Math.round(r.atMs), sent: r.sent, ops: r.ops}))});
  const pages = (/** @type {{ops: Record<string, number>}} */ r) => r.ops[LCI] ?? 0;
  const counted = rounds.filter((r) => r.fewestPages > 0);
  if (counted.length > 0) {
    const worst = counted.reduce((w, r) => (pages(r) / r.fewestPages > pages(w) / w.fewestPages ? r : w));
    emit({bench, metric: `${who}_list_invocations_pages_per_round_max`, value: Math.max(...counted.map(pages)), unit: 'count',
      nodes: NODES, fewestPossibleAtFullFleet: Math.ceil(NODES / PAGE)});
    emit({bench, metric: `${who}_list_invocations_pages_per_50_instances`,
      value: counted.reduce((a, r) => a + pages(r), 0) / counted.reduce((a, r) => a + r.fewestPages, 0),
      unit: 'ratio', nodes: NODES, target: {max: 1.2},
      worstRound: {sent: worst.sent, pages: pages(worst), ratio: pages(worst) / worst.fewestPages}});
  }
  emit({bench, metric: `${who}_get_command_invocation_calls`, value: totals['ssm:GetCommandInvocation'] ?? 0, unit: 'count',
    nodes: NODES, target: {max: 0}, note: 'no output was opened during the run'});
}

/**
 * The dashboard's job. Returns when the UI shows all 1,000 finished.
 * @param {import('./lib/fleet-process.mjs').FleetProcess} fleet
 * @param {string} stateDir
 * @param {{maxKeys: number}} opts
 */
async function dashboardJob(fleet, stateDir, {maxKeys}) {
  const managed = await fleet.managedCount();
  const tui = await spawnCli({args: ['--endpoint-url', fleet.endpoint], cols: 160, rows: 40, env: fleet.env(stateDir)});
  try {
    await tui.waitForText(/Managed instances [1-9]\d*\//, {timeout: 60_000, description: 'rows loaded'});
    await tui.press('/');
    await tui.type(`tag:${TAG.key}=${TAG.value}`);
    await tui.press('enter');
    // ctrl+a marks the rows loaded so far: wait for all of them.
    await tui.waitForText(`Managed instances ${NODES}/${managed}`, {timeout: 60_000, description: `all ${managed} nodes, ${NODES} shown`});
    await tui.waitForIdle(200);
    await tui.press('ctrl-a');
    await tui.waitForText(`${NODES} marked`);
    await tui.press('r');
    await tui.waitForText(`Run Command on ${NODES} instances`);
    await focusField(tui, /^\W*commands\b/i);
    await tui.type('echo ok');
    await focusField(tui, /^\W*max concurrency\b/i);
    await tui.press('ctrl-u');
    await tui.type('100%');
    await tui.waitFor((s) => /^\W*max concurrency\s+100%/im.test(s), {description: 'max concurrency 100%'});
    await tui.press('ctrl-s');
    await tui.waitForText(new RegExp(`Confirm: run .* on ${NODES} instances`), {timeout: 20_000});
    // Above 10 targets the confirmation asks for a typed word (the target count).
    const word = /Type (\S+) and press enter to send/.exec(tui.screen())?.[1];
    if (word !== undefined) {
      await tui.type(word);
      await tui.waitForText(`send: ${word}`);
    }
    await tui.waitForIdle(100);

    const seq = await fleet.lastCommandSeq();
    await fleet.startRecording();
    const t0 = Date.now();
    const sw = stopwatch();
    await tui.press('enter');
    await tui.waitForText(RUN_ACTIVE, {description: 'the run is active'});
    let doneMs = 0;
    let signal = '';
    let live = true;
    const finished = (/** @type {string} */ s) => resultsDone(s) || RUN_FINISHED.test(s) || !RUN_ACTIVE.test(s);
    const done = tui.waitFor(finished, {timeout: 180_000, description: 'all finished'})
      .then(() => {
        doneMs = sw.elapsed();
        live = false;
        const s = tui.screen();
        signal = resultsDone(s) ? 'results view' : RUN_FINISHED.exec(s)?.[0] ?? 'header: no run active';
      });
    done.catch(() => {
      live = false;
    });

    // Keystroke → frame while the run is live, in the results view: the cursor while it lists at least two
    // instances, else reversing the sort (a frame either way).
    await tui.waitForText(RESULTS_TITLE, {timeout: 30_000, description: 'the results view'});
    const settle = [];
    const first = [];
    let misses = 0;
    let key = '';
    for (let i = 0; live && settle.length < maxKeys; i++) {
      key = (resultsTitle(tui.screen())?.total ?? 0) >= 2 ? (i % 2 ? 'up' : 'down') : '~';
      try {
        const m = await tui.measureKey(key, {quietMs: 30, timeout: 5_000});
        if (!live) break; // the run ended during this one: not a live sample
        settle.push(m.settleMs);
        first.push(m.latencyMs);
      } catch {
        misses++;
      }
    }
    await done;
    const events = await fleet.stopRecording();
    const shown = resultsTitle(tui.screen());
    const cmds = await fleet.commandsSince(seq);
    // What the app itself concluded (the flash may be gone): its audit log's summary of the run.
    const audit = fs.readFileSync(path.join(stateDir, 'fleetdeck', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const appSummary = audit.findLast((e) => e.action === 'CommandFinished')?.summary;
    await tui.press('q');
    await Promise.race([tui.exited, new Promise((r) => setTimeout(r, 5_000))]);
    return {doneMs, signal, appSummary, settle, first, misses, key, events, cmds, t0, shownTotal: shown?.total ?? 0};
  } finally {
    await tui.close();
  }
}

/**
 * The AWS CLI's job: send-command on the tag, then list-command-invocations (every page) until all are done.
 * @param {import('./lib/fleet-process.mjs').FleetProcess} fleet
 * @param {string} stateDir
 */
async function awsCliJob(fleet, stateDir) {
  const target = {endpoint: fleet.endpoint, env: fleet.env(stateDir)};
  const seq = await fleet.lastCommandSeq();
  await fleet.startRecording();
  const t0 = Date.now();
  const sw = stopwatch();
  const sent = await awsCli(target, ['ssm', 'send-command', '--document-name', 'AWS-RunShellScript',
    '--targets', `Key=tag:${TAG.key},Values=${TAG.value}`, '--parameters', JSON.stringify({commands: ['echo ok']}),
    '--max-concurrency', '100%', '--max-errors', '0']);
  const commandId = sent.Command.CommandId;
  let polls = 0;
  for (;;) {
    const out = await awsCli(target, ['ssm', 'list-command-invocations', '--command-id', commandId]);
    polls++;
    const invs = out.CommandInvocations ?? [];
    if (invs.length >= NODES && invs.every((i) => !NOT_DONE.has(i.Status))) break;
  }
  const ms = sw.elapsed();
  const events = await fleet.stopRecording();
  const cmds = await fleet.commandsSince(seq);
  return {ms, polls, events, cmds, t0};
}

export async function runCommand1000({nodes = 1000, maxKeys = 1000} = {}) {
  NODES = nodes;
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetdeck-bench-run-'));
  const fleet = await startFleetProcess({nodes: Math.ceil(NODES * 1.5), seed: 3});
  try {
    const tagged = await fleet.tagRunnable(TAG.key, TAG.value, NODES);
    if (tagged !== NODES) throw new Error(`only ${tagged} Online Linux nodes to run on (need ${NODES})`);

    log(`${BENCH}: dashboard job`);
    const ui = await dashboardJob(fleet, stateDir, {maxKeys});
    const uiEnd = endpointSpan(ui.cmds);
    log(`${BENCH}: aws cli job`);
    const cli = await awsCliJob(fleet, stateDir);
    const cliEnd = endpointSpan(cli.cmds);

    emit({bench: BENCH, metric: 'ui_all_finished_ms', value: ui.doneMs, unit: 'ms', nodes: NODES,
      from: 'enter on the confirmation', shownBy: ui.signal, appSummary: ui.appSummary});
    emit({bench: BENCH, metric: 'ui_job_endpoint_ms', value: uiEnd.ms, unit: 'ms', nodes: NODES,
      from: 'first SendCommand', to: 'last invocation ended', sendCommands: uiEnd.sendCommands, statuses: uiEnd.statuses});
    emit({bench: BENCH, metric: 'ui_vs_endpoint_ratio', value: ui.doneMs / uiEnd.ms, unit: 'ratio', target: {max: 1.3}});
    emit({bench: BENCH, metric: 'results_view_instances', value: ui.shownTotal, unit: 'count', nodes: NODES,
      target: {min: NODES}, note: 'instances the results view lists at the end of the run'});
    emit({bench: BENCH, metric: 'aws_cli_all_finished_ms', value: cli.ms, unit: 'ms', nodes: NODES, polls: cli.polls,
      peer: 'aws ssm send-command --targets Key=tag:Bench,Values=run-command; aws ssm list-command-invocations until done'});
    emit({bench: BENCH, metric: 'aws_cli_job_endpoint_ms', value: cliEnd.ms, unit: 'ms', nodes: NODES,
      sendCommands: cliEnd.sendCommands, statuses: cliEnd.statuses});
    emit({bench: BENCH, metric: 'ui_vs_aws_cli_ratio', value: ui.doneMs / cli.ms, unit: 'ratio', target: {max: 1.15}});

    emitRequests('ui', ui.events, pollingRounds(ui.events, ui.cmds, ui.t0));
    emitRequests('aws_cli', cli.events, pollingRounds(cli.events, cli.cmds, cli.t0));

    const bench = 'run-command.latency';
    if (ui.settle.length > 0) {
      const s = summarize(ui.settle);
      const f = summarize(ui.first);
      const extra = {nodes: NODES, key: ui.key, samples: ui.settle.length, misses: ui.misses};
      emit({bench, metric: 'live_key_to_frame_ms_p50', value: s.p50, unit: 'ms', ...extra});
      emit({bench, metric: 'live_key_to_frame_ms_p95', value: s.p95, unit: 'ms', ...extra, target: {max: 100}});
      emit({bench, metric: 'live_key_to_first_byte_ms_p95', value: f.p95, unit: 'ms', ...extra});
    } else {
      log(`${bench}: no keystroke was measured while the run was live (${ui.misses} misses)`);
    }
  } finally {
    await fleet.close();
    fs.rmSync(stateDir, {recursive: true, force: true});
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  log('run-command benchmarks');
  await runCommand1000();
}
