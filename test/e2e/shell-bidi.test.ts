// A remote shell that prints bidi overrides (U+202E, U+2066) cannot reorder the user's real terminal: the raw bytes
// fleetdeck writes to its pty never carry them.
import {userInfo} from 'node:os';
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';

const spawn = useTuis();
const PROMPT = new RegExp(`${userInfo().username.replace(/[^\w.-]/g, '')}@[\\w.-]+:~[#$]`);

describe('bidi controls from a remote shell', () => {
  it('are dropped (or shown as �) in the pane and never reach the terminal', async () => {
    const tui = await spawn({args: [CLI_PATH, '--local', '--seed', '11'], cols: 120, rows: 30, env: isolatedEnv('fd-shell-bidi-')});
    await tui.waitForText(/Managed instances [1-9]\d*\//, {description: 'the instances view'});
    await tui.press('/');
    await tui.type('ping:online platform:linux');
    await tui.press('enter');
    await tui.waitForText('/ping:online platform:linux', {description: 'the filter'});
    await tui.press('s');
    await tui.waitFor((s) => PROMPT.test(s), {description: 'the prompt', timeout: 15_000});
    // The octal escapes are the UTF-8 of U+202E and U+2066; the typed line itself is plain ASCII.
    await tui.type("printf 'x\\342\\200\\256y\\342\\201\\246z-%s\\n' $((6*7))\r");
    await tui.waitForText('z-42', {description: 'the output'});
    await tui.waitForIdle();
    expect(tui.screen()).toContain('xy\ufffdz-42');
    expect(tui.rawOutput()).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });
});
