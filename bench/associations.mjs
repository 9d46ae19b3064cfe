// State Manager at 2,000 associations over 5,000 nodes, through the built CLI under a pty: from `:associations` to
// all 2,000 rows counted in the title (target ≤ 1 s), and from `t` on the association that targets ~1,000 nodes to
// its targeted instances on screen with the statuses of its latest execution (target ≤ 1 s); requests by operation.
// The associations are made through the SDK before the CLI starts, as a user's would be: varied documents, tag
// targets, cron schedules applied only at their interval (nothing runs at creation); a few are applied once so they
// have executions and per-target statuses.
import {
  CreateAssociationCommand, DescribeAssociationExecutionsCommand, DescribeAssociationExecutionTargetsCommand, ListAssociationsCommand,
  SSMClient, StartAssociationsOnceCommand,
} from '@aws-sdk/client-ssm';
import {startLocalFleet} from '../dist/local/server.js';
import {associationStore} from '../dist/local/ssm/associations/association-store.js';
import {spawnCli} from './lib/pty.mjs';
import {emit, log} from './lib/emit.mjs';
import {fleetEnv} from './lib/fleet-env.mjs';
import {summarize} from './lib/stats.mjs';
import {stopwatch} from './lib/timer.mjs';

const nodesInHeader = (screen) => Number(/│\s+(\d+) nodes/.exec(screen)?.[1] ?? -1);
/** "Associations 2000/2000": rows shown / rows in the view. */
const titleTotal = (screen, title) => Number(new RegExp(`─ ${title} (?:\\S+ )?\\d+/(\\d+)`).exec(screen)?.[1] ?? -1);
const WIDE = 'bench-wide';

function emitCounts(metric, counts, associations) {
  for (const [op, n] of Object.entries(counts)) {
    emit({bench: 'associations.requests', metric: `${metric}:${op}`, value: n, unit: 'count', associations});
  }
}

/** A tag and the values of it that together select about `want` nodes (greedy over the fleet's own tags). */
function tagNear(nodes, want) {
  let best;
  for (const key of ['Role', 'Team', 'Env']) {
    const counts = new Map();
    for (const n of nodes) if (n.tags[key]) counts.set(n.tags[key], (counts.get(n.tags[key]) ?? 0) + 1);
    const values = [];
    let total = 0;
    for (const [value, n] of [...counts].sort((a, b) => b[1] - a[1])) {
      if (Math.abs(total + n - want) < Math.abs(total - want)) {
        values.push(value);
        total += n;
      }
    }
    if (values.length && (!best || Math.abs(total - want) < Math.abs(best.total - want))) best = {key, values, total};
  }
  return best;
}

const DOCS = [
  {Name: 'AWS-RunShellScript', Parameters: {commands: ['true']}},
  {Name: 'AWS-UpdateSSMAgent', Parameters: {}},
  {Name: 'AWS-RunPatchBaseline', Parameters: {Operation: ['Scan']}},
  {Name: 'AWS-RunPowerShellScript', Parameters: {commands: ['exit 0']}},
];
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNSPECIFIED'];

/** The bulk straight into the fleet's store (as CreateAssociation would store them); the wide one through the SDK. */
async function createAssociations(ssm, fleet, count, wide) {
  const nodes = fleet.model.managed();
  const store = associationStore(fleet.model);
  const keys = ['Role', 'Team', 'Env'];
  const ids = [];
  for (let i = 0; i < count; i++) {
    const key = keys[i % keys.length];
    const doc = DOCS[i % DOCS.length];
    const record = store.create({
      version: 1, createdAt: store.now(), documentName: doc.Name, documentVersion: undefined, parameters: doc.Parameters,
      targets: [{Key: `tag:${key}`, Values: [nodes[(i * 7919) % nodes.length].tags[key]]}], instanceId: undefined,
      scheduleExpression: `cron(${i % 60} ${i % 24} ? * * *)`, associationName: `bench-${String(i).padStart(4, '0')}`, maxConcurrency: '100%',
      maxErrors: '100%', complianceSeverity: SEVERITIES[i % SEVERITIES.length], syncCompliance: 'AUTO', applyOnlyAtCronInterval: true,
      scheduleOffset: undefined, duration: undefined, outputLocation: undefined,
    });
    ids.push(record.associationId);
  }
  const {AssociationDescription: w} = await ssm.send(new CreateAssociationCommand({
    ...DOCS[0], AssociationName: WIDE, Targets: [{Key: `tag:${wide.key}`, Values: wide.values}], ScheduleExpression: 'cron(0 3 ? * SUN *)',
    ApplyOnlyAtCronInterval: true, ComplianceSeverity: 'HIGH', MaxConcurrency: '100', MaxErrors: '100%'}));
  return {ids, wideId: w.AssociationId};
}

/** How many targets of the association's latest execution have ended, once that stops changing (nodes that are offline
 * wait for delivery far longer than a benchmark would). */
async function settledTargets(ssm, associationId) {
  let last = -1;
  let steady = 0;
  for (let polls = 0; polls < 240; polls++) {
    const ex = (await ssm.send(new DescribeAssociationExecutionsCommand({AssociationId: associationId}))).AssociationExecutions?.[0];
    let done = 0;
    let token;
    if (ex) {
      do {
        const res = await ssm.send(new DescribeAssociationExecutionTargetsCommand({AssociationId: associationId, ExecutionId: ex.ExecutionId,
          MaxResults: 50, ...(token ? {NextToken: token} : {})}));
        done += (res.AssociationExecutionTargets ?? []).filter((t) => t.Status === 'Success' || t.Status === 'Failed').length;
        token = res.NextToken;
      } while (token);
    }
    steady = done > 0 && done === last ? steady + 1 : 0;
    if (steady >= 3 || (ex && (ex.Status === 'Success' || ex.Status === 'Failed'))) return done;
    last = done;
    await new Promise((r) => setTimeout(r, 500));
  }
  return Math.max(0, last);
}

export async function associationsBench({nodes = 5_000, associations = 2_000, runs = 3} = {}) {
  const fleet = await startLocalFleet({nodes, seed: 'associations-bench'});
  const ssm = new SSMClient({region: fleet.region, endpoint: fleet.endpoint, credentials: fleet.credentials});
  try {
    let seeded = 0;
    let token;
    do {
      const res = await ssm.send(new ListAssociationsCommand({MaxResults: 50, ...(token ? {NextToken: token} : {})}));
      seeded += res.Associations?.length ?? 0;
      token = res.NextToken;
    } while (token);
    const managed = fleet.model.managed();
    const wide = tagNear(managed, Math.round(managed.length / 5));
    log(`associations: ${seeded} seeded, creating ${associations - seeded - 1} and ${WIDE} on tag:${wide.key}=${wide.values.join(',')} (${wide.total} nodes)`);
    const {ids, wideId} = await createAssociations(ssm, fleet, Math.max(0, associations - seeded - 1), wide);
    // The wide one runs once so it has an execution and per-target statuses (at most 100 nodes at a time: the
    // processes are real and this machine is shared).
    await ssm.send(new StartAssociationsOnceCommand({AssociationIds: [wideId]}));
    const ended = await settledTargets(ssm, wideId);
    const total = seeded + ids.length + 1;
    // The local fleet works out every association's overview (2,000 × 5,000 nodes) on the first listing after a change;
    // that is its simulation's cost, not the dashboard's, so it is paid here.
    await ssm.send(new ListAssociationsCommand({MaxResults: 50}));
    log(`associations: ${total} in all; ${WIDE} ran on ${ended} nodes`);

    const onScreen = [];
    const perTarget = [];
    const statuses = [];
    let listCounts = {};
    let targetCounts = {};
    let statusCounts = {};
    for (let i = 0; i < runs; i++) {
      const tui = await spawnCli({args: ['--endpoint-url', fleet.endpoint, '--refresh', '3600'], cols: 170, rows: 45,
        env: fleetEnv(fleet, '/tmp/fleetdeck-bench-state')});
      await tui.waitFor((s) => nodesInHeader(s) === managed.length && !/loading/.test(s), {timeout: 120_000, description: 'fleet loaded'});
      await tui.waitForIdle(300, {timeout: 30_000});
      await tui.press(':');
      await tui.type('associations');
      fleet.resetRequestCounts();
      let sw = stopwatch();
      await tui.press('enter');
      await tui.waitFor((s) => titleTotal(s, 'Associations') === total, {timeout: 60_000, description: `the ${total} associations`});
      onScreen.push(sw.elapsed());
      listCounts = fleet.requestCounts();

      await tui.press('/');
      await tui.type(WIDE);
      await tui.press('enter');
      await tui.waitFor((s) => /─ Associations 1\//.test(s) && s.includes(WIDE), {timeout: 30_000, description: `${WIDE} alone`});
      await tui.waitForIdle(300, {timeout: 60_000});
      fleet.resetRequestCounts();
      sw = stopwatch();
      await tui.press('t');
      await tui.waitFor((s) => titleTotal(s, 'Targeted instances') === wide.total, {timeout: 60_000,
        description: `the ${wide.total} targeted instances`});
      perTarget.push(sw.elapsed());
      targetCounts = fleet.requestCounts();
      // Every status of the latest execution drawn (or, where only some are asked for, the ones asked for).
      await tui.waitFor((s) => {
        const m = /(\d+) success · (\d+) failed/.exec(s);
        return m !== null && (Number(m[1]) + Number(m[2]) >= ended || /statuses of the first \d+ only/.test(s));
      }, {timeout: 120_000, description: 'the statuses of every target'});
      statuses.push(sw.elapsed());
      statusCounts = fleet.requestCounts();
      await tui.press('q');
      await tui.close();
    }
    emit({bench: 'associations.2k', metric: 'associations_view_on_screen_ms_p50', value: summarize(onScreen).p50, unit: 'ms', nodes,
      associations: total, runs, samples: onScreen, target: {max: 1000}});
    emit({bench: 'associations.2k', metric: 'per_target_rows_on_screen_ms_p50', value: summarize(perTarget).p50, unit: 'ms', nodes,
      targets: wide.total, runs, samples: perTarget, target: {max: 1000}});
    emit({bench: 'associations.2k', metric: 'per_target_statuses_on_screen_ms_p50', value: summarize(statuses).p50, unit: 'ms', nodes,
      targets: wide.total, ran: ended, runs, samples: statuses});
    emitCounts('list_on_screen', listCounts, total);
    emitCounts('per_target_rows', targetCounts, total);
    emitCounts('per_target_statuses', statusCounts, total);
  } finally {
    ssm.destroy();
    await fleet.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  log('State Manager benchmarks');
  await associationsBench();
  process.exit(0);
}
