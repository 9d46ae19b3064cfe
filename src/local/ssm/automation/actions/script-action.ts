// aws:executeScript (UG automation-action-executeScript): runs the runbook's Python or PowerShell script on THIS
// machine, as the current user, through the Run Command executor (own process group, minimal environment,
// killed on timeout or cancel). Python runs under `python3`, PowerShell under `pwsh`, when they are on PATH;
// otherwise the step fails saying which runtime is missing. The handler's return value is the step's Payload.

import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runScript, type RunningScript} from '../../run-command/executor.js';
import {StepAbort, StepFailure, type Action} from '../types.js';

const MAX_SECONDS = 600;
const OUTPUT_LIMIT = 100_000;

/** Scripts running now, so the fleet can kill them when it closes. */
export const runningScripts = new Set<RunningScript>();

// The script is the runbook's own code; the handler name and payload reach it through the environment.
const PYTHON_WRAPPER = [
  'import json, os, sys',
  "ns = {'__name__': 'automation_script'}",
  "exec(compile(os.environ['FLEETDECK_SCRIPT'], 'script', 'exec'), ns)",
  "handler = ns.get(os.environ['FLEETDECK_HANDLER'])",
  'if handler is None:',
  "    sys.stderr.write('The handler ' + os.environ['FLEETDECK_HANDLER'] + ' is not defined in the script.\\n'); sys.exit(2)",
  "result = handler(json.loads(os.environ['InputPayload']), {})",
  "sys.stdout.write('\\n' + os.environ['FLEETDECK_MARKER'] + json.dumps(result, default=str))",
].join('\n');

function interpreter(runtime: string, script: string, marker: string): {argv: [string, ...string[]]; script: string} | undefined {
  if (/^python3\.\d+$/.test(runtime)) return {argv: ['python3', '-c'], script: PYTHON_WRAPPER};
  if (/^PowerShell ?(Core 6\.0|7\.\d+)$/.test(runtime)) {
    return {argv: ['pwsh', '-NoProfile', '-NonInteractive', '-Command'], script: `$r = & {\n${script}\n}\nWrite-Output ('${marker}' + ($r | ConvertTo-Json -Compress -Depth 20))`};
  }
  return undefined;
}

const executeScript: Action = async (a) => {
  const runtime = String(a.inputs['Runtime'] ?? '');
  const script = a.inputs['Script'];
  const handler = a.inputs['Handler'];
  if (typeof script !== 'string') throw new StepFailure('aws:executeScript needs Script (attachments are not supported by the local fleet).');
  // Python 3.6–3.8 no longer run (UG automation-action-executeScript: blocked for runs from 2025-02-18).
  if (/^python3\.[678]$/.test(runtime)) throw new StepFailure(`Runtime ${runtime} is no longer supported: use python3.11 or later.`);
  const marker = `__FLEETDECK_RESULT_${randomBytes(8).toString('hex')}__`;
  const how = interpreter(runtime, script, marker);
  if (how === undefined) throw new StepFailure(`Runtime ${runtime} is not supported: use python3.x or PowerShell 7.x.`);
  if (how.argv[0] === 'python3' && typeof handler !== 'string') throw new StepFailure('aws:executeScript needs Handler for Python scripts.');
  const dir = mkdtempSync(join(tmpdir(), 'fleetdeck-script-'));
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin', HOME: dir, LANG: process.env['LANG'] ?? 'C.UTF-8', TMPDIR: tmpdir(),
    InputPayload: JSON.stringify(a.inputs['InputPayload'] ?? {}), FLEETDECK_SCRIPT: script, FLEETDECK_HANDLER: String(handler ?? ''), FLEETDECK_MARKER: marker,
  };
  const running = runScript({argv: how.argv, script: how.script, cwd: dir, env, timeoutMs: MAX_SECONDS * 1000, maxStdout: OUTPUT_LIMIT, maxStderr: OUTPUT_LIMIT}, runningScripts);
  const onAbort = (): void => running.kill();
  a.signal.addEventListener('abort', onAbort, {once: true});
  const result = await running.done.finally(() => {
    a.signal.removeEventListener('abort', onAbort);
    rmSync(dir, {recursive: true, force: true});
  });
  if (a.signal.aborted) throw a.signal.reason instanceof StepAbort ? a.signal.reason : new StepAbort('cancel');
  if (result.end === 'spawn-error') {
    throw new StepFailure(`Runtime ${runtime} is not available on this machine: ${how.argv[0]} was not found on PATH.`, 'Invocation');
  }
  if (result.end === 'timed-out') throw new StepFailure(`The script ran longer than ${MAX_SECONDS} seconds.`, 'Invocation');
  const at = result.stdout.lastIndexOf(marker);
  if (result.exitCode !== 0 || at < 0) {
    const last = result.stderr.trim().split('\n').slice(-1)[0] ?? '';
    throw new StepFailure(`Step fails when it is executing the script: ${last === '' ? `exit status ${result.exitCode}` : last}`, 'Invocation');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(result.stdout.slice(at + marker.length)) as unknown;
  } catch {
    payload = result.stdout.slice(at + marker.length);
  }
  return {response: {Payload: payload}, outputs: {Payload: payload}};
};

export const scriptActions: Readonly<Record<string, Action>> = {
  'aws:executeScript': executeScript,
};
