// The built CLI under a real PTY against the local fleet: what a user sees and types, at three terminal sizes.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';
import {startLocalFleet, type LocalFleet} from '../../src/local/server.js';

const spawn = useTuis();
const env = isolatedEnv('fleetdeck-e2e-');
const start = (args: string[], cols = 120, rows = 40, extraEnv: Record<string, string | undefined> = {}) =>
  spawn({args: [CLI_PATH, ...args], cols, rows, env: {...env, ...extraEnv}});

describe.each([
  [80, 24],
  [120, 40],
  [200, 50],
])('the dashboard at %i×%i', (cols, rows) => {
  it('starts on the local fleet, filters, sorts, marks, opens a detail, resizes, and quits restoring the terminal', async () => {
    const tui = await start(['--local', '--seed', '7'], cols, rows);
    await tui.waitForText('LOCAL FLEET', {description: 'the header'});
    await tui.waitFor((s) => /[im]i?-[0-9a-f]{17}/.test(s), {description: 'instance rows'});
    // The root stays one line shorter than the terminal: the footer is on the next-to-last row, the last is blank.
    await tui.waitFor(() => /<\/> filter/.test(tui.line(-2)), {description: 'footer hints'});
    expect(tui.line(-1)).toBe('');
    await tui.waitForText(/Managed instances \d+\/\d+/);
    const total = /Managed instances (\d+)\/(\d+)/.exec(tui.screen())?.[2];

    await tui.press('/');
    await tui.type('ping:online');
    await tui.press('enter');
    await tui.waitFor((s) => new RegExp(`Managed instances \\d+/${total} /ping:online`).test(s), {description: 'filter applied'});
    expect(tui.screen()).not.toMatch(/\bLost\b/);

    await tui.press('o');
    await tui.waitForText('PING↑', {description: 'sorted by ping'});

    await tui.press('space', 'space');
    await tui.waitForText('2 marked');

    await tui.press('enter');
    await tui.waitForText(/Ping status\s+Online/, {description: 'detail pane'});
    await tui.press('esc');
    await tui.waitForText('Managed instances');

    tui.resize(cols === 80 ? 100 : 80, rows - 4);
    await tui.waitFor((s) => {
      const lines = s.split('\n');
      return /<\/> filter/.test(lines[rows - 4 - 2] ?? '');
    }, {description: 'footer on the new bottom line after resize'});

    await tui.press('q');
    const exit = await tui.exited;
    expect(exit.exitCode).toBe(0);
    tui.assertRestored();
  });
});

describe('the dashboard', () => {
  let fleet: LocalFleet;
  beforeAll(async () => {
    fleet = await startLocalFleet({nodes: 60, seed: 3});
  });
  afterAll(async () => {
    await fleet.close();
  });
  const awsEnv = () => ({
    AWS_ACCESS_KEY_ID: fleet.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: fleet.credentials.secretAccessKey,
    AWS_SESSION_TOKEN: fleet.credentials.sessionToken,
    AWS_REGION: fleet.region,
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('restores the terminal on %s', async (sig) => {
    const tui = await start(['--local']);
    await tui.waitForText('LOCAL FLEET');
    tui.kill(sig);
    await tui.exited;
    tui.assertRestored();
  });

  it('connects to a running local fleet with --endpoint-url and the exported credentials', async () => {
    const tui = await start(['--endpoint-url', fleet.endpoint], 120, 40, awsEnv());
    await tui.waitForText(`${fleet.model.managed().length} nodes`, {description: 'the whole fleet counted'});
    expect(tui.screen()).not.toContain('LOCAL FLEET');
    expect(tui.screen()).toContain(fleet.region);
  });

  it('starts filtered on a name: the node shows once the names have come after the first rows', async () => {
    const node = fleet.model.managed().find((n) => n.instanceId.startsWith('i-') && /^[a-z0-9-]+$/.test(n.tags.Name ?? ''));
    const name = node?.tags.Name ?? 'no such node';
    const tui = await start(['--endpoint-url', fleet.endpoint, '--filter', name], 120, 40, awsEnv());
    await tui.waitFor((s) => s.includes(node?.instanceId ?? 'no such node') && s.includes(name), {description: 'the named node'});
  });

  it('shows throttling in the status line, keeps the data, and recovers', async () => {
    const tui = await start(['--endpoint-url', fleet.endpoint, '--refresh', '1'], 120, 40, awsEnv());
    await tui.waitForText(`${fleet.model.managed().length} nodes`);
    fleet.injectFault({kind: 'throttle', operation: 'DescribeInstanceInformation'});
    await tui.waitForText(/stale: data from .*throttled/, {description: 'throttled status', timeout: 15_000});
    expect(tui.screen()).toMatch(/[im]i?-[0-9a-f]{17}/);
    fleet.clearFaults();
    await tui.waitFor((s) => !s.includes('throttled'), {description: 'recovered', timeout: 30_000});
  });

  it('says when the endpoint is down and keeps running', async () => {
    const tui = await start(['--endpoint-url', 'http://127.0.0.1:9'], 120, 40, awsEnv());
    await tui.waitForText(/endpoint unreachable/, {description: 'status line', timeout: 15_000});
    await tui.press('q');
    expect((await tui.exited).exitCode).toBe(0);
    tui.assertRestored();
  });

  it('never lets hostile text from AWS reach the terminal', async () => {
    const tui = await start(['--local'], 200, 50);
    await tui.waitForText('LOCAL FLEET');
    await tui.press('/');
    await tui.type('␛');
    await tui.waitFor((s) => /Managed instances [1-9]\d*\//.test(s) && s.includes('␛'), {description: 'the hostile node, disarmed'});
    const raw = tui.rawOutput();
    expect(raw).not.toContain('\x1b]52');
    expect(raw).not.toContain('\x1b]0;');
    expect(raw).not.toMatch(/\x1b\[2J(?!\x1b\[3J)/); // only Ink's own full clear, never a node's
  });

  it('without credentials says what to do and never falls back to the local fleet', async () => {
    const tui = await start(['--region', 'eu-west-1']);
    const exit = await tui.exited;
    expect(exit.exitCode).toBe(1);
    const s = tui.screen();
    expect(s).toMatch(/--profile/);
    expect(s).toMatch(/aws sso login/);
    expect(s).toMatch(/--local/);
    expect(s).not.toContain('LOCAL FLEET');
  });

  it('says what was wrong with a bad flag and where the usage is, and exits 2', async () => {
    const tui = await start(['--bogus']);
    const exit = await tui.exited;
    expect(exit.exitCode).toBe(2);
    expect(tui.screen()).toMatch(/fleetdeck: unknown flag --bogus\s+\(fleetdeck --help prints every command and flag\)\s*$/);
    // The error is not buried under the whole usage.
    expect(tui.rawOutput()).not.toMatch(/Usage/);
  });
});
