import {SSM} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../src/local/index.js';
import {sessionServiceFor} from '../../../src/local/session-service.js';
import {SessionClient} from '../../../src/session/client.js';
let fleet: LocalFleet;
beforeAll(async () => { fleet = await startLocalFleet({nodes: 12, seed: 'session-client'}); });
afterAll(async () => { await fleet.close(); });
it('exit loop', async () => {
  const service = sessionServiceFor(fleet.model);
  service.configure({env: (n, dir) => ({PATH: process.env['PATH'] ?? '', HOME: dir, TERM: 'dumb', LANG: 'C.UTF-8', PS1: `${n.instanceId}$ `})});
  const api = new SSM({endpoint: fleet.endpoint, region: fleet.region, credentials: fleet.credentials, maxAttempts: 1});
  const node = fleet.model.managed().find((n) => n.pingStatus === 'Online')!;
  const problems: string[] = [];
  await Promise.all(Array.from({length: 40}, async (_, i) => {
    const chunks: Buffer[] = [];
    const client = await SessionClient.start({api, target: node.instanceId, size: {cols: 80, rows: 24}, onOutput: (b) => chunks.push(b)});
    const closed = client.whenClosed();
    client.write('echo bye-$((1+1)); exit 3\r');
    const info = await closed;
    const s = service.get(client.sessionId);
    const text = Buffer.concat(chunks).toString();
    if (info.reason !== 'exited' || !text.includes('bye-2') || s?.exit?.exitCode !== 3) problems.push(`${i}: ${info.reason} ${JSON.stringify(text)} ${JSON.stringify(s?.exit)} ${info.error?.message}`);
  }));
  expect(problems).toEqual([]);
}, 60_000);
