// `fleetdeck local-fleet` as the README uses it: `eval "$(… --detach)"` returns with the exports set, other clients
// (fleetdeck itself here) reach the fleet through them, and `eval "$(… --stop)"` stops it and unsets them. Also: a
// region that is not a region is named as such. The built CLI, through a real shell.
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {describe, expect, it, vi} from 'vitest';
import {CLI_PATH} from '../helpers/pty-harness.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';
import {isAlive} from '../helpers/processes.js';

const run = promisify(execFile);
/** This environment without AWS_* (no real AWS setup can leak in), isolated files, and $FLEETDECK for the shell. */
const env = (): NodeJS.ProcessEnv => {
  const out: NodeJS.ProcessEnv = {...process.env, FLEETDECK: `${process.execPath} ${CLI_PATH}`, AWS_EC2_METADATA_DISABLED: 'true'};
  for (const k of Object.keys(out)) if ((k.startsWith('AWS_') && k !== 'AWS_EC2_METADATA_DISABLED') || k === 'CI') delete out[k];
  for (const [k, v] of Object.entries(isolatedEnv('fleetdeck-local-fleet-cmd-') as Record<string, string | undefined>)) {
    if (v !== undefined) out[k] = v;
  }
  return out;
};

describe('fleetdeck local-fleet --detach / --stop', () => {
  it('returns from eval "$(…)" with the exports set, serves other clients, and stops with unset', async () => {
    const script = [
      'set -e',
      'eval "$($FLEETDECK local-fleet --port 0 --nodes 6 --seed detach --detach)"',
      'echo "endpoint=$AWS_ENDPOINT_URL"',
      '$FLEETDECK instances --output json > "$HOME/instances.json"',
      'echo "count=$(node -e \'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).length)\' "$HOME/instances.json")"',
      'eval "$($FLEETDECK local-fleet --stop)"',
      'echo "after=${AWS_ENDPOINT_URL-unset} ${AWS_ACCESS_KEY_ID-unset}"',
    ].join('\n');
    const e = env();
    const {stdout} = await run('bash', ['-c', script], {env: e, timeout: 60_000});
    const endpoint = /^endpoint=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout)?.[1];
    expect(endpoint).toBeDefined();
    expect(Number(/^count=(\d+)$/m.exec(stdout)?.[1])).toBeGreaterThan(0);
    expect(stdout).toContain('after=unset unset');
    // It is really gone: the port refuses connections.
    await vi.waitFor(async () => {
      await expect(fetch(endpoint ?? '')).rejects.toThrow();
    }, {timeout: 10_000, interval: 50});
  });

  it('prints the pid it runs as, and that process ends on --stop', async () => {
    const e = env();
    const {stdout} = await run(process.execPath, [CLI_PATH, 'local-fleet', '--nodes', '3', '--detach'], {env: e, timeout: 30_000});
    const pid = Number(/\(pid (\d+)\)/.exec(stdout)?.[1]);
    expect(isAlive(pid)).toBe(true);
    const vars = Object.fromEntries([...stdout.matchAll(/^export (AWS_\w+)=(\S+)$/gm)].map((m) => [m[1], (m[2] ?? '').replace(/^'|'$/g, '')]));
    expect(Object.keys(vars).sort()).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL', 'AWS_REGION', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);
    const stopped = await run(process.execPath, [CLI_PATH, 'local-fleet', '--stop'], {env: {...e, ...vars}, timeout: 30_000});
    expect(stopped.stdout).toContain('unset AWS_ACCESS_KEY_ID');
    await vi.waitFor(() => {
      expect(isAlive(pid)).toBe(false);
    }, {timeout: 10_000, interval: 50});
  });

  it('--stop with nothing to stop says so (exit 1)', async () => {
    const err = await run(process.execPath, [CLI_PATH, 'local-fleet', '--stop'], {env: env(), timeout: 30_000}).catch((x: unknown) => x as {code: number; stderr: string});
    expect(err).toMatchObject({code: 1});
    expect((err as {stderr: string}).stderr).toContain('no local fleet to stop');
  });
});

describe('a region that is not a region', () => {
  it('is named as invalid, from --region or AWS_REGION, rather than "no region is configured"', async () => {
    const e = {...env(), AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret'};
    for (const [args, extra] of [[['--region', 'bad region'], {}], [[], {AWS_REGION: 'bad region'}]] as const) {
      const err = await run(process.execPath, [CLI_PATH, 'instances', ...args], {env: {...e, ...extra}, timeout: 30_000})
        .catch((x: unknown) => x as {code: number; stderr: string});
      expect(err).toMatchObject({code: 1});
      const stderr = (err as {stderr: string}).stderr;
      expect(stderr).toContain('"bad region" is not a valid AWS region');
      expect(stderr).not.toContain('No AWS region is configured');
    }
  });
});
