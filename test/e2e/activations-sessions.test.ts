// Hybrid activations and Session Manager history in the built CLI under a real pty: create an activation in the form
// and read its register line; end another operator's shell (a second SDK caller) from :sessions and see it leave
// Active, close on their side naming who ended it, and show in History.
import fs from 'node:fs';
import path from 'node:path';
import {SSM} from '@aws-sdk/client-ssm';
import {afterEach, describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {plainShellEnv} from '../helpers/session-fleet.js';
import {until} from '../helpers/wait.js';
import {fleetControlClient} from '../../src/local/control-client.js';
import {sessionServiceFor} from '../../src/local/ssm/sessions/session-service.js';
import {sessionApi} from '../../src/aws/sessions/start-session.js';
import {SessionClient} from '../../src/session/client.js';

const spawn = useTuis();
const t = useLocalFleet({nodes: 12, seed: 'activations-sessions-e2e'});
const clients: SessionClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.detach();
});

describe('hybrid activations and sessions', () => {
  it('creates an activation in the form and shows the code once with the Linux register line', async () => {
    const tui = await spawn({args: [CLI_PATH, '--endpoint-url', t.fleet.endpoint], cols: 200, rows: 40, env: t.env()});
    await tui.waitForText(/Managed instances [1-9]\d*\//, {description: 'rows loaded'});
    await tui.press(':');
    await tui.type('activations');
    await tui.press('enter');
    await tui.waitFor((s) => /Hybrid activations \d+\/\d+/.test(s) && /EXPIRED/.test(s), {description: 'the activations, an expired one called out'});
    await tui.press('c');
    await tui.waitForText('✗ an IAM role is required', {description: 'the form'});
    await tui.press('r');
    await tui.waitFor(() => tui.line(-2).startsWith('/'), {description: 'the role prompt'});
    await tui.type('SSMServiceRole');
    await tui.waitForText('enter creates it', {description: 'the form checked as typed'});
    await tui.press('enter');
    await tui.waitFor(() => !tui.line(-2).startsWith('/'), {description: 'prompt closed'});
    await tui.press('enter');
    await tui.waitForText('Create an activation for the role SSMServiceRole, up to 1 node?', {description: 'asked'});
    await tui.press('y');
    await tui.waitFor((s) => s.includes('Activation code') && s.includes('sudo -E amazon-ssm-agent -register'), {description: 'the register line', timeout: 10_000});
    const screen = tui.screen();
    const id = /Activation id\s+(\S+)/.exec(screen)?.[1] ?? '';
    const code = /Activation code\s+(\S+)/.exec(screen)?.[1] ?? '';
    expect(code.length).toBeGreaterThanOrEqual(20);
    expect(screen).toContain(`sudo -E amazon-ssm-agent -register -code "${code}" -id "${id}" -region "${t.fleet.region}"`);
    expect(screen).toContain('Restart-Service AmazonSSMAgent');
    // The code is in no file fleetdeck wrote (its log, its audit record); the audit has the creation without it.
    const files = (fs.readdirSync(t.stateDir, {recursive: true}) as string[]).map((f) => path.join(t.stateDir, f)).filter((f) => fs.statSync(f).isFile());
    const written = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    expect(written).toContain(`"action":"CreateActivation"`);
    expect(written).toContain(id);
    expect(written).not.toContain(code);
  });

  it("terminates another operator's session: it leaves Active, their shell closes naming who ended it, and it shows in History", async () => {
    const service = sessionServiceFor(t.fleet.model);
    service.configure({env: plainShellEnv});
    const node = t.fleet.model.managed().find((n) => n.pingStatus === 'Online' && n.platformType === 'Linux');
    if (!node) throw new Error('no online Linux node');
    const bob = await fleetControlClient(t.fleet).createCaller('oncall-bob');
    const ssm = new SSM({endpoint: t.fleet.endpoint, region: t.fleet.region, maxAttempts: 1, credentials: bob.credentials});
    let out = '';
    const theirs = await SessionClient.start({api: sessionApi({ssm}), target: node.instanceId, size: {cols: 80, rows: 24}, reason: 'incident 42',
      onOutput: (b) => (out += b.toString('utf8'))});
    clients.push(theirs);
    await until(() => out.includes(`${node.instanceId}$ `), 'their prompt');
    const closed = theirs.whenClosed();

    const tui = await spawn({args: [CLI_PATH, '--endpoint-url', t.fleet.endpoint], cols: 220, rows: 40, env: t.env()});
    await tui.waitForText(/Managed instances [1-9]\d*\//, {description: 'rows loaded'});
    await tui.press(':');
    await tui.type('sessions');
    await tui.press('enter');
    await tui.waitFor((s) => s.includes(theirs.sessionId) && /oncall-bob\s+Connected/.test(s), {description: "bob's session, active"});
    await tui.press('K');
    await tui.waitForText(`Terminate oncall-bob's session ${theirs.sessionId}`, {description: 'asked'});
    await tui.press('y');
    await tui.waitForText(`terminated ${theirs.sessionId}`, {description: 'terminated'});
    const info = await closed;
    expect(info.output).toBe(`The session was terminated by arn:aws:iam::${t.fleet.model.accountId}:user/fleetdeck.`);
    await tui.press('ctrl-r');
    await tui.waitFor((s) => !s.includes(theirs.sessionId), {description: 'gone from Active'});
    await tui.press('h');
    await tui.waitFor((s) => s.includes(theirs.sessionId) && /oncall-bob\s+Terminated.*incident 42/.test(s), {description: 'in History'});
  });
});
