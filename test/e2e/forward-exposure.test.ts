// `fleetdeck forward --bind` on an address other machines can reach warns on stderr; the loopback default does not.
import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {CLI_PATH} from '../helpers/pty-harness.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {sessionServiceFor} from '../../src/local/session-service.js';

const t = useLocalFleet({nodes: 12, seed: 'forward-exposure'});

/** Starts a forward to the demo web server, waits for its address, stops it with SIGINT; returns what it printed. */
async function forwardOnce(extra: string[]): Promise<{address: string; stderr: string; code: number | null}> {
  const service = sessionServiceFor(t.fleet.model);
  const port = await service.demoWeb.ready;
  const node = service.demoWeb.node;
  if (node === undefined) throw new Error('no demo node');
  const env = {...process.env, ...t.env()} as Record<string, string>;
  delete env.CI;
  const child = spawn(process.execPath, [CLI_PATH, 'forward', '--endpoint-url', t.fleet.endpoint, node.instanceId, String(port), ...extra], {env});
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const address = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0] ?? '');
    });
    child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
  });
  // The "Forwarding …" line comes after the warning: once it is there, everything before it has been printed.
  await new Promise<void>((resolve) => {
    const check = () => (stderr.includes('Ctrl+C stops') ? resolve() : child.stderr.once('data', check));
    check();
  });
  child.kill('SIGINT');
  return {address, stderr, code: await exited};
}

describe('fleetdeck forward --bind', () => {
  it('warns that 0.0.0.0 is reachable from the network', async () => {
    const r = await forwardOnce(['--bind', '0.0.0.0']);
    expect(r.address).toMatch(/^0\.0\.0\.0:\d+$/);
    expect(r.stderr).toMatch(/^fleetdeck: warning: listening on every network interface: anyone who can reach this machine over the network can connect/m);
    expect(r.code).toBe(0);
  });

  it('says nothing of the kind on the loopback default', async () => {
    const r = await forwardOnce([]);
    expect(r.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(r.stderr).not.toContain('warning');
    expect(r.code).toBe(0);
  });
});
