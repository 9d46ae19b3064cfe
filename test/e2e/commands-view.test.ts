// Command history → live results → full output, and the audit log, in the dashboard (built CLI under a PTY).
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {useLocalFleet} from '../helpers/local-fleet.js';

const exec = promisify(execFile);
const spawn = useTuis();
const t = useLocalFleet({nodes: 30, seed: 4});
const env = t.env;

describe('command views', () => {
  it('shows the history, the live results of a run, the full output of a failed instance, and the audit log', async () => {
    const nodes = t.fleet.model.managed().filter((n) => n.platformType === 'Linux' && n.pingStatus === 'Online').slice(0, 3);
    const bad = nodes[1]?.instanceId ?? '';
    await exec(process.execPath, [CLI_PATH, 'run', '--endpoint-url', t.fleet.endpoint, '--targets',
      nodes.map((n) => n.instanceId).join(','), '--document', 'AWS-RunShellScript', '--parameter',
      `commands=echo out-$FLEETDECK_INSTANCE_ID; if [ "$FLEETDECK_INSTANCE_ID" = "${bad}" ]; then echo boom >&2; exit 7; fi`],
    {env: {...process.env, ...env()}}).catch(() => undefined);

    const tui = await spawn({args: [CLI_PATH, '--endpoint-url', t.fleet.endpoint], cols: 120, rows: 30, env: env()});
    await tui.waitForText(/Managed instances [1-9]\d*\//, {description: 'rows loaded'});
    await tui.press(':');
    await tui.type('commands');
    await tui.press('enter');
    await tui.waitForText(/Command history .*1\/1/, {description: 'history with the run'});
    expect(tui.screen()).toMatch(/AWS-RunShellScript\s+Failed\s+3\/3\s+1/);
    await tui.press('enter');
    await tui.waitForText(/Results .*3\/3/, {description: 'results'});
    expect(tui.screen()).toMatch(new RegExp(`${bad}\\s+${t.fleet.model.managed().find((n) => n.instanceId === bad)?.name.slice(0, 6) ?? ''}\\S*\\s+Failed\\s+7`));
    expect(tui.screen()).toMatch(/Success\s+0\s+\S+\s+out-/);
    // Failed sorts first; open its output.
    await tui.press('g', 'enter');
    await tui.waitForText('boom', {description: 'stderr in the output pane'});
    expect(tui.screen()).toContain(`out-${bad}`);
    expect(tui.screen()).toMatch(/exit code 7/);
    await tui.press('esc', 'esc', ':');
    await tui.type('audit');
    await tui.press('enter');
    await tui.waitForText(/CommandFinished.*AWS-RunShellScript.*"Failed":1/, {description: 'audit summary'});
    expect(tui.screen()).toMatch(/SendCommand.*AWS-RunShellScript/);
  });
});
