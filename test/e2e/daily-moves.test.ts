// The built CLI under a real PTY: y puts the id under the cursor on the clipboard through the terminal (OSC 52), and
// esc walks back through the views opened with `:`, the header's breadcrumb saying where the user is.
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';

const spawn = useTuis();
const env = isolatedEnv('fleetdeck-e2e-');

describe('daily-use moves in the dashboard', () => {
  it('yanks the id under the cursor through OSC 52 and goes back with esc through the views opened with :', async () => {
    const tui = await spawn({args: [CLI_PATH, '--local', '--seed', '7'], cols: 120, rows: 40, env});
    await tui.waitForText(/Managed instances \d+\/\d+/, {description: 'the instances'});
    await tui.waitFor((s) => /^\s+[im]i?-[0-9a-f]{17}/m.test(s), {description: 'instance rows'});
    const cursorId = /^\s+([im]i?-[0-9a-f]{17})/m.exec(tui.screen())?.[1];

    tui.resetByteCount();
    await tui.press('y');
    await tui.waitForText(`copied id ${cursorId}`, {description: 'the yank flash'});
    const osc = /\x1b\]52;c;([A-Za-z0-9+/=]+)\x07/.exec(tui.rawOutput());
    expect(Buffer.from(osc?.[1] ?? '', 'base64').toString('utf8')).toBe(cursorId);

    await tui.press(':');
    await tui.type('commands');
    await tui.press('enter');
    await tui.waitForText('managed instances › command history', {description: 'the breadcrumb'});
    await tui.press(':');
    await tui.type('compliance');
    await tui.press('enter');
    await tui.waitForText('managed instances › command history › compliance', {description: 'one more step'});
    await tui.press('esc');
    await tui.waitFor((s) => s.includes('Command history') && !s.includes('› compliance'), {description: 'back one view'});
    await tui.press('esc');
    await tui.waitFor((s) => /Managed instances \d+\//.test(s) && !s.includes('›'), {description: 'back at the instances'});

    await tui.press('q');
    expect((await tui.exited).exitCode).toBe(0);
    tui.assertRestored();
  }, 60_000);
});
