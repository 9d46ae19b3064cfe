// The Run Command form in the App, against the local fleet through the real SDK: the searchable document picker
// (ListDocuments), parameter fields generated from the chosen document's schema (GetDocument), target expressions
// with a live count, and inline errors that send nothing.
import {describe, expect, it} from 'vitest';
import {createAppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {runCommandApi} from '../../../src/aws/run-command/run-command-api.js';
import {RunRegistry} from '../../../src/fleet/run-command/run-registry.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';
import {createAwsClients, type AwsClients} from '../../../src/aws/clients.js';
import {startOutageProxy} from '../../helpers/outage-proxy.js';

const local = useFleetClients({nodes: 90, seed: 5});
const renderApp = useAppRenderer();

function setup(aws: AwsClients = local.aws) {
  const {fleet} = local;
  const store = createAppStore({size: {cols: 120, rows: 34}});
  const loader = new FleetLoader(aws);
  const services: Services = {loadFleet: (o) => loader.load(o), runCommand: runCommandApi(aws), identity: 'local',
    runs: new RunRegistry()};
  const app = renderApp({store, services, target: {kind: 'local', region: fleet.region, label: 'LOCAL FLEET', endpoint: fleet.endpoint}});
  /** The whole fleet is in (the first pages are shown while the rest still loads). */
  const loaded = () => app.frame((s) => /Managed instances [1-9]\d*\//.test(s) && store.getState().sync.lastSuccessAt !== undefined, 'the fleet');
  return {store, ...app, loaded};
}

describe('the Run Command form (Ink, local fleet)', () => {
  it('generates the parameter fields from the schema and switches documents with the picker', async () => {
    const {press, frame, store, loaded} = setup();
    await loaded();
    await press('r');
    // AWS-RunShellScript's schema: commands (required), workingDirectory, executionTimeout with its default.
    let f = await frame((s) => s.includes('workingDirectory'), 'the shell schema');
    expect(f).toMatch(/commands \*/);
    expect(f).toMatch(/executionTimeout\s+3600/);
    // Nothing is marked: the form names the instance under the cursor.
    const st = store.getState().tables.instances;
    const cur = st?.visible[st.cursor] as {instanceId: string} | undefined;
    expect(f).toMatch(new RegExp(`Targets\\s+\\S+ \\(${cur?.instanceId}\\)`));
    await press('shift+tab', 'enter');
    f = await frame((s) => s.includes('Choose a document') && s.includes('AWS-RunPatchBaseline'), 'the picker');
    expect(f).toContain('AWS-UpdateSSMAgent');
    expect(f).not.toContain('AWS-RunPowerShellScript'); // the target is Linux
    await frame((s) => /> AWS-RunShellScript/.test(s), 'the cursor on the current document');
    await press('p', 'a', 't', 'c', 'h');
    f = await frame((s) => /> AWS-RunPatchBaseline/.test(s), 'the fuzzy match under the cursor');
    expect(f).not.toContain('AWS-UpdateSSMAgent');
    await press('enter');
    f = await frame((s) => s.includes('Operation'), 'the patch schema');
    expect(f).toMatch(/Document\s+AWS-RunPatchBaseline/);
    expect(f).toMatch(/Operation \*\s+←→ Scan \| Install/);
    expect(f).toMatch(/RebootOption\s+RebootIfNeeded/);
    expect(f).not.toContain('workingDirectory');
    await press('tab', 'right');
    await frame((s) => /Operation \*\s+Scan/.test(s), 'Operation set to its first allowed value');
    await press('right');
    await frame((s) => /Operation \*\s+Install/.test(s), 'Operation cycled to Install');
    expect(store.getState().runForm?.params.Operation).toBe('Install');
  });

  it('counts what a target expression resolves to, live, and refuses one that matches nothing', async () => {
    const {press, frame, store, loaded} = setup();
    await loaded();
    const prod = store.getState().instances.filter((i) => i.tags.Env === 'prod');
    expect(prod.length).toBeGreaterThan(0);
    await press('r');
    await frame((s) => s.includes('workingDirectory'), 'the schema');
    await press('shift+tab', 'shift+tab');
    for (const ch of 'tag:Env=prod') await press(ch);
    const online = prod.filter((i) => i.pingStatus === 'Online').length;
    await frame((s) => new RegExp(`tag:Env=prod█?\\s+→ ${prod.length} instances? \\(${online} online\\)`).test(s), 'the live count');
    await press('x');
    await frame((s) => s.includes('tag:Env=prodx matches no managed instance right now'), 'no match');
    await press('tab', 'tab');
    for (const ch of 'uptime') await press(ch);
    await press('ctrl+s');
    await frame((s) => s.includes('✗ Targets: tag:Env=prodx matches no managed instance'), 'the inline error');
    expect(store.getState().runForm?.stage).toBe('edit');
    expect(local.fleet.requestCounts()['ssm:SendCommand'] ?? 0).toBe(0);
  });

  it('checks allowedPattern before anything is sent, then confirms with the expression and its breakdown', async () => {
    const {press, frame, store, loaded} = setup();
    await loaded();
    await press('r');
    await frame((s) => s.includes('workingDirectory'), 'the schema');
    for (const ch of 'uptime') await press(ch);
    await press('tab', 'tab', 'ctrl+u', 's', 'o', 'o', 'n', 'ctrl+s');
    await frame((s) => /✗ Parameters: parameter "executionTimeout": "soon" does not match/.test(s), 'the pattern error');
    await press('ctrl+u', '6', '0');
    await press('shift+tab', 'shift+tab', 'shift+tab', 'shift+tab');
    for (const ch of 'tag:Env=prod') await press(ch);
    await press('ctrl+s');
    const f = await frame((s) => s.includes('Confirm: run AWS-RunShellScript'), 'the confirmation');
    expect(f).toMatch(/Env: {2}prod \d+/);
    expect(f).toMatch(/executionTimeout: 60/);
    expect(f).toContain("--targets 'Key=tag:Env,Values=prod'");
    expect(store.getState().runForm?.stage).toBe('confirm');
    expect(local.fleet.requestCounts()['ssm:SendCommand'] ?? 0).toBe(0);
  });

  /** Filter to the online Linux nodes, mark them all, and fill the form: more than 50 ids, one fleet-wide budget. */
  async function runOnAllOnline(t: ReturnType<typeof setup>, script: string, concurrency: string) {
    const {press, frame, store} = t;
    await t.loaded();
    await press('/');
    for (const ch of 'ping:online platform:linux') await press(ch);
    await press('enter', '\x01');
    const n = store.getState().tables.instances?.marks.size ?? 0;
    expect(n).toBeGreaterThan(50);
    await press('r');
    await frame((s) => s.includes('workingDirectory'), 'the schema');
    for (const ch of script) await press(ch);
    await press('tab', 'tab', 'tab', 'ctrl+u');
    for (const ch of concurrency) await press(ch);
    await press('ctrl+s');
    await frame((s) => s.includes(`Type ${n} and press enter`), 'the typed confirmation');
    for (const ch of String(n)) await press(ch);
    await press('enter');
    return n;
  }

  it('shows every instance of a run over 50 ids (several SendCommands) as it goes', async () => {
    const t = setup();
    local.fleet.resetRequestCounts();
    const n = await runOnAllOnline(t, 'echo hi', '100%');
    await t.frame((s) => new RegExp(`Results .*${n}/${n} .*\\d+ Pending`).test(s), 'every target listed at once, unsent ones Pending', 20_000);
    await t.frame((s) => new RegExp(`Results .*${n}/${n} .*] ${n} Success`).test(s), 'every instance finished', 20_000);
    expect(local.fleet.requestCounts()['ssm:SendCommand']).toBeGreaterThan(1);
    expect(local.fleet.requestCounts()['ssm:GetCommandInvocation'] ?? 0).toBe(0);
  }, 30_000);

  /** Every flash the header showed, in order (a frame may be missed; the store never is). */
  function flashes(t: ReturnType<typeof setup>): string[] {
    const seen: string[] = [];
    t.store.subscribe((st, prev) => {
      if (st.flash && st.flash !== prev.flash) seen.push(st.flash.text);
    });
    return seen;
  }

  it('rides out a throttling storm: "following interrupted", never "Run Command failed", every instance finishes', async () => {
    const t = setup();
    const seen = flashes(t);
    // A burst the run itself sees (these clients make one attempt per call), then a storm with about half the calls
    // throttled that passes (the SDK's adaptive mode slows the client down while it lasts).
    local.fleet.injectFault({kind: 'throttle', operation: 'ListCommandInvocations', count: 2});
    for (const operation of ['SendCommand', 'ListCommandInvocations', 'ListCommands']) {
      local.fleet.injectFault({kind: 'throttle', operation, probability: 0.5, count: 6});
    }
    try {
      const n = await runOnAllOnline(t, 'echo hi', '100%');
      await t.frame((s) => new RegExp(`Results .*${n}/${n} .*] ${n} Success`).test(s), 'every instance finished', 90_000);
      await t.frame((s) => s.includes(`run finished: ${n} Success`), 'the run over', 20_000);
    } finally {
      local.fleet.clearFaults();
    }
    expect(seen.some((x) => /^run: following interrupted \(throttled/.test(x))).toBe(true);
    expect(seen.filter((x) => x.includes('Run Command failed'))).toEqual([]);
  }, 120_000);

  it('follows a run again after its endpoint was killed and restarted', async () => {
    const proxy = await startOutageProxy(local.fleet.endpoint);
    const aws = createAwsClients({kind: 'local', region: local.fleet.region, endpoint: proxy.url,
      credentials: local.fleet.credentials, maxAttempts: 1, requestTimeoutSeconds: 5});
    try {
      const t = setup(aws);
      const seen = flashes(t);
      const n = await runOnAllOnline(t, 'sleep 0.5', '10');
      await t.frame((s) => /InProgress/.test(s), 'the run under way', 20_000);
      await proxy.down();
      await t.frame((s) => s.includes('run: following interrupted (endpoint unreachable'), 'the outage shown', 20_000);
      await proxy.up();
      await t.frame((s) => new RegExp(`Results .*${n}/${n} .*] ${n} Success`).test(s), 'every instance finished', 60_000);
      expect(seen).toContain('run: following again');
      expect(seen.filter((x) => x.includes('Run Command failed'))).toEqual([]);
    } finally {
      await proxy.close();
      aws.destroy();
    }
  }, 120_000);

  it('cancels a run over 50 ids: nothing more is sent and every instance ends Cancelled', async () => {
    const t = setup();
    const n = await runOnAllOnline(t, 'sleep 30', '5');
    // Five running fill the concurrency of 5: the ramp-up has nothing more to send until one ends (sleep 30).
    await t.frame((s) => /\b5 InProgress\b/.test(s), 'the concurrency filled', 20_000);
    const sends = local.fleet.requestCounts()['ssm:SendCommand'] ?? 0;
    await t.press('c');
    await t.frame((s) => /Cancel this run \(\d+ commands?; \d+ instances not sent yet never will be\)\?/.test(s), 'the question');
    await t.press('y');
    await t.frame((s) => new RegExp(`] ${n} Cancelled`).test(s), 'all cancelled', 20_000);
    expect(local.fleet.requestCounts()['ssm:SendCommand']).toBe(sends);
  }, 30_000);
});
