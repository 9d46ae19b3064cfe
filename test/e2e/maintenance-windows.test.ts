// Maintenance windows in the built CLI under a real pty: create a window in the form (its next runs previewed), register
// a tag expression and an AWS-RunPatchBaseline Install task, move the fleet clock to its opening, and follow the run
// to its task and each instance's invocation and output; then the compliance view shows the patch counts the
// install changed (read through the SDK before and after).
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {fleetControlClient} from '../../src/local/control-client.js';
import {windowStore} from '../../src/local/ssm/windows/index.js';
import {linuxNodes} from '../helpers/run-command.js';
import {createAwsClients} from '../../src/aws/clients.js';
import {complianceApi} from '../../src/aws/compliance/compliance-api.js';

const spawn = useTuis();
const t = useLocalFleet({nodes: 30, seed: 'maintenance-windows-e2e'});

describe('maintenance windows', () => {
  it('creates a window on a tag expression with an Install task, sees it fire on the fleet clock, and reads its invocations', async () => {
    const chosen = linuxNodes(t.fleet).slice(0, 2).map((n) => n.instanceId);
    for (const id of chosen) t.fleet.model.setTag(id, 'PatchNow', 'e2e');
    const tui = await spawn({args: [CLI_PATH, '--endpoint-url', t.fleet.endpoint], cols: 170, rows: 45, env: t.env()});
    await tui.waitForText(/Managed instances [1-9]\d*\//, {description: 'rows loaded'});
    /** Types into the prompt a key opened (cleared first), then enter; each step waits for the screen. */
    const field = async (key: string, text: string) => {
      await tui.press(key);
      await tui.waitFor(() => tui.line(-2).startsWith('/'), {description: `the prompt of ${key}`});
      await tui.press('ctrl-u');
      await tui.type(text);
      await tui.waitFor(() => tui.line(-2).includes(text), {description: `${text} typed`});
      await tui.press('enter');
      await tui.waitFor(() => !tui.line(-2).startsWith('/'), {description: 'prompt closed'});
    };
    await tui.press(':');
    await tui.type('mw');
    await tui.press('enter');
    await tui.waitFor((s) => /Maintenance windows \d+\/\d+/.test(s) && s.includes('patch-tuesday-prod') && /\(in \d/.test(s), {description: 'the windows with their next run'});
    await tui.press('c');
    await tui.waitForText('Create a maintenance window', {description: 'the form'});
    await field('n', 'e2e-patch-window');
    await field('s', 'rate(4 hours)');
    await tui.waitFor((s) => /next: \w{3} \d+ \w{3}( \d{4})? \d\d:\d\d · .* \(local time\)/.test(s) && s.includes('enter creates it'), {description: 'the next runs'});
    await tui.press('enter');
    await tui.waitForText('Create the maintenance window e2e-patch-window, rate(4 hours) UTC, 3h?', {description: 'the question'});
    await tui.press('y');
    await tui.waitFor((s) => s.includes('Window id') && s.includes('Targets (0)'), {description: 'the new window', timeout: 10_000});
    const windowId = (/Window id\s+(mw-[0-9a-f]+)/.exec(tui.screen()) ?? [])[1] ?? '';
    await field('t', 'tag:PatchNow=e2e');
    await tui.waitForText('Register tag:PatchNow=e2e with e2e-patch-window?', {description: 'the targets question'});
    await tui.press('y');
    await tui.waitFor((s) => s.includes('Targets (1)') && s.includes('→ 2 instances: '), {description: 'the targets resolved'});
    await field('a', 'AWS-RunPatchBaseline Operation=Install RebootOption=RebootIfNeeded concurrency=2 errors=1');
    await tui.waitForText('Register AWS-RunPatchBaseline on the 1 target of e2e-patch-window?', {description: 'the task question'});
    await tui.press('y');
    await tui.waitFor((s) => s.includes('Tasks (1, in priority order)') && /RUN_COMMAND\s+AWS-RunPatchBaseline/.test(s), {description: 'the task registered'});

    // The fleet clock moves to the window's opening (SSM's next run, as the local fleet computes it).
    const aws = createAwsClients({kind: 'local', region: t.fleet.region, endpoint: t.fleet.endpoint, credentials: t.fleet.credentials, maxAttempts: 1});
    const compliance = complianceApi(aws);
    const PATCH = [{Key: 'ComplianceType', Values: ['Patch'], Type: 'EQUAL' as const}];
    const patchOf = async () => {
      const mine = (await compliance.resources(PATCH)).filter((r) => chosen.includes(r.instanceId));
      return Object.fromEntries(mine.map((r) => [r.instanceId, `${r.compliant}/${r.nonCompliant}`]));
    };
    const patchSummary = async () => (await compliance.summaries()).find((x) => x.type === 'Patch');
    const beforeInstances = await patchOf();
    const beforeSummary = await patchSummary();
    const store = windowStore(t.fleet.model);
    const record = store.get(windowId);
    const next = record ? store.upcoming(record, 1)[0] ?? 0 : 0;
    expect(next).toBeGreaterThan(0);
    await fleetControlClient(t.fleet).advanceClock(next - store.now() + 1_000);
    await tui.press('e');
    await tui.waitFor((s) => /Window runs \S+ 1\/1/.test(s) && /SUCCESS|FAILED/.test(s), {description: 'the run ended', timeout: 60_000});
    await tui.press('enter');
    await tui.waitFor((s) => /Run tasks \S+ 1\/1/.test(s) && s.includes('AWS-RunPatchBaseline'), {description: 'its task'});
    await tui.press('enter');
    // Both instances' invocations (the list loads after the screen opens, so wait for the rows, not the title).
    await tui.waitFor((s) => /[0-2] success · [0-2] failed · 0 other/.test(s) && chosen.every((id) => s.includes(id)), {description: 'each instance\'s invocation', timeout: 30_000});
    await tui.press('enter');
    await tui.waitFor((s) => /exit code \d+/.test(s), {description: 'the invocation\'s output'});

    // The install reported its patches: the instances' Patch compliance moved, and :compliance shows the new counts.
    const afterInstances = await patchOf();
    expect(afterInstances).not.toEqual(beforeInstances);
    const after = await patchSummary();
    aws.destroy();
    expect(after).toBeDefined();
    expect([after?.compliant, after?.nonCompliant]).not.toEqual([beforeSummary?.compliant, beforeSummary?.nonCompliant]);
    await tui.press(':');
    await tui.type('compliance');
    await tui.press('enter');
    const row = new RegExp(`Patch\\s+${after?.compliant}\\s+${after?.nonCompliant}\\s`);
    await tui.waitFor((s) => row.test(s), {description: `the Patch row at ${after?.compliant} compliant, ${after?.nonCompliant} non-compliant`});
  }, 120_000);
});
