// `fleetdeck --local` runs the local fleet as a child process: when that child dies, the dashboard says so on screen
// (and keeps saying so), instead of silently showing stale data. The built CLI under a real PTY.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';

const spawn = useTuis();
const env = isolatedEnv('fleetdeck-local-child-');

/** The direct children of a process (Linux /proc). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

describe('the --local child', () => {
  it('dying is reported on screen, and stays reported after a key', async () => {
    const tui = await spawn({args: [CLI_PATH, '--local', '--seed', '5'], cols: 140, rows: 30, env});
    await tui.waitForText(/Managed instances [1-9]\d*\//, {description: 'the instances view'});
    const fleet = childrenOf(tui.pid);
    expect(fleet).toHaveLength(1);
    process.kill(fleet[0] ?? 0, 'SIGKILL');
    await tui.waitForText(/Local fleet stopped \(killed by SIGKILL\)/, {description: 'the local fleet death on screen'});
    await tui.press('j');
    await tui.waitForText(/Local fleet stopped/, {description: 'still on screen after a key'});
    await tui.press('q');
    await tui.exited;
  });
});
