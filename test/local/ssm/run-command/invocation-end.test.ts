import {describe, expect, it} from 'vitest';
import {invocationEnd} from '../../../../src/local/ssm/run-command/invocation-end.js';
import type {ScriptResult} from '../../../../src/local/ssm/run-command/executor.js';

const result = (end: ScriptResult['end'], exitCode: number, stderr = ''): ScriptResult =>
  ({end, exitCode, stdout: '', stderr, startedAt: 0, endedAt: 0});

describe("what the agent reports when a command's process ends", () => {
  it('a clean exit is Success; a failing one is Failed with the agent\'s line before the script\'s stderr', () => {
    expect(invocationEnd(result('exited', 0))).toEqual({sd: 'Success', code: 0, stderr: ''});
    expect(invocationEnd(result('exited', 3, 'boom'))).toEqual({sd: 'Failed', code: 3, stderr: 'failed to run commands: exit status 3\nboom'});
  });

  it('a timeout or a cancel reports 137, a process that could not start -1', () => {
    expect(invocationEnd(result('timed-out', 0))).toMatchObject({sd: 'ExecutionTimedOut', code: 137});
    expect(invocationEnd(result('killed', 0))).toMatchObject({sd: 'Cancelled', code: 137});
    expect(invocationEnd(result('spawn-error', 0, 'pwsh: not found'))).toEqual({sd: 'Failed', code: -1,
      stderr: 'The local fleet could not start the script: pwsh: not found'});
  });
});
