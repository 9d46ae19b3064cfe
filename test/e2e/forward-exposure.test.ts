// `fleetdeck forward --bind` on an address other machines can reach warns on stderr; the loopback default does not.
import {describe, expect, it} from 'vitest';
import {startForward} from '../helpers/forward-cli.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {sessionServiceFor} from '../../src/local/ssm/sessions/session-service.js';

const t = useLocalFleet({nodes: 12, seed: 'forward-exposure'});

/** Starts a forward to the demo web server, waits for its address, stops it with SIGINT; returns what it printed. */
async function forwardOnce(extra: string[]): Promise<{address: string; stderr: string; code: number | null}> {
  const service = sessionServiceFor(t.fleet.model);
  const port = await service.demoWeb.ready;
  const node = service.demoWeb.node;
  if (node === undefined) throw new Error('no demo node');
  const env = {...process.env, ...t.env()} as Record<string, string>;
  delete env.CI;
  const fwd = startForward(t.fleet.endpoint, [node.instanceId, String(port), ...extra], env);
  const address = await fwd.address;
  // The "Forwarding …" line comes after the warning: once it is there, everything before it has been printed.
  await new Promise<void>((resolve) => {
    const check = () => (fwd.stderr.includes('Ctrl+C stops') ? resolve() : fwd.child.stderr?.once('data', check));
    check();
  });
  fwd.child.kill('SIGINT');
  const code = await fwd.exited;
  return {address, stderr: fwd.stderr, code};
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
