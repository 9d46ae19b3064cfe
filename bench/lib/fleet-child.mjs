// A local fleet in a process of its own, for benchmarks whose nodes run real processes: 1,000 `echo ok` spawns
// would otherwise block the measuring process's event loop, and with it the key → frame clock. Started by
// fleet-process.mjs (which documents the operations); answers IPC messages {id, op, arg} with {id, result} or
// {id, error}. Needs a built dist/.
import {startLocalFleet} from '../../dist/local/server.js';
import {runCommandStore, snapshotOf} from '../../dist/local/ssm/run-command/store.js';

const opts = JSON.parse(process.argv[2] ?? '{}');
const fleet = await startLocalFleet({nodes: opts.nodes, seed: opts.seed});
const store = runCommandStore(fleet.model);

/** @type {{at: number; op: string; n: number}[]} */
let events = [];
/** @type {NodeJS.Timeout | undefined} */
let sampler;
/** @type {Record<string, number>} */
let last = {};

// The fleet counts requests by operation; sampling those counters often enough turns them into a timeline that
// polling rounds can be read from (rounds are ≥ 1 s apart, samples 10 ms).
const sample = () => {
  const now = fleet.requestCounts();
  const at = Date.now();
  for (const [op, n] of Object.entries(now)) {
    const d = n - (last[op] ?? 0);
    if (d > 0) events.push({at, op, n: d});
  }
  last = now;
};

/** One command of the store as fleet-process.d.mts's FleetCommand. @param {any} cmd */
const describe = (cmd) => {
  const snap = snapshotOf(cmd);
  /** @type {Record<string, number>} */
  const statuses = {};
  for (const inv of snap.invocations) statuses[inv.statusDetails] = (statuses[inv.statusDetails] ?? 0) + 1;
  let lastEndedAt = 0;
  for (const inv of cmd.invocations.values()) lastEndedAt = Math.max(lastEndedAt, inv.endedAt ?? 0);
  return {seq: cmd.seq, requestedAt: cmd.requestedAt, targetCount: cmd.order.length, byIds: cmd.instanceIds.length > 0,
    done: snap.done, statuses, lastEndedAt};
};

/** @type {Record<string, (arg: any) => unknown>} */
const ops = {
  // Tags the first `count` Online Linux nodes (the ones a shell script can run on) with key=value.
  tagRunnable: ({key, value, count}) => {
    const nodes = fleet.model.managed().filter((n) => n.pingStatus === 'Online' && n.platformType === 'Linux').slice(0, count);
    for (const n of nodes) fleet.model.setTag(n.instanceId, key, value);
    return nodes.length;
  },
  managedCount: () => fleet.model.managed().length,
  requestCounts: () => fleet.requestCounts(),
  resetRequestCounts: () => {
    fleet.resetRequestCounts();
    last = {};
  },
  startRecording: () => {
    clearInterval(sampler);
    events = [];
    last = fleet.requestCounts();
    sampler = setInterval(sample, 10);
  },
  stopRecording: () => {
    clearInterval(sampler);
    sample();
    return events;
  },
  lastCommandSeq: () => store.all()[0]?.seq ?? 0,
  commandsSince: (seq) => store.all().filter((c) => c.seq > seq).map(describe).reverse(),
  close: async () => {
    clearInterval(sampler);
    await fleet.close();
  },
};

process.on('message', (msg) => {
  const {id, op, arg} = /** @type {{id: number; op: string; arg: unknown}} */ (msg);
  Promise.resolve()
    .then(() => {
      const fn = ops[op];
      if (fn === undefined) throw new Error(`fleet-child: unknown operation ${op}`);
      return fn(arg);
    })
    .then(
      (result) => process.send?.({id, result}),
      (e) => process.send?.({id, error: e instanceof Error ? e.message : String(e)}),
    )
    .finally(() => {
      if (op === 'close') process.disconnect();
    });
});
// The parent went away without closing: kill whatever the nodes still run.
process.on('disconnect', () => {
  void fleet.close().then(() => process.exit(0));
});
process.send?.({ready: {endpoint: fleet.endpoint, region: fleet.region, credentials: fleet.credentials}});
