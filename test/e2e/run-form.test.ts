// Run Command from the dashboard: mark three instances, run a script that fails on one, read the statuses and the
// failing output; read-only mode refuses and says why.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis, type Tui} from '../helpers/pty-harness.js';
import {filterTable} from '../helpers/table-filter.js';
import {useLocalFleet} from '../helpers/local-fleet.js';

const spawn = useTuis();
const t = useLocalFleet({nodes: 30, seed: 8});
const env = t.env;
const state = t.stateDir;

/** The dashboard filtered to the online Linux instances (they run scripts at once). */
async function onlineLinux(): Promise<Tui> {
  const tui = await spawn({args: [CLI_PATH, '--endpoint-url', t.fleet.endpoint], cols: 120, rows: 34, env: env()});
  await tui.waitForText(/Managed instances [1-9]\d*\//, {description: 'rows loaded'});
  await filterTable(tui, 'ping:online platform:linux');
  return tui;
}

/** The CLI with `sleep 30` sent to one online Linux node and still in progress. */
async function sleepRunning(): Promise<Tui> {
  const tui = await onlineLinux();
  await tui.press('r');
  await tui.waitForText(/Run Command on 1 instance\b/);
  await tui.type('sleep 30');
  await tui.press('ctrl-s');
  await tui.waitForText(/Confirm: run/);
  await tui.press('enter');
  await tui.waitForText(/InProgress/, {timeout: 20_000, description: 'the sleep is running'});
  return tui;
}

async function markFirst(tui: Tui, count: number): Promise<void> {
  for (let n = 1; n <= count; n++) {
    await tui.press('space');
    await tui.waitForText(`${n} marked`);
  }
}

describe('Run Command form', () => {
  it('runs on three marked instances, shows statuses and the failing output', async () => {
    const tui = await onlineLinux();
    const ids = tui.screen().split('\n').map((l) => /^\S?\s*((?:i|mi)-[0-9a-f]{17})/.exec(l)?.[1]).filter(Boolean).slice(0, 3);
    await markFirst(tui, 3);
    await tui.press('r');
    await tui.waitForText(/Run Command on 3 instances/);
    await tui.type(`echo "hello $FLEETDECK_INSTANCE_ID"`);
    await tui.press('enter');
    await tui.type(`if [ "$FLEETDECK_INSTANCE_ID" = "${ids[1]}" ]; then echo broken >&2; exit 4; fi`);
    await tui.press('ctrl-s');
    await tui.waitForText(/Confirm: run AWS-RunShellScript on 3 instances/);
    expect(tui.screen()).toMatch(/Env: /);
    expect(tui.screen()).toMatch(/aws ssm send-command --document-name 'AWS-RunShellScript' --instance-ids/);
    await tui.press('enter');
    await tui.waitForText(/Results .*3\/3/, {timeout: 20_000});
    await tui.waitForText(new RegExp(`${ids[1]}\\s+(?:\\S+\\s+)?Failed\\s+4`), {timeout: 20_000, description: 'the failing row'});
    await tui.waitFor((s) => (s.match(/\s+Success\s+0\s/g) ?? []).length >= 2, {timeout: 20_000, description: 'two succeed'});
    expect(tui.screen()).toMatch(/hello (i|mi)-/);
    // Failed sorts first: its full output.
    await tui.press('g', 'enter');
    await tui.waitForText('broken', {description: 'the failing stderr'});
    expect(tui.screen()).toMatch(/exit code 4/);
    // Back to the results: re-run on the failed instance only, with the same script.
    await tui.press('esc', 'R');
    await tui.waitForText(/Run Command on 1 instance\b/, {description: 're-run form for the failed one'});
    expect(tui.screen()).toContain('echo broken');
    await tui.press('esc');
  });

  it('groups identical outputs pssh-style', async () => {
    const tui = await onlineLinux();
    await markFirst(tui, 3);
    await tui.press('r');
    await tui.waitForText(/Run Command on 3 instances/);
    await tui.type('echo same-everywhere');
    await tui.press('ctrl-s');
    await tui.waitForText(/Confirm: run AWS-RunShellScript on 3 instances/);
    await tui.press('enter');
    await tui.waitFor((s) => (s.match(/\s+Success\s+0\s/g) ?? []).length >= 3, {timeout: 20_000, description: 'all three succeed'});
    await tui.press('=');
    await tui.waitForText('3 instances — identical output', {description: 'the grouped view'});
    expect(tui.screen()).toMatch(/│ same-everywhere/);
    await tui.press('esc');
    await tui.waitForText(/Results /);
  });

  it('cancels a long-running command after asking', async () => {
    const tui = await sleepRunning();
    await tui.press('c');
    await tui.waitForText(/Cancel this run \(1 command\)\?/);
    await tui.press('y');
    await tui.waitForText(/Cancelled/, {timeout: 20_000, description: 'cancelled'});
    const audit = fs.readFileSync(path.join(state, 'fleetdeck', 'audit.jsonl'), 'utf8');
    expect(audit).toMatch(/"action":"CancelCommand"/);
  });

  it('quitting while a run goes on leaves an audit end record that says so', async () => {
    const tui = await sleepRunning();
    await tui.press('q');
    await tui.exited;
    const lines = fs.readFileSync(path.join(state, 'fleetdeck', 'audit.jsonl'), 'utf8').trim().split('\n');
    const sent = JSON.parse(lines.at(-2) ?? '{}') as {action?: string; commandId?: string};
    expect(sent.action).toBe('SendCommand');
    expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({action: 'CommandFinished', commandIds: [sent.commandId],
      unfollowed: expect.stringMatching(/exited before the run ended/) as unknown});
  });

  it('refuses in read-only mode and the footer says why', async () => {
    const tui = await spawn({args: [CLI_PATH, '--endpoint-url', t.fleet.endpoint, '--read-only'], cols: 120, rows: 30, env: env()});
    await tui.waitForText('READ-ONLY');
    await tui.waitForText('read-only mode: Run Command is off');
    await tui.press('r');
    await tui.waitForIdle(200);
    expect(tui.screen()).not.toMatch(/Run Command on/);
  });
});
