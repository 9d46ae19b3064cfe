// A private XDG_STATE_HOME for a test file that renders the App in-process: its audit log and log file go to a fresh
// directory (read back by the tests), and the variable is put back after the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll} from 'vitest';

export function usePrivateStateDir(prefix: string): {readonly dir: string} {
  let dir = '';
  let saved: string | undefined;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    saved = process.env['XDG_STATE_HOME'];
    process.env['XDG_STATE_HOME'] = dir;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env['XDG_STATE_HOME'];
    else process.env['XDG_STATE_HOME'] = saved;
  });
  return {
    get dir() {
      return dir;
    },
  };
}
