// The Run Command confirmation in the built CLI on a real 80×24 terminal with about a thousand marked: the blast
// radius, the prompt and the confirmation's own keys stay on screen.
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {useLocalFleet} from '../helpers/local-fleet.js';

const spawn = useTuis();
const t = useLocalFleet({nodes: 1080, seed: 7});

describe('the Run Command confirmation on a small terminal', () => {
  it('shows the prompt and the blast radius at 80×24 with every instance marked', async () => {
    const tui = await spawn({args: [CLI_PATH, '--endpoint-url', t.fleet.endpoint], cols: 80, rows: 24, env: t.env()});
    // Loaded: every row in, and the status line no longer says "loading the fleet…".
    await tui.waitFor((s) => /Managed instances (\d{4,})\/\1 /.test(s) && !/loading the fleet/.test(tui.line(1)), {timeout: 30_000,
      description: 'the whole fleet loaded'});
    const n = Number(/Managed instances (\d+)\//.exec(tui.screen())?.[1]);
    expect(n).toBeGreaterThanOrEqual(1000);
    await tui.press('ctrl-a');
    // The header is cut at 80 columns: every row on screen shows its mark.
    await tui.waitFor((s) => (s.match(/^● /gm)?.length ?? 0) >= 18, {description: 'the rows marked'});
    await tui.press('r');
    await tui.waitForText(`Run Command on ${n} instances`);
    await tui.type('uptime');
    await tui.press('ctrl-s');
    await tui.waitForText(`Type ${n} and press enter to send`, {timeout: 20_000, description: 'the prompt'});
    const screen = tui.screen();
    expect(screen).toMatch(new RegExp(`Confirm: run AWS-RunShellScript on ${n} instances`));
    expect(screen).toMatch(/Env: {2}\S+ \d+/);
    expect(screen).toMatch(/⚠ \d+ lost \(ConnectionLost/);
    expect(screen).toMatch(new RegExp(`…and ${n - 3} more`));
    expect(tui.line(-1) || tui.line(-2)).toMatch(/<enter> send {2}<esc> back to the form/);
    await tui.type(String(n));
    await tui.waitForText(`send: ${n}█`);
    await tui.press('esc', 'esc');
    await tui.waitForText(/<r> run/, {description: 'back to the table'});
  }, 60_000);
});
