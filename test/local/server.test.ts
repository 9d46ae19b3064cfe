// The endpoint of a fleet of several accounts and regions: a session started in one partition streams from it.
import {randomUUID} from 'node:crypto';
import {StartSessionCommand} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {WebSocket} from 'ws';
import {DataChannelState} from '../../src/session/channel.js';
import {PayloadType} from '../../src/session/message.js';
import {encodeOpenDataChannel, encodeSizePayload} from '../../src/session/payloads.js';
import {startLocalFleet, type LocalFleet} from '../../src/local/server.js';
import {sessionServiceFor} from '../../src/local/ssm/sessions/session-service.js';
import {plainShellEnv} from '../helpers/session-fleet.js';
import {until} from '../helpers/wait.js';
import {fleetClients} from '../helpers/fleet-clients.js';

let fleet: LocalFleet;
beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 10, seed: 'partition-sessions', accounts: 2, regions: ['us-east-1', 'eu-west-1']});
  for (const p of fleet.partitions) sessionServiceFor(p.model).configure({env: plainShellEnv});
});
afterAll(async () => {
  await fleet.close();
});

it('StartSession in eu-west-1 of the second account streams a real shell of that partition', async () => {
  const p = fleet.partitions.find((x) => x.region === 'eu-west-1' && x.accountId !== fleet.model.accountId);
  if (p === undefined) throw new Error('no second account in eu-west-1');
  const node = p.model.managed().find((n) => n.pingStatus === 'Online' && n.platformType === 'Linux');
  if (node === undefined) throw new Error('no online node there');
  const {ssm} = fleetClients(fleet, {credentials: p.credentials, region: 'eu-west-1'});
  const started = await ssm.send(new StartSessionCommand({Target: node.instanceId}));
  expect(sessionServiceFor(p.model).get(started.SessionId ?? '')?.active).toBe(true);

  const channel = new DataChannelState({role: 'client', now: Date.now, newId: randomUUID});
  const output: Buffer[] = [];
  const ws = new WebSocket(started.StreamUrl ?? '');
  try {
    ws.on('message', (data: Buffer) => {
      const r = channel.receive(data);
      for (const f of r.write) ws.send(f);
      for (const m of r.deliver) output.push(m.payload);
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${String(res.statusCode)}`)));
    });
    ws.send(encodeOpenDataChannel({requestId: randomUUID(), tokenValue: started.TokenValue ?? '', clientId: randomUUID(), clientVersion: '1.2.707.0'}));
    for (const f of channel.send(PayloadType.Size, encodeSizePayload({cols: 80, rows: 24}))) ws.send(f);
    for (const f of channel.send(PayloadType.Output, Buffer.from('echo "$(basename "$PWD")" in-$((6*7))\r'))) ws.send(f);
    // The shell runs in that node's own working directory.
    await until(() => Buffer.concat(output).toString('utf8').includes(`${node.instanceId} in-42`), 'the shell of the eu-west-1 node to answer');
  } finally {
    ws.terminate();
    sessionServiceFor(p.model).get(started.SessionId ?? '')?.terminate('test cleanup');
  }
});
