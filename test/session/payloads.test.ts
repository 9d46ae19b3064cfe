import {describe, expect, it} from 'vitest';

import {incompleteUtf8TailLength, chunkPayload, utf8SafeCut} from '../../src/session/chunk.js';
import {goJson} from '../../src/session/go-json.js';
import {FlagPayload, decodeMessage} from '../../src/session/message.js';
import {
  buildChannelClosed,
  channelClosedText,
  encodeAgentSessionState,
  encodeChannelClosedPayload,
  encodeFlagPayload,
  encodeOpenDataChannel,
  encodeSizePayload,
  parseChannelClosedPayload,
  parseFlagPayload,
  parseOpenDataChannel,
  parseSizePayload,
} from '../../src/session/payloads.js';

describe('OpenDataChannel first frame', () => {
  it('has the exact field names and order', () => {
    expect(encodeOpenDataChannel({requestId: 'r', tokenValue: 't&<>', clientId: 'c', clientVersion: '1.2.707.0'})).toBe(
      '{"MessageSchemaVersion":"1.0","RequestId":"r","TokenValue":"t\\u0026\\u003c\\u003e","ClientId":"c","ClientVersion":"1.2.707.0"}',
    );
    expect(encodeOpenDataChannel({requestId: 'r', tokenValue: 't'})).toBe('{"MessageSchemaVersion":"1.0","RequestId":"r","TokenValue":"t"}');
  });

  it('parses what clients (and agents) send', () => {
    const text = encodeOpenDataChannel({requestId: 'r', tokenValue: 'tok', clientId: 'c', clientVersion: 'v'});
    expect(parseOpenDataChannel(text)).toEqual({
      ok: true,
      frame: {messageSchemaVersion: '1.0', requestId: 'r', tokenValue: 'tok', clientId: 'c', clientVersion: 'v'},
    });
    const agent = parseOpenDataChannel('{"MessageSchemaVersion":"1.0","RequestId":"r","TokenValue":"t","ClientInstanceId":"i"}');
    expect(agent.ok && agent.frame.clientInstanceId).toBe('i');
    expect(parseOpenDataChannel('{"TokenValue":5}').ok).toBe(false);
    expect(parseOpenDataChannel('nope').ok).toBe(false);
  });
});

describe('Size', () => {
  it('writes {"cols":C,"rows":R} and reads it back', () => {
    expect(encodeSizePayload({cols: 80, rows: 24}).toString()).toBe('{"cols":80,"rows":24}');
    expect(parseSizePayload(Buffer.from('{"rows":50,"cols":200}'))).toEqual({ok: true, size: {cols: 200, rows: 50}});
    expect(parseSizePayload(Buffer.from('{"cols":-1,"rows":2}')).ok).toBe(false);
    expect(parseSizePayload(Buffer.from('{"cols":"80"}')).ok).toBe(false);
    expect(() => encodeSizePayload({cols: 1.5, rows: 2})).toThrow(RangeError);
  });
});

describe('Flag', () => {
  it.each([
    [FlagPayload.DisconnectToPort, '00000001'],
    [FlagPayload.TerminateSession, '00000002'],
    [FlagPayload.ConnectToPortError, '00000003'],
  ])('%i is %s big-endian', (flag, hex) => {
    expect(encodeFlagPayload(flag).toString('hex')).toBe(hex);
    expect(parseFlagPayload(Buffer.from(hex, 'hex'))).toBe(flag);
  });

  it('rejects short payloads', () => {
    expect(parseFlagPayload(Buffer.from('000002', 'hex'))).toBeUndefined();
  });
});

describe('channel_closed', () => {
  const closed = {
    messageId: 'm', createdDate: '1700000000000', destinationId: 'i-0abc', sessionId: 's-1', messageType: 'channel_closed', schemaVersion: 1, output: '',
  };

  it('uses the plugin’s struct field order', () => {
    expect(encodeChannelClosedPayload(closed).toString()).toBe(
      '{"MessageId":"m","CreatedDate":"1700000000000","DestinationId":"i-0abc","SessionId":"s-1","MessageType":"channel_closed","SchemaVersion":1,"Output":""}',
    );
    expect(parseChannelClosedPayload(encodeChannelClosedPayload(closed))).toEqual({ok: true, closed});
    expect(parseChannelClosedPayload(Buffer.from('{"SessionId":3}')).ok).toBe(false);
  });

  it('prints what the plugin prints', () => {
    expect(channelClosedText('s-1', '')).toBe('\n\nExiting session with sessionId: s-1.\n\n');
    expect(channelClosedText('s-1', 'Idle timeout')).toBe('\n\nSessionId: s-1 : Idle timeout\n\n');
  });

  it('builds a full frame with seq 0, Flags 3, PayloadType 0 and a valid digest', () => {
    const frame = buildChannelClosed({sessionId: 's-1', destinationId: 'i-1', output: 'bye'}, {now: () => 42, newId: () => '01234567-89ab-4cde-8f01-23456789abcd'});
    const d = decodeMessage(frame);
    expect(d.ok && d.message).toMatchObject({messageType: 'channel_closed', sequenceNumber: 0n, flags: 3n, payloadType: 0, createdDate: 42});
  });
});

describe('agent_session_state and Go JSON escaping', () => {
  it('writes the agent’s field order', () => {
    expect(encodeAgentSessionState('Terminating', 's-1').toString()).toBe('{"SchemaVersion":1,"SessionState":"Terminating","SessionId":"s-1"}');
  });

  it('escapes like encoding/json', () => {
    expect(goJson({a: '<&>\u2028\u2029é'})).toBe('{"a":"\\u003c\\u0026\\u003e\\u2028\\u2029é"}');
  });
});

describe('chunking', () => {
  it('cuts at the limit unless that splits a character', () => {
    const euro = Buffer.from('a€'); // 61 e2 82 ac
    expect(utf8SafeCut(euro, 0, 2)).toBe(1);
    expect(utf8SafeCut(euro, 0, 3)).toBe(1);
    expect(utf8SafeCut(euro, 0, 1)).toBe(1);
    expect(utf8SafeCut(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80]), 0, 4)).toBe(4);
    expect(chunkPayload(Buffer.from('😀😀'), 5, true).map((c) => c.toString())).toEqual(['😀', '😀']);
    expect(chunkPayload(Buffer.from('😀😀'), 5, false).map((c) => c.length)).toEqual([5, 3]);
  });

  it('measures an unfinished trailing character', () => {
    const e = Buffer.from('€');
    expect(incompleteUtf8TailLength(e.subarray(0, 1))).toBe(1);
    expect(incompleteUtf8TailLength(e.subarray(0, 2))).toBe(2);
    expect(incompleteUtf8TailLength(e)).toBe(0);
    expect(incompleteUtf8TailLength(Buffer.from('ab'))).toBe(0);
    expect(incompleteUtf8TailLength(Buffer.from([0x61, 0xf0, 0x9f, 0x98]))).toBe(3);
  });
});
