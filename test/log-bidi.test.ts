// The log file and the audit log are read with cat and tail -f: text from a node (bidi overrides, C1 controls) is
// written as JSON escapes, never as the characters themselves.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it, vi} from 'vitest';

const ACTS = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('log and audit files', () => {
  it('escape what a terminal would act on, and read back unchanged', async () => {
    const state = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-log-bidi-'));
    vi.stubEnv('XDG_STATE_HOME', state);
    vi.resetModules();
    const {log} = await import('../src/log.js');
    const {appendAudit, readAudit} = await import('../src/audit.js');
    const output = 'total 0 \u202eexe.txt\u2066 \u009b2J';
    log.info('output', {output});
    appendAudit({action: 'SendCommand', identity: 'local', parameters: {commands: [output]}});
    const logText = fs.readFileSync(path.join(state, 'fleetdeck', 'fleetdeck.log'), 'utf8');
    const auditText = fs.readFileSync(path.join(state, 'fleetdeck', 'audit.jsonl'), 'utf8');
    expect(logText).not.toMatch(ACTS);
    expect(auditText).not.toMatch(ACTS);
    expect((JSON.parse(logText.trim().split('\n').at(-1) ?? '{}') as {output: string}).output).toBe(output);
    expect(readAudit().at(-1)?.parameters).toEqual({commands: [output]});
    vi.unstubAllEnvs();
  });
});
