// A shell and a port forward to a node in the second region of the second account, from a dashboard over 2 accounts ×
// 2 regions (profiles with their endpoint_url, as `fleetdeck local-fleet --accounts 2 --regions …` writes them): each
// session starts in the node's own account and region — the local fleet holds it in that partition — and the audit
// log says which context acted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {startLocalFleet, type LocalFleet, type LocalPartition} from '../../src/local/server.js';
import {removeProfileFiles, writeProfileFiles, type ProfileFiles} from '../../src/cli/local-fleet-profiles.js';
import {demoPage} from '../../src/local/ssm/sessions/port-forward-demo.js';
import {promptName, sessionServiceFor} from '../../src/local/ssm/sessions/session-service.js';

const spawn = useTuis();
let fleet: LocalFleet;
let files: ProfileFiles;
let home: string;

beforeAll(async () => {
  fleet = await startLocalFleet({accounts: 2, regions: ['us-east-1', 'eu-west-1'], nodes: 12, seed: 'contexts-sessions'});
  files = writeProfileFiles(fleet.endpoint, fleet.partitions.map((p) => ({accountId: p.accountId, region: p.region,
    accessKeyId: p.credentials.accessKeyId, secretAccessKey: p.credentials.secretAccessKey, sessionToken: p.credentials.sessionToken})));
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-ctx-sessions-'));
  fs.chmodSync(home, 0o700);
});
afterAll(async () => {
  removeProfileFiles(files.dir);
  await fleet.close();
});

function env(): Record<string, string> {
  return {HOME: home, XDG_STATE_HOME: path.join(home, 'state'), XDG_CONFIG_HOME: path.join(home, 'config'),
    AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile, AWS_EC2_METADATA_DISABLED: 'true'};
}

/** The second account's partition in eu-west-1. */
function secondRegionOfSecondAccount(): LocalPartition {
  const accounts = [...new Set(fleet.partitions.map((p) => p.accountId))];
  const p = fleet.partitions.find((q) => q.accountId === accounts[1] && q.region === 'eu-west-1');
  if (!p) throw new Error('no such partition');
  return p;
}

async function openDashboard() {
  const tui = await spawn({args: [CLI_PATH, '--profile', 'local-1,local-2', '--region', 'us-east-1,eu-west-1'], cols: 160, rows: 36,
    env: env()});
  await tui.waitForText(/Managed instances [1-9]\d*\//, {description: 'rows loaded', timeout: 20_000});
  await tui.waitForText('2 accounts × 2 regions', {description: 'the contexts in the header'});
  return tui;
}

describe('sessions go where the node lives', () => {
  it('forwards a port to the demo web node of account 2 in eu-west-1 through a session of that partition', {timeout: 60_000}, async () => {
    const p = secondRegionOfSecondAccount();
    const demo = sessionServiceFor(p.model).demoWeb;
    const web = demo.node;
    if (!web) throw new Error('no demo node');
    await demo.ready; // the demo page listens
    const tui = await openDashboard();
    await tui.press('/');
    await tui.type(web.instanceId);
    await tui.press('enter');
    await tui.waitForText(/Managed instances 1\//, {description: 'the one node'});
    expect(tui.screen()).toMatch(new RegExp(`${p.accountId}\\s+eu-west-1\\s+${web.instanceId}`));
    await tui.press('F');
    await tui.waitForText(`Forward a local port to ${web.instanceId}`, {description: 'the form'});
    await tui.press('tab', 'tab', 'tab');
    await tui.type('eu-web');
    await tui.press('enter');
    await tui.waitForText(/forwarding 127\.0\.0\.1:(\d+) →/, {description: 'the forward started'});
    const local = /forwarding 127\.0\.0\.1:(\d+) →/.exec(tui.screen())?.[1];
    const res = await fetch(`http://127.0.0.1:${local}/`, {headers: {connection: 'close'}});
    expect(await res.text()).toBe(demoPage(web));
    // The session is the partition's own; no other partition holds one.
    expect(sessionServiceFor(p.model).all().some((s) => s.target === web.instanceId && s.status === 'Connected')).toBe(true);
    for (const other of fleet.partitions.filter((q) => q !== p)) expect(sessionServiceFor(other.model).all()).toEqual([]);
    await tui.press('q');
    await tui.waitForText('Quit? This ends 1 port forward.');
    await tui.press('y');
    expect((await tui.exited).exitCode).toBe(0);
    const audit = fs.readFileSync(path.join(home, 'state', 'fleetdeck', 'audit.jsonl'), 'utf8');
    expect(audit).toMatch(/"action":"StartPortForward".*context local-2:eu-west-1/);
  });

  it('opens a shell on a node of account 2 in eu-west-1, and the shell is that node\'s', {timeout: 90_000}, async () => {
    const p = secondRegionOfSecondAccount();
    const node = p.model.managed().find((n) => n.pingStatus === 'Online' && n.platformType === 'Linux');
    if (!node) throw new Error('no online Linux node');
    const tui = await openDashboard();
    await tui.press('/');
    await tui.type(node.instanceId);
    await tui.press('enter');
    await tui.waitForText(/Managed instances 1\//, {description: 'the one node'});
    await tui.press('s');
    await tui.waitForText('1 shell', {description: 'the shell pane', timeout: 15_000});
    // The node's own prompt (user@node:~$) before typing: keys typed earlier would reach no shell yet.
    await tui.waitForText(new RegExp(`@${promptName(node).replace(/[^\w-]/g, '.')}:~[#$]`), {description: 'the node\'s prompt', timeout: 30_000});
    await tui.type('echo "on-$HOSTNAME-$((6*7))"\r');
    await tui.waitForText(`on-${promptName(node)}-42`, {description: 'the echo', timeout: 20_000});
    expect(sessionServiceFor(p.model).all().some((s) => s.target === node.instanceId)).toBe(true);
    for (const other of fleet.partitions.filter((q) => q !== p)) {
      expect(sessionServiceFor(other.model).all().some((s) => s.target === node.instanceId)).toBe(false);
    }
    await tui.press('ctrl-g', 'x');
    await tui.waitFor((s) => !s.includes('1 shell'), {description: 'the shell closed'});
    await tui.press('q');
    await tui.exited;
    const audit = fs.readFileSync(path.join(home, 'state', 'fleetdeck', 'audit.jsonl'), 'utf8');
    const start = audit.trim().split('\n').map((l) => JSON.parse(l) as {action: string; target?: string; identity?: string})
      .find((r) => r.action === 'StartSession' && r.target === node.instanceId);
    expect(start?.identity).toContain('context local-2:eu-west-1');
  });
});
