// `:ctx` in the built dashboard under a real PTY, on the local fleet of 2 accounts × 2 regions: every context is
// listed with its account and credentials; taking one out of view drops its rows from the instances table.
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';

const spawn = useTuis();
const CONTEXTS = ['local-1:us-east-1', 'local-1:eu-west-1', 'local-2:us-east-1', 'local-2:eu-west-1'];

/** Each context's row count in the header's badges, once all four have loaded. */
function counts(screen: string): Map<string, number> | undefined {
  const found = new Map<string, number>();
  for (const name of CONTEXTS) {
    const m = new RegExp(`${name} (\\d+)`).exec(screen);
    if (!m) return undefined;
    found.set(name, Number(m[1]));
  }
  return found;
}

describe(':ctx in the dashboard', () => {
  it('lists the contexts, and one taken out of view leaves the instances table', async () => {
    const tui = await spawn({args: [CLI_PATH, '--local', '--accounts', '2', '--regions', 'us-east-1,eu-west-1', '--nodes', '6'],
      cols: 170, rows: 40, env: {...isolatedEnv('fd-ctx-e2e-'), CI: undefined}});
    let loaded: Map<string, number> | undefined;
    await tui.waitFor((s) => (loaded = counts(s)) !== undefined && /Managed instances [1-9]\d*\//.test(s),
      {description: 'every context loaded', timeout: 30_000});
    const total = [...(loaded?.values() ?? [])].reduce((a, b) => a + b, 0);
    await tui.waitForText(`Managed instances ${total}/${total}`, {description: 'all rows in the table'});

    await tui.press(':');
    await tui.type('ctx');
    await tui.press('enter');
    await tui.waitFor((s) => /Contexts 4\/4/.test(s) && (s.match(/ valid /g) ?? []).length === 4, {description: 'the contexts, all valid'});
    expect(tui.screen()).toContain('4 contexts · 4 in view');
    const row = tui.screen().split('\n').find((l) => l.includes('local-2:eu-west-1') && l.includes('✓')) ?? '';
    const account = /\b(\d{12})\b/.exec(row)?.[1] ?? '';
    expect(account).toMatch(/^\d{12}$/);

    await tui.press('g', 'j', 'j', 'j', 'space');
    await tui.waitForText('local-2:eu-west-1 out of view', {description: 'out of view'});
    await tui.waitForText('3 in view', {description: 'the title counts'});
    await tui.press('esc');
    const left = total - (loaded?.get('local-2:eu-west-1') ?? 0);
    await tui.waitForText(`Managed instances ${left}/${left}`, {description: 'the instances of the three contexts in view'});
    const screen = tui.screen();
    expect(screen).toContain('+1 out of view (:ctx)');
    // No row of that account in that region is left.
    expect(screen.split('\n').some((l) => l.includes(account) && l.includes('eu-west-1'))).toBe(false);
    expect(screen.split('\n').some((l) => l.includes(account) && l.includes('us-east-1'))).toBe(true);
  });
});
