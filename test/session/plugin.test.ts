// Plugin mode: session-manager-plugin's argv and environment, built as the AWS CLI builds them, and the launcher
// running a stand-in plugin (a shell script on PATH, under a real PTY) against the local fleet's StartSession.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {SSM} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';

import {startLocalFleet, type FleetNode, type LocalFleet} from '../../src/local/index.js';
import {sessionServiceFor, type SessionService} from '../../src/local/ssm/sessions/session-service.js';
import {
  PLUGIN_MISSING, RESPONSE_ENV, defaultSsmEndpoint, pluginCommand, pluginVersionAbove, pythonJsonDumps,
} from '../../src/session/plugin.js';
import {pluginLauncher, type ShellEnd} from '../../src/workspace/shell.js';
import type {SessionApi} from '../../src/session/client.js';

describe('the plugin command line', () => {
  it('serialises JSON exactly as Python json.dumps does', () => {
    // Expected strings printed by python3 -c 'import json; print(json.dumps(...))'.
    expect(pythonJsonDumps({SessionId: 's-1', TokenValue: 't/+=', StreamUrl: 'wss://x/y?a=1'}))
      .toBe('{"SessionId": "s-1", "TokenValue": "t/+=", "StreamUrl": "wss://x/y?a=1"}');
    expect(pythonJsonDumps({Target: 'i-1', Reason: 'café \u2603 \u{1F600} \x1b\x7f'}))
      .toBe('{"Target": "i-1", "Reason": "caf\\u00e9 \\u2603 \\ud83d\\ude00 \\u001b\\u007f"}');
    expect(pythonJsonDumps({Target: 'i-1', Parameters: {command: ['a', 'b']}, N: 1, B: true, Z: null}))
      .toBe('{"Target": "i-1", "Parameters": {"command": ["a", "b"]}, "N": 1, "B": true, "Z": null}');
  });

  it('compares plugin versions as the AWS CLI does (strictly newer than 1.2.497.0)', () => {
    expect(pluginVersionAbove('1.2.497.0')).toBe(false);
    expect(pluginVersionAbove('1.2.497.1')).toBe(true);
    expect(pluginVersionAbove('1.2.650.0\n')).toBe(true);
    expect(pluginVersionAbove('1.3')).toBe(true);
    expect(pluginVersionAbove('1.2')).toBe(false);
    expect(pluginVersionAbove('v1.2.650.0')).toBe(false);
  });

  const inv = {
    response: {SessionId: 'me-0123', TokenValue: 'tok', StreamUrl: 'wss://ssmmessages.eu-west-1.amazonaws.com/v1/data-channel/me-0123?role=publish_subscribe'},
    region: 'eu-west-1', profile: '', parameters: {Target: 'i-0abc', Reason: 'fleetdeck shell'},
    endpointUrl: defaultSsmEndpoint('eu-west-1'),
  };
  const responseJson = '{"SessionId": "me-0123", "TokenValue": "tok", "StreamUrl": "wss://ssmmessages.eu-west-1.amazonaws.com/v1/data-channel/me-0123?role=publish_subscribe"}';

  it('passes the StartSession response in AWS_SSM_START_SESSION_RESPONSE to newer plugins', () => {
    expect(pluginCommand({...inv, pluginVersion: '1.2.650.0'})).toEqual({
      args: [RESPONSE_ENV, 'eu-west-1', 'StartSession', '', '{"Target": "i-0abc", "Reason": "fleetdeck shell"}', 'https://ssm.eu-west-1.amazonaws.com'],
      env: {AWS_SSM_START_SESSION_RESPONSE: responseJson},
    });
  });

  it('passes it as the first argument to old or unparseable versions, with the profile when one was given', () => {
    expect(pluginCommand({...inv, profile: 'prod', pluginVersion: '1.2.497.0'})).toEqual({
      args: [responseJson, 'eu-west-1', 'StartSession', 'prod', '{"Target": "i-0abc", "Reason": "fleetdeck shell"}', 'https://ssm.eu-west-1.amazonaws.com'],
      env: {},
    });
    expect(defaultSsmEndpoint('cn-north-1')).toBe('https://ssm.cn-north-1.amazonaws.com.cn');
  });
});

describe('the plugin launcher', () => {
  let fleet: LocalFleet;
  let service: SessionService;
  let node: FleetNode;
  let api: SessionApi;
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-plugin-'));

  beforeAll(async () => {
    fleet = await startLocalFleet({nodes: 6, seed: 'plugin'});
    service = sessionServiceFor(fleet.model);
    api = new SSM({endpoint: fleet.endpoint, region: fleet.region, credentials: fleet.credentials, maxAttempts: 1});
    const online = fleet.model.managed().find((n) => n.pingStatus === 'Online');
    if (!online) throw new Error('no online node');
    node = online;
    // A stand-in plugin: reports a version, then shows what it was given and echoes a line.
    fs.writeFileSync(path.join(bin, 'session-manager-plugin'), [
      '#!/bin/sh',
      'if [ "$1" = "--version" ]; then echo 1.2.650.0; exit 0; fi',
      'i=0; for a in "$@"; do i=$((i+1)); echo "arg$i=$a"; done',
      'echo "env=$AWS_SSM_START_SESSION_RESPONSE"',
      'echo "size=$(stty size)"',
      'read -r line; echo "read=$line"',
      'exit 0',
    ].join('\n'), {mode: 0o755});
  });

  afterAll(async () => {
    await fleet.close();
  });

  it('starts the session, runs the plugin at the pane size with the AWS CLI argv and env, and ends when it exits', async () => {
    let out = '';
    let ended: ShellEnd | undefined;
    const launch = pluginLauncher({api, region: fleet.region, profile: '', endpointUrl: fleet.endpoint,
      env: {PATH: `${bin}:/usr/bin:/bin`, HOME: bin}});
    const conn = await launch({target: node.instanceId, size: {cols: 77, rows: 22}, reason: 'fleetdeck shell',
      onOutput: (b) => (out += b.toString('utf8')), onEnd: (e) => (ended = e), onState: () => undefined});
    await vi.waitFor(() => expect(out).toContain('size=22 77'), {timeout: 10_000});
    const session = service.get(conn.sessionId);
    expect(session).toBeDefined();
    const lines = out.split(/\r?\n/);
    expect(lines).toContain('arg1=AWS_SSM_START_SESSION_RESPONSE');
    expect(lines).toContain(`arg2=${fleet.region}`);
    expect(lines).toContain('arg3=StartSession');
    expect(lines).toContain('arg4=');
    expect(lines).toContain(`arg5={"Target": "${node.instanceId}", "Reason": "fleetdeck shell"}`);
    expect(lines).toContain(`arg6=${fleet.endpoint}`);
    const env = lines.find((l) => l.startsWith('env='))?.slice(4) ?? '';
    expect(JSON.parse(env)).toMatchObject({SessionId: conn.sessionId});
    expect(env).toMatch(/^\{"SessionId": "[^"]+", "TokenValue": "[^"]+", "StreamUrl": "ws/);
    conn.write('hello plugin\r');
    await vi.waitFor(() => expect(ended).toEqual({reason: 'exited'}), {timeout: 10_000});
    expect(out).toContain('read=hello plugin');
  });

  it('says clearly that the plugin is missing, before any session is started', async () => {
    const before = service.all().length;
    const launch = pluginLauncher({api, region: fleet.region, profile: '', endpointUrl: fleet.endpoint, env: {PATH: '/nonexistent'}});
    await expect(launch({target: node.instanceId, size: {cols: 80, rows: 20}, reason: 'x', onOutput: () => undefined,
      onEnd: () => undefined, onState: () => undefined})).rejects.toThrow(PLUGIN_MISSING);
    expect(service.all().length).toBe(before);
    expect(PLUGIN_MISSING).toMatch(/session-manager-plugin is not installed.*--session-client native/);
  });
});

describe('--session-client', () => {
  it('is native unless plugin is asked for, and nothing else is accepted', async () => {
    const {validateArgs, UsageError} = await import('../../src/cli/flags.js');
    expect(validateArgs([], {}, []).sessionClient).toBe('native');
    expect(validateArgs([], {sessionClient: 'plugin'}, ['--session-client', 'plugin']).sessionClient).toBe('plugin');
    expect(() => validateArgs([], {sessionClient: 'ssh'}, ['--session-client', 'ssh'])).toThrow(UsageError);
  });
});
