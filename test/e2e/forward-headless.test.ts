// `fleetdeck forward` end to end: the built CLI against a local fleet endpoint, a real forward to the demo page,
// SIGINT to stop, and the input errors that exit 2.
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {CLI_PATH} from '../helpers/pty-harness.js';
import {startForward} from '../helpers/forward-cli.js';
import {fleetEnv} from '../helpers/local-fleet.js';
import {startLocalFleet, type LocalFleet} from '../../src/local/server.js';
import {demoPage} from '../../src/local/ssm/sessions/port-forward-demo.js';
import {sessionServiceFor} from '../../src/local/ssm/sessions/session-service.js';
import {fleetControlClient} from '../../src/local/control-client.js';

const exec = promisify(execFile);
let fleet: LocalFleet;
let webPort: number;
const state = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-forward-'));
beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 30, seed: 'forward-headless'});
  webPort = await sessionServiceFor(fleet.model).demoWeb.ready;
});
afterAll(async () => {
  await fleet.close();
});

const web = () => {
  const node = sessionServiceFor(fleet.model).demoWeb.node;
  if (node === undefined) throw new Error('no demo node');
  return node;
};
const env = () => ({...process.env, ...fleetEnv(fleet, state)}) as Record<string, string>;

async function forward(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  try {
    const r = await exec(process.execPath, [CLI_PATH, 'forward', '--endpoint-url', fleet.endpoint, ...args], {env: env()});
    return {code: 0, stdout: r.stdout, stderr: r.stderr};
  } catch (e) {
    const x = e as {code: number; stdout: string; stderr: string};
    return {code: x.code, stdout: x.stdout, stderr: x.stderr};
  }
}

describe('fleetdeck forward', () => {
  it('prints the local address, forwards until SIGINT (resuming after a dropped data channel), then exits 0', async () => {
    const fwd = startForward(fleet.endpoint, [web().instanceId, String(webPort)], env());
    const address = await fwd.address;
    expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
    const res = await fetch(`http://${address}/`, {headers: {connection: 'close'}});
    expect(await res.text()).toBe(demoPage(web()));
    const sessions = sessionServiceFor(fleet.model).all().filter((s) => s.target === web().instanceId);
    expect(sessions[0]?.status).toBe('Connected');

    // The WebSocket is cut (the control API, as another process would): the forward resumes the same session.
    expect(await fleetControlClient(fleet).dropDataChannels(sessions[0]?.sessionId)).toBe(1);
    await vi.waitFor(() => expect(fwd.stderr).toMatch(/reconnecting: data channel dropped[^\n]*\nlistening\n/), {timeout: 10_000});
    const again = await fetch(`http://${address}/`, {headers: {connection: 'close'}});
    expect(await again.text()).toBe(demoPage(web()));
    expect(sessionServiceFor(fleet.model).get(sessions[0]?.sessionId ?? '')?.status).toBe('Connected');
    fwd.child.kill('SIGINT');
    expect(await fwd.exited).toBe(0);
    expect(sessions[0]?.status).toBe('Terminated');
    expect(fwd.stderr).toMatch(/Forwarding 127\.0\.0\.1:\d+ → i-\w+ localhost:\d+ \(session [\w-]+, mux mode\)/);
    const audit = fs.readFileSync(path.join(state, 'fleetdeck', 'audit.jsonl'), 'utf8');
    expect(audit).toContain('"action":"StartPortForward"');
    expect(audit).toMatch(/"action":"StopPortForward".*"connections":2/);
  });

  it('takes the instance\'s Name tag as well as its id; an ambiguous or unknown name exits 2 naming the matches', async () => {
    const fwd = startForward(fleet.endpoint, [web().name, String(webPort)], env());
    const address = await fwd.address;
    const res = await fetch(`http://${address}/`, {headers: {connection: 'close'}});
    expect(await res.text()).toBe(demoPage(web()));
    fwd.child.kill('SIGINT');
    expect(await fwd.exited).toBe(0);
    expect(fwd.stderr).toContain(`→ ${web().instanceId} localhost:${webPort}`);

    const other = fleet.model.managed().find((n) => n.instanceId !== web().instanceId);
    if (!other) throw new Error('fleet too small');
    fleet.model.setTag(other.instanceId, 'Name', web().name);
    const twice = await forward([web().name, String(webPort)]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(`"${web().name}" names 2 instances`);
    expect(twice.stderr).toContain(`${web().instanceId} (${web().name}, ${web().pingStatus})`);
    expect(twice.stderr).toContain(`${other.instanceId} (${web().name}, ${other.pingStatus})`);
    const unknown = await forward(['nobody-by-this-name', '80']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no managed instance is named "nobody-by-this-name"');
  });

  it('exits 2 with a clear message for a port out of range, a port in use, an unknown or offline instance', async () => {
    const range = await forward([web().instanceId, '70000']);
    expect(range.code).toBe(2);
    expect(range.stderr).toContain('the remote port must be 1 to 65535 (got "70000")');

    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    const inUse = await forward([web().instanceId, String(webPort), '--local-port', String(taken)]);
    blocker.close();
    expect(inUse.code).toBe(2);
    expect(inUse.stderr).toContain(`local port ${taken} on 127.0.0.1 is already in use`);

    const unknown = await forward(['i-0123456789abcdef0', '80']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('i-0123456789abcdef0 is not connected. (an unknown instance, or its SSM agent is offline)');

    const offline = fleet.model.managed().find((n) => n.pingStatus !== 'Online');
    expect(offline).toBeDefined();
    const off = await forward([offline?.instanceId ?? '', '80']);
    expect(off.code).toBe(2);
    expect(off.stderr).toContain('is not connected');
  });
});
