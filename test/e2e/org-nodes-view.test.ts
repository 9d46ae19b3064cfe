// `:org` in the built dashboard under a real PTY, on the local fleet of 3 accounts × 2 regions: every node of the
// organisation with its account and region and the sync's counts in the title; `s` on a node of another account's
// second region opens its shell (its prompt is that node's).
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';

const spawn = useTuis();

describe(':org in the dashboard', () => {
  it('lists every node of every account and region, and a shell opens on a node of another account in eu-west-1', async () => {
    const tui = await spawn({args: [CLI_PATH, '--local', '--accounts', '3', '--regions', 'us-east-1,eu-west-1', '--nodes', '6'],
      cols: 170, rows: 40, env: {...isolatedEnv('fd-org-e2e-'), CI: undefined}});
    await tui.waitFor((s) => /Managed instances [1-9]\d*\//.test(s), {description: 'the fleet', timeout: 30_000});
    await tui.press(':');
    await tui.type('org');
    await tui.press('enter');
    await tui.waitFor((s) => /Organisation nodes (\d+)\/\1 \1 nodes · 3 accounts · \d+ online/.test(s),
      {description: 'every node, with the counts', timeout: 30_000});
    expect(tui.screen()).toContain('sync AWS-QuickSetup-ManagedNode');
    expect(tui.screen()).toMatch(/ACCOUNT\s+REGION\s+ID\s+NAME\s+PING/);
    // The last account in the table's order, in eu-west-1: online Linux nodes only.
    await tui.press('/');
    await tui.type('region:eu-west-1 ping:online platform:linux');
    await tui.press('enter');
    await tui.waitFor((s) => /Organisation nodes \d+\/\d+/.test(s) && s.includes('eu-west-1'), {description: 'the filter'});
    await tui.press('G');
    const row = tui.screen().split('\n').filter((l) => / eu-west-1 +[im]i?-/.test(l)).at(-1) ?? '';
    const name = /eu-west-1\s+\S+\s+(\S+)/.exec(row)?.[1] ?? '';
    expect(name).not.toBe('');
    await tui.press('s');
    await tui.waitFor((s) => s.includes(`@${name}:`), {description: `a shell on ${name}`, timeout: 20_000});
  }, 90_000);
});
