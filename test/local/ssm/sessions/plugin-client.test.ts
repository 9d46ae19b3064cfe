// Session Manager with a client that behaves as AWS's session-manager-plugin does: it opens the data channel, sends
// its token, and then sends nothing (not even Size) until the agent's first message tells it the session type —
// output for a shell, a HandshakeRequest for a port forward. Real shells, through the real SDK and WebSockets.

import {randomUUID} from 'node:crypto';
import {userInfo} from 'node:os';
import {StartSessionCommand, type StartSessionCommandOutput} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';

import {DataChannelState} from '../../../../src/session/channel.js';
import {PayloadType, type DecodedMessage} from '../../../../src/session/message.js';
import {encodeOpenDataChannel, encodeSizePayload} from '../../../../src/session/payloads.js';
import {useSessionFleet} from '../../../helpers/session-fleet.js';
import {until} from '../../../helpers/wait.js';

const local = useSessionFleet({nodes: 12, seed: 'plugin-client', node: (n) => n.pingStatus === 'Online' && n.platformType === 'Linux'});

/** A client that speaks only after the agent's first message, as the plugin does. */
interface PluginLikeClient {
  channel: DataChannelState;
  /** Every message delivered in order, as the plugin's handler sees them. */
  delivered: DecodedMessage[];
  /** Frames this client sent after its token (acks included). */
  sentBeforeFirstMessage: number;
  text(): string;
  send(type: PayloadType, payload: Buffer): void;
}

async function openLikeThePlugin(started: StartSessionCommandOutput): Promise<PluginLikeClient> {
  const channel = new DataChannelState({role: 'client', now: Date.now, newId: randomUUID});
  const client: PluginLikeClient = {
    channel,
    delivered: [],
    sentBeforeFirstMessage: 0,
    text: () =>
      Buffer.concat(client.delivered.filter((m) => m.payloadType === PayloadType.Output).map((m) => m.payload)).toString('utf8'),
    send: (type, payload) => {
      if (client.delivered.length === 0) client.sentBeforeFirstMessage++;
      for (const frame of channel.send(type, payload)) ws.send(frame);
    },
  };
  const ws = await local.openStream(started.StreamUrl ?? '', (data) => {
    const r = channel.receive(data);
    for (const frame of r.write) ws.send(frame);
    client.delivered.push(...r.deliver);
  });
  ws.send(encodeOpenDataChannel({requestId: randomUUID(), tokenValue: started.TokenValue ?? '', clientId: randomUUID(), clientVersion: '1.2.707.0'}));
  return client;
}

describe('a client that waits for the agent before it sends anything', () => {
  it('gets the prompt first on a shell session, then resizes the pty with Size and runs a command', async () => {
    const started = await local.c.ssm.send(new StartSessionCommand({Target: local.online.instanceId}));
    const client = await openLikeThePlugin(started);
    await until(() => client.delivered.length > 0, 'the first message from the agent');
    expect(client.sentBeforeFirstMessage).toBe(0);
    // A shell session has no handshake: the first message is the shell's output.
    expect(client.delivered[0]?.payloadType).toBe(PayloadType.Output);
    await until(() => /[$#] $/.test(client.text()), `the prompt: ${JSON.stringify(client.text())}`);
    const session = local.service.get(started.SessionId ?? '');
    expect(session?.terminalSize).toEqual({cols: 80, rows: 24});

    client.send(PayloadType.Size, encodeSizePayload({cols: 132, rows: 43}));
    client.send(PayloadType.Output, Buffer.from('echo "size=$(stty size)" ran-$((6*7))\r'));
    await until(() => client.text().includes('size=43 132 ran-42'), 'the command output at the new size');
    expect(session?.initialSize).toEqual({cols: 132, rows: 43});
    expect(session?.terminalSize).toEqual({cols: 132, rows: 43});
  });

  it('still gets a HandshakeRequest first on a port forward', async () => {
    const started = await local.c.ssm.send(
      new StartSessionCommand({Target: local.online.instanceId, DocumentName: 'AWS-StartPortForwardingSession', Parameters: {portNumber: ['22'], localPortNumber: ['0']}}),
    );
    const client = await openLikeThePlugin(started);
    await until(() => client.delivered.length > 0, 'the HandshakeRequest');
    expect(client.sentBeforeFirstMessage).toBe(0);
    expect(client.delivered[0]?.payloadType).toBe(PayloadType.HandshakeRequest);
    expect(client.delivered[0]?.payload.toString('utf8')).toContain('"SessionType":"Port"');
  });
});

describe('the user a local shell runs as', () => {
  it('is the real user of this machine, in USER, LOGNAME and the prompt, matching id -un', async () => {
    const me = userInfo().username;
    const started = await local.c.ssm.send(new StartSessionCommand({Target: local.online.instanceId}));
    const client = await openLikeThePlugin(started);
    await until(() => /[$#] $/.test(client.text()), `the prompt: ${JSON.stringify(client.text())}`);
    expect(client.text()).toContain(`${me}@`);
    expect(client.text()).not.toContain('ssm-user');
    client.send(PayloadType.Output, Buffer.from('echo "who=$USER/$LOGNAME/$(id -un)"\r'));
    await until(() => client.text().includes(`who=${me}/${me}/${me}`), 'the user names');
  });
});
