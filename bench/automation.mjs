// Automation on the local fleet (issue 15): a 10-step runbook over 200 instances at MaxConcurrency 20, as one
// rate-controlled execution with 200 children. The runbook does what an operator's runbook does on each instance —
// checks it is managed, collects diagnostics, restarts a service, lets it settle, checks it again — so each step
// takes its own real time: aws:runCommand runs real processes on the local nodes, aws:sleep sleeps, the API steps
// call the fleet; children start on SSM's documented ramp (one target, two more once it has completed, then
// exponentially up to MaxConcurrency). The local engine adds no other time of its own (AWS documents none).
//
// The engine's completion time is the execution's own, as GetAutomationExecution reports it (ExecutionEndTime −
// ExecutionStartTime). Then what a user sees, in the built CLI under a pty:
// - the run started FROM THE DASHBOARD (`:automations`, s, the form, enter, y): the steps view it opens follows it
//   live; ui_completion_ms runs from the y to Success on screen, ui_vs_engine_ratio (target ≤ 1.3) compares it
//   with that run's engine time, ui_lag_ms is the difference, with the requests per polling round and per second;
// - what one read of `:automations` costs (through its own fetch): a full read, a round while a run is live behind
//   more children than a page holds, a round once it has ended;
// - a rate-controlled run over 60 instances started elsewhere (the API) while `:automations` is on screen: how soon
//   the list shows it (the idle cadence), how long after the engine it shows its end, and the requests per second.
import {startLocalFleet} from '../dist/local/server.js';
import {createAwsClients} from '../dist/aws/clients.js';
import {automationApi} from '../dist/aws/automation/automation-api.js';
import {automationsView} from '../dist/views/automation/automation-view.js';
import {CreateDocumentCommand} from '@aws-sdk/client-ssm';
import {emit, log} from './lib/emit.mjs';
import {spawnCli} from './lib/pty.mjs';
import {fleetEnv} from './lib/fleet-env.mjs';
import {stopwatch} from './lib/timer.mjs';

const bench = 'automation.rate-control';
const TAG = {key: 'Diag', value: 'bench'};

const onInstance = (extra) => ({Service: 'ssm', Api: 'DescribeInstanceInformation', Filters: [{Key: 'InstanceIds', Values: ['{{ InstanceId }}']}], ...extra});
const shell = (commands) => ({DocumentName: 'AWS-RunShellScript', InstanceIds: ['{{ InstanceId }}'], Parameters: {commands}});

/** A diagnose-and-restart runbook; `steps` keeps its first steps (each refers only to earlier ones). */
function runbook(steps) {
  const all = [
    {name: 'checkManaged', action: 'aws:assertAwsResourceProperty', inputs: onInstance({PropertySelector: '$.InstanceInformationList[0].PingStatus', DesiredValues: ['Online']})},
    {name: 'collectBefore', action: 'aws:runCommand', inputs: shell(['uptime', 'df -k /'])},
    {name: 'drain', action: 'aws:sleep', inputs: {Duration: 'PT1S'}},
    {name: 'restartService', action: 'aws:runCommand', inputs: shell(['echo restarting the service', 'echo restarted'])},
    {name: 'settle', action: 'aws:sleep', inputs: {Duration: 'PT1S'}},
    {name: 'waitManaged', action: 'aws:waitForAwsResourceProperty', inputs: onInstance({PropertySelector: '$.InstanceInformationList[0].PingStatus', DesiredValues: ['Online']})},
    {name: 'collectAfter', action: 'aws:runCommand', inputs: shell(['uptime'])},
    {name: 'readPlatform', action: 'aws:executeAwsApi', inputs: onInstance({}),
      outputs: [{Name: 'Platform', Selector: '$.InstanceInformationList[0].PlatformName', Type: 'String'}]},
    {name: 'readResult', action: 'aws:executeAwsApi', inputs: {Service: 'ssm', Api: 'GetCommandInvocation', CommandId: '{{ collectAfter.CommandId }}', InstanceId: '{{ InstanceId }}'},
      outputs: [{Name: 'Status', Selector: '$.Status', Type: 'String'}]},
    {name: 'assertResult', action: 'aws:assertAwsResourceProperty', inputs: {Service: 'ssm', Api: 'GetCommandInvocation', CommandId: '{{ collectAfter.CommandId }}',
      InstanceId: '{{ InstanceId }}', PropertySelector: '$.Status', DesiredValues: ['Success']}},
  ];
  if (steps > all.length) throw new Error(`the bench runbook has ${all.length} steps`);
  return {schemaVersion: '0.3', parameters: {InstanceId: {type: 'String'}}, mainSteps: all.slice(0, steps)};
}

/** The execution's own completion time, as the API reports it. */
async function engineMs(api, id) {
  for (;;) {
    const d = await api.getExecution(id);
    if (d.endedAt !== undefined) return {ms: d.endedAt - (d.startedAt ?? d.endedAt), status: d.status};
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The newest rate-controlled execution of `name` (its children, newer, come before it). */
async function newestRateControlled(api, name) {
  let nextToken;
  do {
    const page = await api.listExecutions({filters: [{key: 'DocumentNamePrefix', values: [name]}], ...(nextToken ? {nextToken} : {})});
    const top = page.executions.find((e) => !e.parentExecutionId && e.targets.length > 0);
    if (top !== undefined) return top.executionId;
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  throw new Error(`no rate-controlled execution of ${name}`);
}

const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Resolves once the run has at least `n` children. */
async function untilChildren(api, id, n) {
  for (;;) {
    const page = await api.listExecutions({filters: [{key: 'ParentExecutionId', values: [id]}]});
    if (page.executions.length >= n || page.nextToken !== undefined) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The requests one read of `:automations` sends, through the view's own fetch in this process. */
async function listRead(fleet, api) {
  fleet.resetRequestCounts();
  await automationsView.fetch({automation: api}, {});
  return sum(fleet.requestCounts());
}

export async function automationBench({targets = 200, steps = 10, concurrency = 20} = {}) {
  // Enough nodes for `targets` Linux instances that are online: the runbook runs shell commands on them.
  const fleet = await startLocalFleet({nodes: Math.ceil(targets * 1.7) + 10, seed: 'automation-bench'});
  const aws = createAwsClients({kind: 'local', region: fleet.region, endpoint: fleet.endpoint, credentials: fleet.credentials, maxAttempts: 1});
  try {
    const chosen = fleet.model.managed().filter((n) => n.platformType === 'Linux' && n.pingStatus === 'Online' && (n.ec2 === undefined || n.ec2.state === 'running'))
      .slice(0, targets).map((n) => n.instanceId);
    if (chosen.length < targets) throw new Error(`only ${chosen.length} Linux instances online for ${targets} targets`);
    for (const id of chosen) fleet.model.setTag(id, TAG.key, TAG.value);
    const name = 'Bench-Runbook';
    await aws.ssm.send(new CreateDocumentCommand({Name: name, DocumentType: 'Automation', Content: JSON.stringify(runbook(steps))}));
    const api = automationApi(aws);
    const request = {documentName: name, targetParameterName: 'InstanceId', targets: [{key: `tag:${TAG.key}`, values: [TAG.value]}],
      maxConcurrency: String(concurrency), maxErrors: '0'};
    const id = await api.start(request);
    const params = {targets, steps, concurrency};
    // What `:automations` costs: its first (full) read and a round while this run is live behind more children than a
    // page holds, and a round once it has ended (after one more read, in case a minute has passed: a full read).
    await untilChildren(api, id, Math.min(targets, 51));
    const full = await listRead(fleet, api);
    const liveRound = await listRead(fleet, api);
    const engine = await engineMs(api, id);
    log(`${targets} instances × ${steps} steps at concurrency ${concurrency}: ${engine.status} in ${engine.ms.toFixed(0)} ms (the engine alone)`);
    emit({bench, metric: 'engine_completion_ms', value: engine.ms, unit: 'ms', ...params, status: engine.status});
    await listRead(fleet, api);
    const idleRound = await listRead(fleet, api);
    log(`:automations: a full read ${full} requests; a round ${liveRound} while the run is live, ${idleRound} once it has ended`);
    emit({bench, metric: 'list_requests_per_full_read', value: full, unit: 'count', ...params});
    emit({bench, metric: 'list_requests_per_round_live', value: liveRound, unit: 'count', ...params});
    emit({bench, metric: 'list_requests_per_round_idle', value: idleRound, unit: 'count', ...params});

    // One refresh of the execution view: the parent (steps, progress) and every page of its children.
    fleet.resetRequestCounts();
    await api.getExecution(id);
    let token;
    let children = 0;
    do {
      const page = await api.listExecutions({filters: [{key: 'ParentExecutionId', values: [id]}], nextToken: token});
      children += page.executions.length;
      token = page.nextToken;
    } while (token !== undefined);
    const counts = fleet.requestCounts();
    for (const [op, n] of Object.entries(counts)) emit({bench, metric: `requests_per_refresh:${op}`, value: n, unit: 'count', ...params});
    // The bound: the parent once, then one DescribeAutomationExecutions page per 50 children.
    emit({bench, metric: 'requests_per_refresh', value: sum(counts), unit: 'count', target: 1 + Math.ceil(children / 50), ...params, children});

    await uiFollows({fleet, api, name, chosen, concurrency, params});
  } finally {
    aws.destroy();
    await fleet.close();
  }
}

const nodesInHeader = (screen) => Number(/│\s+(\d+) nodes/.exec(screen)?.[1] ?? -1);

async function uiFollows({fleet, api, name, chosen, concurrency, params}) {
  const tui = await spawnCli({args: ['--endpoint-url', fleet.endpoint, '--refresh', '3600'], cols: 200, rows: 50,
    env: fleetEnv(fleet, '/tmp/fleetdeck-bench-state')});
  const prompt = async (key, text, clear = false) => {
    await tui.press(key);
    await tui.waitFor(() => /^[/:]/.test(tui.line(-2)), {timeout: 10_000, description: `the prompt of ${key}`});
    if (clear) await tui.press('ctrl-u');
    await tui.type(text);
    await tui.waitFor(() => tui.line(-2).includes(text), {timeout: 10_000, description: `${text} typed`});
    await tui.press('enter');
    await tui.waitFor(() => !/^[/:]/.test(tui.line(-2)), {timeout: 10_000, description: 'the prompt closed'});
  };
  /** The status on the list row of execution `id` (its id is a column), or undefined while it is not listed. */
  const listed = (s, id) => s.split('\n').find((l) => l.includes(id.slice(0, 8)))?.match(/\b(Pending|InProgress|Waiting|Success|Failed|Cancelled|TimedOut)\b/)?.[1];
  try {
    await tui.waitFor((s) => nodesInHeader(s) > 0 && !/loading/.test(s), {timeout: 120_000, description: 'fleet loaded'});
    await prompt(':', 'auto');
    await tui.waitFor((s) => /─ Automation executions \d+\/\d+/.test(s), {timeout: 30_000, description: 'the executions'});

    // A rate-controlled run started elsewhere (the API) while the list is on screen and idle, over more instances than
    // a page holds: its children come before it, and the list follows it behind them.
    await new Promise((r) => setTimeout(r, 2_500));
    fleet.resetRequestCounts();
    const listWatch = stopwatch();
    const elsewhere = await api.start({documentName: name, targetParameterName: 'InstanceId', targets: [{key: 'InstanceIds', values: chosen.slice(0, 60)}],
      maxConcurrency: String(concurrency), maxErrors: '0'});
    await tui.waitFor((s) => listed(s, elsewhere) !== undefined, {timeout: 30_000, description: 'the API-started run listed'});
    const noticeMs = listWatch.elapsed();
    await tui.waitFor((s) => listed(s, elsewhere) === 'Success', {timeout: 120_000, description: 'the API-started run listed as ended'});
    const listMs = listWatch.elapsed();
    const listCounts = fleet.requestCounts();
    const listEngine = await engineMs(api, elsewhere);
    log(`the list showed a run started elsewhere after ${noticeMs.toFixed(0)} ms, its end ${(listMs - listEngine.ms).toFixed(0)} ms after the engine's; ${sum(listCounts)} requests in ${(listMs / 1000).toFixed(1)} s`);
    const listParams = {...params, targets: Math.min(60, chosen.length)};
    emit({bench, metric: 'list_notice_ms', value: noticeMs, unit: 'ms', ...listParams});
    emit({bench, metric: 'list_end_lag_ms', value: listMs - listEngine.ms, unit: 'ms', ...listParams, engine_ms: listEngine.ms});
    emit({bench, metric: 'list_requests_per_second', value: sum(listCounts) / (listMs / 1000), unit: 'count', ...listParams, total: sum(listCounts)});

    // The rate-controlled run started from the dashboard: s, the runbook, the form, enter, y; its steps view follows it.
    await prompt('s', name);
    await tui.waitFor((s) => s.includes('InstanceId') && s.includes(`Start ${name}`), {timeout: 30_000, description: 'the start form'});
    await prompt('t', `tag:${TAG.key}=${TAG.value}`, true);
    await prompt('f', 'InstanceId', true);
    await prompt('c', String(concurrency), true);
    await prompt('x', '0', true);
    await tui.waitFor((s) => s.includes('enter starts it') && new RegExp(`--max-concurrency '?${concurrency}'? --max-errors '?0'?`).test(s), {timeout: 10_000, description: 'the form complete'});
    await tui.press('enter');
    await tui.waitForText(`Start ${name} over tag:${TAG.key}=${TAG.value} (${concurrency} at a time), Auto?`, {timeout: 10_000, description: 'the question'});
    fleet.resetRequestCounts();
    const watch = stopwatch();
    await tui.press('y');
    await tui.waitFor((s) => s.includes(`${name} · Success`), {timeout: 300_000, description: 'the run shown complete'});
    const uiMs = watch.elapsed();
    const counts = fleet.requestCounts();
    const engine = await engineMs(api, await newestRateControlled(api, name));
    const total = sum(counts);
    // Each round of the steps view is one GetAutomationExecution (and a DescribeAutomationStepExecutions page if the
    // steps were cut); the start itself is one request.
    const rounds = counts['ssm:GetAutomationExecution'] ?? 0;
    const perRound = rounds ? (total - (counts['ssm:StartAutomationExecution'] ?? 0)) / rounds : total;
    log(`started from the dashboard: the UI showed ${name} Success ${uiMs.toFixed(0)} ms after y; the engine took ${engine.ms.toFixed(0)} ms (${engine.status}); ${total} requests in ${rounds} rounds`);
    emit({bench, metric: 'ui_completion_ms', value: uiMs, unit: 'ms', ...params});
    emit({bench, metric: 'ui_engine_completion_ms', value: engine.ms, unit: 'ms', ...params, status: engine.status});
    emit({bench, metric: 'ui_lag_ms', value: uiMs - engine.ms, unit: 'ms', ...params});
    emit({bench, metric: 'ui_vs_engine_ratio', value: uiMs / engine.ms, unit: 'ratio', target: 1.3, ...params});
    emit({bench, metric: 'ui_requests_per_round', value: perRound, unit: 'count', ...params, rounds, total});
    emit({bench, metric: 'ui_requests_per_second', value: total / (uiMs / 1000), unit: 'count', ...params, total});
  } finally {
    await tui.close();
  }
}
