// The built CLI and its own files: a symlinked audit log stops it before anything runs (naming the file), and a
// config file others can write is warned about on stderr while the command still answers.
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {useLocalFleet} from '../helpers/local-fleet.js';

const run = promisify(execFile);
const t = useLocalFleet({nodes: 3, seed: 4});
const spawn = useTuis();

function cli(configHome: string, ...args: string[]) {
  return run(process.execPath, [CLI_PATH, ...args, '--endpoint-url', t.fleet.endpoint],
    {env: {...process.env, ...t.env(), XDG_CONFIG_HOME: configHome}});
}

/** A config home (under the state directory) whose config.json its group may write. */
function groupWritableConfig(dir: string): {configHome: string; config: string} {
  const configHome = path.join(t.stateDir, dir);
  const config = path.join(configHome, 'fleetdeck', 'config.json');
  fs.mkdirSync(path.dirname(config), {recursive: true, mode: 0o700});
  fs.writeFileSync(config, '{}\n', {mode: 0o600});
  fs.chmodSync(config, 0o664);
  return {configHome, config};
}

describe('fleetdeck and its own files', () => {
  it('refuses to start when audit.jsonl is a symbolic link, and warns about a group-writable config', async () => {
    const {configHome, config} = groupWritableConfig('config');
    const ok = await cli(configHome, 'instances', '--output', 'json');
    expect(JSON.parse(ok.stdout)).toHaveLength(3);
    expect(ok.stderr).toContain(`fleetdeck: warning: ${config} is writable by its group (fix: chmod 600 '${config}')`);

    const audit = path.join(t.stateDir, 'fleetdeck', 'audit.jsonl');
    const victim = path.join(t.stateDir, 'victim');
    fs.writeFileSync(victim, '');
    fs.rmSync(audit, {force: true});
    fs.symlinkSync(victim, audit);
    const refused = await cli(configHome, 'instances').then(() => undefined, (e: {code: number; stderr: string}) => e);
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain(`fleetdeck: ${audit} is a symbolic link; fleetdeck does not follow links`);
    expect(fs.readFileSync(victim, 'utf8')).toBe('');
    fs.rmSync(audit);
  });

  it('says so in the dashboard\'s status line when a file is writable by others, until a key is pressed', async () => {
    const {configHome, config} = groupWritableConfig('config-tui');
    const tui = await spawn({args: [CLI_PATH, '--endpoint-url', t.fleet.endpoint], cols: 200, rows: 30,
      env: {...t.env(), XDG_CONFIG_HOME: configHome}});
    await tui.waitForText(`${config} is writable by its group`, {description: 'the warning in the status line'});
    await tui.waitForText(/Managed instances 3\/3/, {description: 'the fleet, loaded all the same'});
    await tui.press('j');
    await tui.waitFor((s) => !s.includes('is writable by its group'), {description: 'the warning gone after a key'});
    await tui.press('q');
    await tui.exited;
    tui.assertRestored();
  });
});
