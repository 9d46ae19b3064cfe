// Automation on the local fleet (issue 15): a 10-step runbook over 200 targets at MaxConcurrency 20, as one
// rate-controlled execution with 200 children. Reports the engine's own completion time (StartAutomationExecution
// answered → the parent ended, read from the fleet's store) — the baseline a UI following the run is compared
// with — and the requests one refresh of the execution costs through the adapter (the parent with its steps and
// every page of its children). Then the UI side: the built CLI under a pty follows an identical run from
// `:automations` into its steps view until it shows Success — ui_vs_engine_ratio (target ≤ 1.3) compares that with
// the engine's completion of the same run, and the requests it sent per polling round.
import {startLocalFleet} from '../dist/local/server.js';
import {createAwsClients} from '../dist/aws/clients.js';
import {automationApi} from '../dist/aws/automation/automation-api.js';
import {automationStore} from '../dist/local/ssm/automation/index.js';
import {CreateDocumentCommand} from '@aws-sdk/client-ssm';
import {emit, log} from './lib/emit.mjs';
import {spawnCli} from './lib/pty.mjs';
import {fleetEnv} from './lib/fleet-env.mjs';
import {stopwatch} from './lib/timer.mjs';

const bench = 'automation.rate-control';

function runbook(steps) {
  const mainSteps = Array.from({length: steps}, (_, i) => (i % 2 === 0
    ? {name: `step${i}`, action: 'aws:sleep', inputs: {Duration: 'PT0S'}}
    : {name: `step${i}`, action: 'aws:executeAwsApi', inputs: {Service: 'ssm', Api: 'DescribeDocument', Name: 'AWS-RunShellScript'},
      outputs: [{Name: 'Status', Selector: '$.Document.Status', Type: 'String'}]}));
  return {schemaVersion: '0.3', parameters: {Item: {type: 'String'}}, mainSteps};
}

export async function automationBench({targets = 200, steps = 10, concurrency = 20} = {}) {
  const fleet = await startLocalFleet({nodes: 20, seed: 'automation-bench'});
  const aws = createAwsClients({kind: 'local', region: fleet.region, endpoint: fleet.endpoint, credentials: fleet.credentials, maxAttempts: 1});
  try {
    const name = 'Bench-Runbook';
    await aws.ssm.send(new CreateDocumentCommand({Name: name, DocumentType: 'Automation', Content: JSON.stringify(runbook(steps))}));
    const api = automationApi(aws);
    const values = Array.from({length: targets}, (_, i) => `item-${i}`);
    const watch = stopwatch();
    const id = await api.start({documentName: name, targetParameterName: 'Item', targets: [{key: 'ParameterValues', values}], maxConcurrency: String(concurrency), maxErrors: '0'});
    const store = automationStore(fleet.model);
    while (store.get(id)?.endedAt === undefined) await new Promise((r) => setTimeout(r, 2));
    const engineMs = watch.elapsed();
    const parent = store.get(id);
    log(`${targets} targets × ${steps} steps at concurrency ${concurrency}: ${parent?.status} in ${engineMs.toFixed(0)} ms`);
    const params = {targets, steps, concurrency};
    emit({bench, metric: 'engine_completion_ms', value: engineMs, unit: 'ms', ...params, status: parent?.status});

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
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    for (const [op, n] of Object.entries(counts)) emit({bench, metric: `requests_per_refresh:${op}`, value: n, unit: 'count', ...params});
    // The bound: the parent once, then one DescribeAutomationExecutions page per 50 children.
    emit({bench, metric: 'requests_per_refresh', value: total, unit: 'count', target: 1 + Math.ceil(children / 50), ...params, children});

    await uiFollows({fleet, api, name, values, concurrency, params});
  } finally {
    aws.destroy();
    await fleet.close();
  }
}

const nodesInHeader = (screen) => Number(/│\s+(\d+) nodes/.exec(screen)?.[1] ?? -1);

/** The same run followed in the dashboard: started once `:automations` is on screen, opened as soon as its row shows. */
async function uiFollows({fleet, api, name, values, concurrency, params}) {
  const tui = await spawnCli({args: ['--endpoint-url', fleet.endpoint, '--refresh', '3600'], cols: 200, rows: 50,
    env: fleetEnv(fleet, '/tmp/fleetdeck-bench-state')});
  try {
    await tui.waitFor((s) => nodesInHeader(s) > 0 && !/loading/.test(s), {timeout: 120_000, description: 'fleet loaded'});
    await tui.press(':');
    await tui.type('auto');
    await tui.press('enter');
    await tui.waitFor((s) => /─ Automation executions \d+\/\d+/.test(s), {timeout: 30_000, description: 'the executions'});
    const store = automationStore(fleet.model);
    fleet.resetRequestCounts();
    const watch = stopwatch();
    const id = await api.start({documentName: name, targetParameterName: 'Item', targets: [{key: 'ParameterValues', values}], maxConcurrency: String(concurrency), maxErrors: '0'});
    const engine = (async () => {
      while (store.get(id)?.endedAt === undefined) await new Promise((r) => setTimeout(r, 2));
      return watch.elapsed();
    })();
    // The newest run is the first row: enter opens its steps, which refresh twice a second.
    await tui.waitFor((s) => s.includes(id.slice(0, 8)) && /─ Automation executions \d+\/\d+/.test(s), {timeout: 60_000, description: 'the run listed'});
    await tui.press('enter');
    await tui.waitFor((s) => s.includes(id) && s.includes(`${name} · Success`), {timeout: 120_000, description: 'the run shown complete'});
    const uiMs = watch.elapsed();
    const engineMs = await engine;
    const counts = fleet.requestCounts();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const rounds = (counts['ssm:GetAutomationExecution'] ?? 0) + (counts['ssm:DescribeAutomationExecutions'] ?? 0);
    log(`UI showed ${name} Success ${uiMs.toFixed(0)} ms after the start; the engine ended it at ${engineMs.toFixed(0)} ms; ${total} requests in ${rounds} rounds`);
    emit({bench, metric: 'ui_completion_ms', value: uiMs, unit: 'ms', ...params});
    emit({bench, metric: 'ui_engine_completion_ms', value: engineMs, unit: 'ms', ...params});
    emit({bench, metric: 'ui_vs_engine_ratio', value: uiMs / engineMs, unit: 'ratio', target: 1.3, ...params});
    emit({bench, metric: 'ui_requests_per_round', value: rounds ? total / rounds : total, unit: 'count', ...params, rounds, total});
  } finally {
    await tui.close();
  }
}
