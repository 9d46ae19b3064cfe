// Session Manager in the local fleet: the API through the real SDK, and the agent's data channel through a raw
// WebSocket (tokens, hostile frames), with real PTY shells.

import {randomUUID} from 'node:crypto';
import {
  DescribeSessionsCommand,
  ResumeSessionCommand,
  StartSessionCommand,
  TerminateSessionCommand,
  paginateDescribeSessions,
  type StartSessionCommandOutput,
} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {WebSocket} from 'ws';

import {DataChannelState} from '../../../../src/session/channel.js';
import {MessageType, PayloadType, encodeMessage} from '../../../../src/session/message.js';
import {encodeOpenDataChannel, encodeSizePayload} from '../../../../src/session/payloads.js';
import {expectSdkError} from '../../../helpers/fleet-clients.js';
import {useSessionFleet} from '../../../helpers/session-fleet.js';
import {until} from '../../../helpers/wait.js';

const local = useSessionFleet({nodes: 40, seed: 'sessions', node: (n) => n.pingStatus === 'Online', plainShells: true});

const start = (target = local.online.instanceId, extra: Record<string, unknown> = {}): Promise<StartSessionCommandOutput> =>
  local.c.ssm.send(new StartSessionCommand({Target: target, ...extra}));

/** A raw data-channel peer: our own client-role channel state over a bare WebSocket. */
interface RawPeer {
  ws: WebSocket;
  channel: DataChannelState;
  output: Buffer[];
  closed: {code: number} | undefined;
  text(): string;
  send(frames: readonly Buffer[]): void;
}

async function connect(started: {StreamUrl?: string | undefined}, firstFrame: string | Buffer): Promise<RawPeer> {
  const channel = new DataChannelState({role: 'client', now: Date.now, newId: randomUUID});
  const output: Buffer[] = [];
  const ws = await local.openStream(started.StreamUrl ?? '', (data) => {
    const r = channel.receive(data);
    peer.send(r.write);
    for (const m of r.deliver) output.push(m.payload);
  });
  const peer: RawPeer = {
    ws,
    channel,
    output,
    closed: undefined,
    text: () => Buffer.concat(peer.output).toString('utf8'),
    send: (frames) => {
      for (const f of frames) ws.send(f);
    },
  };
  ws.on('close', (code) => {
    peer.closed = {code};
  });
  ws.send(firstFrame, {binary: Buffer.isBuffer(firstFrame)});
  return peer;
}

const openFrame = (token: string): string => encodeOpenDataChannel({requestId: randomUUID(), tokenValue: token, clientId: randomUUID(), clientVersion: '1.2.707.0'});

describe('StartSession', () => {
  it('returns a SessionId, a random token and a loopback StreamUrl on the same server', async () => {
    const a = await start();
    const b = await start();
    expect(a.SessionId).toMatch(/^fleetdeck-[0-9a-f]{17}$/);
    expect(a.TokenValue).toBeTruthy();
    expect(a.TokenValue).not.toBe(b.TokenValue);
    const port = new URL(local.fleet.endpoint).port;
    expect(a.StreamUrl).toBe(`ws://127.0.0.1:${port}/v1/data-channel/${a.SessionId}?role=publish_subscribe`);
  });

  it('answers TargetNotConnected for offline, stopped and unknown nodes', async () => {
    const lost = local.fleet.model.managed().find((n) => n.pingStatus === 'ConnectionLost');
    expect(lost).toBeDefined();
    await expectSdkError(start(lost?.instanceId), 'TargetNotConnected');
    const stopped = local.fleet.model.all().find((n) => n.ec2?.state === 'stopped' || n.ec2?.state === 'terminated');
    if (stopped !== undefined) await expectSdkError(start(stopped.instanceId), 'TargetNotConnected');
    await expectSdkError(start('i-0123456789abcdef0'), 'TargetNotConnected');
    local.fleet.model.setPingStatus(local.online.instanceId, 'ConnectionLost');
    try {
      await expectSdkError(start(), 'TargetNotConnected');
    } finally {
      local.fleet.model.setPingStatus(local.online.instanceId, 'Online');
    }
  });

  it('rejects unknown documents, bad names and bad parameters', async () => {
    await expectSdkError(start(local.online.instanceId, {DocumentName: 'AWS-RunShellScript'}), 'InvalidDocument');
    await expectSdkError(start(local.online.instanceId, {DocumentName: 'No Such Doc!'}), 'ValidationException');
    await expectSdkError(start(local.online.instanceId, {DocumentName: 'AWS-StartInteractiveCommand'}), 'ValidationException');
    await expectSdkError(start(local.online.instanceId, {Parameters: {command: ['ls']}}), 'ValidationException');
    await expectSdkError(local.c.ssm.send(new StartSessionCommand({Target: undefined as unknown as string})), 'ValidationException');
  });

  it('runs AWS-StartInteractiveCommand and closes the channel when the command ends', async () => {
    const started = await start(local.online.instanceId, {DocumentName: 'AWS-StartInteractiveCommand', Parameters: {command: ['echo cmd-$((6*7)); exit 4']}});
    const peer = await connect(started, openFrame(started.TokenValue ?? ''));
    peer.send(peer.channel.send(PayloadType.Size, encodeSizePayload({cols: 70, rows: 20})));
    await until(() => peer.closed !== undefined, 'the channel to close');
    expect(peer.text()).toContain('cmd-42');
    const session = local.service.get(started.SessionId ?? '');
    expect(session?.exit?.exitCode).toBe(4);
    expect(session?.documentName).toBe('AWS-StartInteractiveCommand');
  });
});

describe('the data channel', () => {
  it('rejects a wrong token, a binary first frame and an unknown session; the right token still works after', async () => {
    const started = await start();
    const wrong = await connect(started, openFrame('not-the-token'));
    await until(() => wrong.closed !== undefined, 'the wrong token to be refused');
    expect(wrong.closed?.code).toBe(1008);
    const binary = await connect(started, Buffer.from(openFrame(started.TokenValue ?? '')));
    await until(() => binary.closed !== undefined, 'a binary first frame to be refused');
    const garbage = await connect(started, '{"TokenValue":');
    await until(() => garbage.closed !== undefined, 'garbage to be refused');
    const unknown = new WebSocket(started.StreamUrl?.replace(started.SessionId ?? '', 'fleetdeck-00000000000000000') ?? '');
    const status = await new Promise<number | undefined>((resolve) => {
      unknown.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      unknown.on('error', () => resolve(undefined));
    });
    unknown.terminate();
    expect(status).toBe(404);
    expect(local.service.logEntries().some((e) => e.msg === 'data channel rejected' && e.fields?.['why'] === 'invalid or expired token')).toBe(true);

    const good = await connect(started, openFrame(started.TokenValue ?? ''));
    good.send(good.channel.send(PayloadType.Size, encodeSizePayload({cols: 80, rows: 25})));
    good.send(good.channel.send(PayloadType.Output, Buffer.from('echo ok-$((2*3))\r')));
    await until(() => good.text().includes('ok-6'), 'output with the right token');
    // The token is single use: a second socket with it is refused.
    const reuse = await connect(started, openFrame(started.TokenValue ?? ''));
    await until(() => reuse.closed !== undefined, 'a reused token to be refused');
    expect(good.closed).toBeUndefined();
  });

  it('drops hostile and malformed frames without crashing, and keeps serving the session', async () => {
    const started = await start();
    const peer = await connect(started, openFrame(started.TokenValue ?? ''));
    peer.send(peer.channel.send(PayloadType.Size, encodeSizePayload({cols: 80, rows: 25})));
    const before = local.service.logEntries().length;
    const valid = (seq: number | bigint, payload: Buffer, type: string = MessageType.InputStreamData, payloadType: number = PayloadType.Output): Buffer =>
      encodeMessage({messageType: type as MessageType, createdDate: Date.now(), sequenceNumber: seq, flags: 0, messageId: randomUUID(), payloadType: payloadType as PayloadType, payload});
    const wrongDigest = valid(1, Buffer.from('echo pwned\r'));
    wrongDigest[90] = (wrongDigest[90] ?? 0) ^ 0xff;
    const zeroDate = valid(1, Buffer.from('echo pwned\r'));
    zeroDate.fill(0, 40, 48);
    const hugeHeader = valid(1, Buffer.from('x'));
    hugeHeader.writeUInt32BE(0xffffffff, 0);
    const hostile: Buffer[] = [
      wrongDigest,
      valid(1, Buffer.from('echo pwned\r')).subarray(0, 50),
      Buffer.alloc(0),
      Buffer.from('definitely not a message'),
      zeroDate,
      hugeHeader,
      valid(1, Buffer.from('echo pwned\r'), 'bogus_type'),
      valid(1, Buffer.from('{"AcknowledgedMessageSequenceNumber":"x"}'), MessageType.Acknowledge, 0),
      valid(1, Buffer.from('{"cols":-1}'), MessageType.InputStreamData, PayloadType.Size),
      valid(Number.MAX_SAFE_INTEGER, Buffer.from('echo pwned\r')),
      valid(-5, Buffer.from('echo pwned\r')),
      valid(2n ** 62n, Buffer.from('echo pwned\r')),
      valid(2, Buffer.alloc(2000, 0x41), MessageType.InputStreamData, 99),
    ];
    for (const frame of hostile) peer.ws.send(frame);
    peer.ws.send('{"not":"a frame"}');
    const session = local.service.get(started.SessionId ?? '');
    // 13 frames dropped or ignored, the last one (the text frame) logged last.
    await until(() => local.service.logEntries().length - before >= hostile.length + 1, 'the drops to be logged');
    const drops = local.service.logEntries().slice(before).map((e) => `${e.msg}: ${String(e.fields?.['why'] ?? '')}`);
    expect(drops.some((d) => d.includes('digest mismatch'))).toBe(true);
    expect(drops.some((d) => d.includes('too short'))).toBe(true);
    expect(drops.some((d) => d.includes('ignored message type'))).toBe(true);
    expect(drops.some((d) => d.includes('out of range'))).toBe(true);
    expect(drops.some((d) => d.includes('invalid ack'))).toBe(true);
    expect(drops.some((d) => d.startsWith('payload type ignored'))).toBe(true);
    expect(drops.some((d) => d.startsWith('invalid Size payload dropped'))).toBe(true);
    expect(session?.connected).toBe(true);
    // The well-formed but useless Size (seq 1) and PayloadType 99 (seq 2) were consumed; real input continues at 3.
    peer.ws.send(valid(3, Buffer.from('echo alive-$((5+5))\r')));
    await until(() => peer.text().includes('alive-10'), 'the session to keep working');
    expect(peer.text()).not.toContain('pwned');
    expect(session?.status).toBe('Connected');
  });

  it('sends output in payloads of at most 1024 bytes that never split a UTF-8 character', async () => {
    const started = await start();
    const peer = await connect(started, openFrame(started.TokenValue ?? ''));
    peer.send(peer.channel.send(PayloadType.Size, encodeSizePayload({cols: 200, rows: 50})));
    // 'é' (2 bytes) and '€' (3 bytes) in a run long enough to cross many 1024-byte boundaries.
    peer.send(peer.channel.send(PayloadType.Output, Buffer.from("printf 'x%.0s' 1; for i in $(seq 1 1500); do printf 'é€'; done; echo; echo U''TF-DONE\r")));
    await until(() => peer.text().includes('UTF-DONE'), 'the UTF-8 output');
    expect(peer.output.length).toBeGreaterThan(7);
    for (const payload of peer.output) {
      expect(payload.length).toBeLessThanOrEqual(1024);
      expect(Buffer.from(payload.toString('utf8'), 'utf8').equals(payload)).toBe(true);
    }
    expect(peer.text()).toContain('é€'.repeat(1500));
  });

  it('retransmits unacked output (identical bytes) on the 100 ms tick', async () => {
    const started = await start();
    const peer = await connect(started, openFrame(started.TokenValue ?? ''));
    const frames: Buffer[] = [];
    peer.ws.removeAllListeners('message');
    peer.ws.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
    peer.send(peer.channel.send(PayloadType.Size, encodeSizePayload({cols: 80, rows: 25})));
    await until(() => frames.filter((f) => f.readBigInt64BE(48) === 0n && f.subarray(4, 36).toString().trim() === MessageType.OutputStreamData).length >= 2, 'a resend of output seq 0');
    const seq0 = frames.filter((f) => f.readBigInt64BE(48) === 0n && f.subarray(4, 36).toString().trim() === MessageType.OutputStreamData);
    expect(seq0[1]?.equals(seq0[0] ?? Buffer.alloc(0))).toBe(true);
  });

  it('keeps the session and the pty when the socket drops, and resumes with a new token', async () => {
    const started = await start();
    const id = started.SessionId ?? '';
    const first = await connect(started, openFrame(started.TokenValue ?? ''));
    first.send(first.channel.send(PayloadType.Size, encodeSizePayload({cols: 80, rows: 25})));
    first.send(first.channel.send(PayloadType.Output, Buffer.from('X=kept-$((9*9))\r')));
    await until(() => first.text().includes(`${local.online.instanceId}$ `), 'the prompt');
    first.ws.terminate();
    await until(() => local.service.get(id)?.status === 'Disconnected', 'Disconnected');
    const resumed = await local.c.ssm.send(new ResumeSessionCommand({SessionId: id}));
    expect(resumed.SessionId).toBe(id);
    expect(resumed.StreamUrl).toBe(started.StreamUrl);
    expect(resumed.TokenValue).not.toBe(started.TokenValue);
    // The old token no longer works.
    const stale = await connect(started, openFrame(started.TokenValue ?? ''));
    await until(() => stale.closed !== undefined, 'the old token to be refused');
    // Same channel state (sequence numbers) on a new socket.
    const second = await connect(resumed, openFrame(resumed.TokenValue ?? ''));
    second.ws.removeAllListeners('message');
    second.ws.on('message', (data: Buffer) => {
      const r = first.channel.receive(data);
      for (const f of r.write) second.ws.send(f);
      for (const m of r.deliver) first.output.push(m.payload);
    });
    for (const f of first.channel.resume()) second.ws.send(f);
    for (const f of first.channel.send(PayloadType.Output, Buffer.from('echo $X\r'))) second.ws.send(f);
    await until(() => first.text().includes('kept-81'), 'the same shell after the resume');
    expect(local.service.get(id)?.status).toBe('Connected');
  });
});

describe('TerminateSession, ResumeSession and DescribeSessions', () => {
  it('terminates, moves the session to History, and refuses to resume it', async () => {
    const started = await start();
    const id = started.SessionId ?? '';
    const active = await local.c.ssm.send(new DescribeSessionsCommand({State: 'Active', Filters: [{key: 'SessionId', value: id}]}));
    expect(active.Sessions?.map((s) => [s.SessionId, s.Status, s.Target, s.DocumentName])).toEqual([[id, 'Connecting', local.online.instanceId, 'SSM-SessionManagerRunShell']]);
    expect(active.Sessions?.[0]?.StartDate).toBeInstanceOf(Date);
    expect((await local.c.ssm.send(new TerminateSessionCommand({SessionId: id}))).SessionId).toBe(id);
    const history = await local.c.ssm.send(new DescribeSessionsCommand({State: 'History', Filters: [{key: 'SessionId', value: id}]}));
    expect(history.Sessions?.[0]?.Status).toBe('Terminated');
    expect(history.Sessions?.[0]?.EndDate).toBeInstanceOf(Date);
    expect(history.Sessions?.[0]?.Owner).toBe(`arn:aws:iam::${local.fleet.model.accountId}:user/fleetdeck`);
    await expectSdkError(local.c.ssm.send(new ResumeSessionCommand({SessionId: id})), 'DoesNotExistException');
    await expectSdkError(local.c.ssm.send(new ResumeSessionCommand({SessionId: 'fleetdeck-00000000000000000'})), 'DoesNotExistException');
    await expectSdkError(local.c.ssm.send(new TerminateSessionCommand({SessionId: 'fleetdeck-00000000000000000'})), 'DoesNotExistException');
  });

  it('filters and paginates (MaxResults 1–200), newest first', async () => {
    const other = local.fleet.model.managed().filter((n) => n.pingStatus === 'Online')[1];
    expect(other).toBeDefined();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await start(i % 2 === 0 ? local.online.instanceId : other?.instanceId, {Reason: `r${i}`})).SessionId ?? '');
    const seen: string[] = [];
    for await (const page of paginateDescribeSessions({client: local.c.ssm, pageSize: 3}, {State: 'Active'})) {
      expect((page.Sessions ?? []).length).toBeLessThanOrEqual(3);
      for (const s of page.Sessions ?? []) seen.push(s.SessionId ?? '');
    }
    expect(seen.filter((id) => ids.includes(id))).toEqual([...ids].reverse());
    const byTarget = await local.c.ssm.send(new DescribeSessionsCommand({State: 'Active', Filters: [{key: 'Target', value: other?.instanceId ?? ''}]}));
    expect(byTarget.Sessions?.map((s) => s.SessionId).sort()).toEqual([ids[1], ids[3], ids[5]].sort());
    expect(byTarget.Sessions?.[0]?.Reason).toMatch(/^r[135]$/);
    const connecting = await local.c.ssm.send(new DescribeSessionsCommand({State: 'Active', Filters: [{key: 'Status', value: 'Connecting'}, {key: 'InvokedAfter', value: '2000-01-01T00:00:00Z'}]}));
    expect(connecting.Sessions?.length).toBeGreaterThanOrEqual(7);
    const future = await local.c.ssm.send(new DescribeSessionsCommand({State: 'Active', Filters: [{key: 'InvokedAfter', value: '2999-01-01T00:00:00Z'}]}));
    expect(future.Sessions).toEqual([]);
    expect(future.NextToken).toBeUndefined();
    await expectSdkError(local.c.ssm.send(new DescribeSessionsCommand({State: 'Active', MaxResults: 201})), 'ValidationException');
    await expectSdkError(local.c.ssm.send(new DescribeSessionsCommand({State: 'Active', MaxResults: 0})), 'ValidationException');
    await expectSdkError(local.c.ssm.send(new DescribeSessionsCommand({State: 'Open' as 'Active'})), 'ValidationException');
    await expectSdkError(local.c.ssm.send(new DescribeSessionsCommand({State: 'Active', Filters: [{key: 'Color' as 'Target', value: 'x'}]})), 'ValidationException');
    await expectSdkError(local.c.ssm.send(new DescribeSessionsCommand({State: 'Active', NextToken: 'bogus'})), 'InvalidNextToken');
    const page = await local.c.ssm.send(new DescribeSessionsCommand({State: 'Active', MaxResults: 200}));
    expect(page.Sessions?.length).toBeGreaterThanOrEqual(7);
  });
});
