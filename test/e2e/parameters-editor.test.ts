// The built CLI under a real PTY: edit a parameter's value through $EDITOR (a script that rewrites the file), see the
// change as a diff, confirm, and find the new version on screen and in the audit log — as a digest, never the value.
import fs from 'node:fs';
import path from 'node:path';
import {createHmac} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';

const spawn = useTuis();

describe('editing a parameter in $EDITOR', () => {
  it('runs the editor on the terminal, shows the diff, writes after y and audits a digest of the value', async () => {
    const env = isolatedEnv('fleetdeck-e2e-params-');
    const home = env.HOME;
    const value = 'edited-through-editor-4242';
    const editor = path.join(home, 'editor.sh');
    // The editor sees the current value in its file, and replaces it; it draws on the alternate screen and leaves
    // without cleaning up, as a crashing editor would.
    fs.writeFileSync(editor, `#!/bin/sh\ncp "$1" "${home}/seen.txt"\nprintf '%s\\n' '${value}' > "$1"\n`
      + `printf '\\033[?1049h'\nfor i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40; do printf 'EDITOR-GARBAGE-%s\\n' "$i"; done\n`,
    {mode: 0o755});
    const name = '/identity/staging/db/name';
    const tui = await spawn({args: [CLI_PATH, '--local', '--seed', '11'], cols: 140, rows: 40, env: {...env, EDITOR: editor, VISUAL: undefined}});
    await tui.waitForText(/Managed instances \d+\/\d+/, {description: 'the instances'});
    await tui.press(':');
    await tui.type('ps');
    await tui.press('enter');
    await tui.waitForText('▸ identity/', {description: 'the parameter tree'});
    await tui.press('f');
    await tui.waitForText('/catalog/dev/allowed-origins', {description: 'the flat list'});
    await tui.press('/');
    await tui.type(`name:${name}`);
    await tui.press('enter');
    await tui.waitForText(/Parameters 1\//, {description: 'one parameter'});
    const version = Number(new RegExp(`${name}\\s+String\\s+Standard\\s+(\\d+)`).exec(tui.screen())?.[1]);
    expect(version).toBeGreaterThan(0);
    await tui.press('e');
    await tui.waitForText(`Write version ${version + 1} of ${name}?`, {description: 'the diff to confirm'});
    const diff = tui.screen();
    expect(diff).toContain(`+ ${value}`);
    // The dashboard was drawn again whole after the editor: the header is back, nothing of the editor's is left.
    expect(diff).toContain('fleetdeck LOCAL FLEET');
    expect(diff).not.toContain('EDITOR-GARBAGE');
    const seen = fs.readFileSync(path.join(home, 'seen.txt'), 'utf8');
    expect(diff).toContain(`- ${seen.trim()}`);
    await tui.press('y');
    await tui.waitForText(`${name} is now version ${version + 1}`, {description: 'written'});
    await tui.press('enter');
    await tui.waitForText(value, {description: 'the new value in the detail'});
    await tui.waitForText(new RegExp(`Version\\s+${version + 1}`), {description: 'the new version in the detail'});

    const audit = fs.readFileSync(path.join(env.XDG_STATE_HOME, 'fleetdeck', 'audit.jsonl'), 'utf8');
    const record = audit.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).find((r) => r['action'] === 'PutParameter');
    expect(record).toMatchObject({action: 'PutParameter', name, version: version + 1, via: 'dashboard',
      valueDigest: `hmac-sha256:${createHmac('sha256', fs.readFileSync(path.join(env.XDG_STATE_HOME, 'fleetdeck', 'audit.key'), 'utf8')).update(value).digest('hex')}`});
    expect(audit).not.toContain(value);
    await tui.press('q');
    expect((await tui.exited).exitCode).toBe(0);
    tui.assertRestored();
  }, 90_000);

  it('writes nothing when the editor fails to start, and the dashboard takes keys again', async () => {
    const env = isolatedEnv('fleetdeck-e2e-params-');
    const name = '/identity/staging/db/name';
    const tui = await spawn({args: [CLI_PATH, '--local', '--seed', '12'], cols: 120, rows: 30,
      env: {...env, EDITOR: '/nonexistent/editor', VISUAL: undefined}});
    await tui.waitForText(/Managed instances \d+\/\d+/, {description: 'the instances'});
    await tui.press(':');
    await tui.type('parameters');
    await tui.press('enter');
    await tui.waitForText('▸ identity/', {description: 'the parameter tree'});
    await tui.press('f');
    await tui.waitForText('/catalog/dev/allowed-origins', {description: 'the flat list'});
    await tui.press('/');
    await tui.type(`name:${name}`);
    await tui.press('enter');
    await tui.waitForText(/Parameters 1\//, {description: 'one parameter'});
    await tui.press('e');
    await tui.waitForText(`edit of ${name} cancelled: nothing written`, {description: 'the refusal'});
    await tui.press('enter');
    await tui.waitForText('Last modified', {description: 'keys work again: the detail opens'});
    await tui.press('q');
    expect((await tui.exited).exitCode).toBe(0);
    tui.assertRestored();
  }, 90_000);
});
