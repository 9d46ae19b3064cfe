import {describe, expect, it} from 'vitest';

import {
  ActionStatus,
  answerHandshakeRequest,
  encodeEncChallenge,
  encodeHandshakeComplete,
  encodeHandshakeRequest,
  encodeHandshakeResponse,
  parseEncChallenge,
  parseHandshakeComplete,
  parseHandshakeRequest,
  parseHandshakeResponse,
  sessionTypeAction,
} from '../../src/session/handshake.js';

const PORT_PROPERTIES = {portNumber: '80', localPortNumber: '0', type: 'LocalPortForwarding'};

describe('handshake payloads', () => {
  it('HandshakeRequest in the agent’s field order', () => {
    const request = {agentVersion: '3.3.1142.0', requestedClientActions: [sessionTypeAction('Port', PORT_PROPERTIES)]};
    const bytes = encodeHandshakeRequest(request);
    expect(bytes.toString()).toBe(
      '{"AgentVersion":"3.3.1142.0","RequestedClientActions":[{"ActionType":"SessionType","ActionParameters":' +
        '{"SessionType":"Port","Properties":{"portNumber":"80","localPortNumber":"0","type":"LocalPortForwarding"}}}]}',
    );
    expect(parseHandshakeRequest(bytes)).toEqual({ok: true, value: request});
    expect(encodeHandshakeRequest({agentVersion: 'v', requestedClientActions: [sessionTypeAction('Standard_Stream', null)]}).toString()).toContain(
      '"ActionParameters":{"SessionType":"Standard_Stream","Properties":null}',
    );
  });

  it('HandshakeResponse exactly as the spec shows', () => {
    const response = {
      clientVersion: '1.2.650.0',
      processedClientActions: [{actionType: 'SessionType', actionStatus: 1, actionResult: null, error: ''}],
      errors: null,
    };
    const bytes = encodeHandshakeResponse(response);
    expect(bytes.toString()).toBe(
      '{"ClientVersion":"1.2.650.0","ProcessedClientActions":[{"ActionType":"SessionType","ActionStatus":1,"ActionResult":null,"Error":""}],"Errors":null}',
    );
    expect(parseHandshakeResponse(bytes)).toEqual({ok: true, value: response});
    expect(parseHandshakeResponse(Buffer.from('{"Errors":[1]}')).ok).toBe(false);
  });

  it('HandshakeComplete and the encryption challenge', () => {
    const bytes = encodeHandshakeComplete({handshakeTimeToComplete: 1_500_000_000, customerMessage: 'hi'});
    expect(bytes.toString()).toBe('{"HandshakeTimeToComplete":1500000000,"CustomerMessage":"hi"}');
    expect(parseHandshakeComplete(bytes)).toEqual({ok: true, value: {handshakeTimeToComplete: 1_500_000_000, customerMessage: 'hi'}});
    const challenge = encodeEncChallenge(Buffer.from([1, 2, 3, 250]));
    expect(challenge.toString()).toBe('{"Challenge":"AQID+g=="}');
    const back = parseEncChallenge(challenge);
    expect(back.ok && [...back.value]).toEqual([1, 2, 3, 250]);
    expect(parseEncChallenge(Buffer.from('{"Challenge":"***"}')).ok).toBe(false);
  });

  it('rejects malformed requests without throwing', () => {
    for (const text of ['', '[]', '{"AgentVersion":1}', '{"RequestedClientActions":{}}', '{"RequestedClientActions":[5]}']) {
      expect(parseHandshakeRequest(Buffer.from(text)).ok).toBe(false);
    }
  });
});

describe('answerHandshakeRequest (the plugin’s rules)', () => {
  it.each([
    ['Standard_Stream', 'Standard_Stream'],
    ['InteractiveCommands', 'Standard_Stream'],
    ['NonInteractiveCommands', 'Standard_Stream'],
    ['Port', 'Port'],
  ])('accepts %s as %s', (requested, sessionType) => {
    const d = answerHandshakeRequest({agentVersion: 'v', requestedClientActions: [sessionTypeAction(requested, PORT_PROPERTIES)]}, '1.2.707.0');
    expect(d.sessionType).toBe(sessionType);
    expect(d.properties).toEqual(PORT_PROPERTIES);
    expect(d.response).toEqual({
      clientVersion: '1.2.707.0',
      processedClientActions: [{actionType: 'SessionType', actionStatus: ActionStatus.Success, actionResult: null, error: ''}],
      errors: null,
    });
  });

  it('fails unknown session types, KMS (deferred) and marks unknown actions with the plugin’s quirk', () => {
    const d = answerHandshakeRequest(
      {
        agentVersion: 'v',
        requestedClientActions: [
          sessionTypeAction('Bogus', null),
          {actionType: 'KMSEncryption', actionParameters: {KMSKeyId: 'k', Challenge: 'c'}},
          {actionType: 'Teleport', actionParameters: null},
        ],
      },
      '1.2.707.0',
    );
    expect(d.sessionType).toBeUndefined();
    expect(d.response.processedClientActions).toEqual([
      {actionType: 'SessionType', actionStatus: 2, actionResult: null, error: 'Failed to process action SessionType: Unknown session type Bogus'},
      {actionType: 'KMSEncryption', actionStatus: 2, actionResult: null, error: expect.stringMatching(/^Failed to process action KMSEncryption: /)},
      {actionType: 'Teleport', actionStatus: 0, actionResult: 3, error: 'Unsupported action Teleport'},
    ]);
    expect(d.response.errors).toHaveLength(3);
    expect(d.response.errors?.[2]).toBe('Unsupported action Teleport');
  });
});
