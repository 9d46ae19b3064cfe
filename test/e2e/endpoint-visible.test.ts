// An endpoint set through the SDK's own variables (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SSM) is shown in the header
// and written in the audit identity, exactly as --endpoint-url is: it must never pass for real AWS.
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';

const exec = promisify(execFile);
const spawn = useTuis();
const t = useLocalFleet({nodes: 12, seed: 'endpoint-visible'});

describe('an endpoint from the environment', () => {
  it('AWS_ENDPOINT_URL: the header names the endpoint next to the region', async () => {
    const tui = await spawn({args: [CLI_PATH], cols: 160, rows: 30,
      env: {...isolatedEnv('fd-endpoint-'), ...t.env(), AWS_ENDPOINT_URL: t.fleet.endpoint}});
    await tui.waitFor((s) => /[im]i?-[0-9a-f]{17}/.test(s), {description: 'instance rows'});
    expect(tui.line(0)).toContain(`fleetdeck ${t.fleet.region} endpoint ${t.fleet.endpoint}`);
    await tui.press('q');
    expect((await tui.exited).exitCode).toBe(0);
  });

  it('AWS_ENDPOINT_URL_SSM: a headless run audits the endpoint in its identity', async () => {
    const node = t.fleet.model.managed().find((n) => n.platformType === 'Linux' && n.pingStatus === 'Online');
    const env = {...process.env, ...t.env(), AWS_ENDPOINT_URL_SSM: t.fleet.endpoint} as Record<string, string>;
    delete env.CI;
    await exec(process.execPath, [CLI_PATH, 'run', '--targets', node?.instanceId ?? '', '--document', 'AWS-RunShellScript',
      '--parameter', 'commands=true'], {env});
    const records = fs.readFileSync(path.join(t.stateDir, 'fleetdeck', 'audit.jsonl'), 'utf8').trim().split('\n')
      .map((l) => JSON.parse(l) as {action: string; identity: string});
    const sent = records.find((r) => r.action === 'SendCommand');
    expect(sent?.identity).toBe(`${t.fleet.region} · ${t.fleet.endpoint}`);
  });
});
