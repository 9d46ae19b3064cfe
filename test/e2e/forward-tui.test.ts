// Port forwards from the dashboard: `F` on the demo web node opens the form with the tag's preset, enter starts the
// forward, the demo page is fetched through it, `:pf` lists it with its counters, quitting asks and then
// terminates the session. Read-only mode disables `F` and says why.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {demoPage} from '../../src/local/ssm/sessions/port-forward-demo.js';
import {sessionServiceFor} from '../../src/local/ssm/sessions/session-service.js';

const spawn = useTuis();
const t = useLocalFleet({nodes: 30, seed: 'forward-tui'});

function demoNode() {
  const node = sessionServiceFor(t.fleet.model).demoWeb.node;
  if (node === undefined) throw new Error('no demo node');
  return node;
}

describe('port forwards in the TUI', () => {
  it('opens a forward with F, fetches the demo page through it, lists it in :pf, and ends it on quit', async () => {
    const web = demoNode();
    const port = await sessionServiceFor(t.fleet.model).demoWeb.ready;
    const tui = await spawn({args: [CLI_PATH, '--endpoint-url', t.fleet.endpoint], cols: 140, rows: 34, env: t.env()});
    await tui.waitForText(/Managed instances [1-9]\d*\//, {description: 'rows loaded'});
    await tui.press('/');
    await tui.type(web.instanceId);
    await tui.press('enter');
    await tui.waitForText(/Managed instances 1\//, {description: 'filtered to the demo node'});
    await tui.press('F');
    await tui.waitForText(`Forward a local port to ${web.instanceId}`, {description: 'the form'});
    expect(tui.screen()).toMatch(new RegExp(`Remote port\\s+${port}`));
    expect(tui.screen()).toContain(`Presets (fleetdeck:forward tag): ${port}`);
    await tui.press('tab', 'tab', 'tab');
    await tui.type('demo-web');
    await tui.press('enter');
    await tui.waitForText(/forwarding 127\.0\.0\.1:(\d+) →/, {description: 'the forward started'});
    const local = /forwarding 127\.0\.0\.1:(\d+) →/.exec(tui.screen())?.[1];
    expect(local).toBeDefined();
    await tui.waitForText('⇄ 1 forward', {description: 'the header count'});
    const res = await fetch(`http://127.0.0.1:${local}/`, {headers: {connection: 'close'}});
    expect(await res.text()).toBe(demoPage(web));

    await tui.press(':');
    await tui.type('pf');
    await tui.press('enter');
    await tui.waitForText(new RegExp(`demo-web\\s+${web.instanceId}\\s+127\\.0\\.0\\.1:${local}\\s+→ localhost:${port}\\s+(listening|active)\\s+1\\s`),
      {description: 'the forward row with one connection'});
    const session = sessionServiceFor(t.fleet.model).all().find((s) => s.target === web.instanceId);
    expect(session?.status).toBe('Connected');

    await tui.press('q');
    await tui.waitForText('Quit? This ends 1 port forward.');
    await tui.press('y');
    const exit = await tui.exited;
    expect(exit.exitCode).toBe(0);
    expect(session?.status).toBe('Terminated');
    const audit = fs.readFileSync(path.join(t.stateDir, 'fleetdeck', 'audit.jsonl'), 'utf8');
    expect(audit).toMatch(/"action":"StartPortForward".*"name":"demo-web"/);
    expect(audit).toContain('"action":"StopPortForward"');
  });

  it('read-only mode disables F and says why', async () => {
    const tui = await spawn({args: [CLI_PATH, '--endpoint-url', t.fleet.endpoint, '--read-only'], cols: 140, rows: 34, env: t.env()});
    await tui.waitForText(/Managed instances [1-9]\d*\//, {description: 'rows loaded'});
    await tui.press('F');
    await tui.waitForText('read-only mode: forwards are off', {description: 'the reason'});
    expect(tui.screen()).not.toContain('Forward a local port');
  });
});
