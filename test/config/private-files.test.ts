// fleetdeck's own files on a real file system: private modes, no following of links for the log and the audit log,
// a refused world-writable state directory, and config saves that are atomic and keep a symlinked config.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {saveSetting} from '../../src/config/config.js';
import {appendAudit, auditPath, checkPrivateFiles, readAudit} from '../../src/audit.js';
import {UnsafeFileError, writePrivateFileAtomic} from '../../src/config/private-files.js';

const mode = (p: string) => fs.statSync(p).mode & 0o777;
let home: string;
const saved = {state: process.env.XDG_STATE_HOME, config: process.env.XDG_CONFIG_HOME};

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-private-'));
  process.env.XDG_STATE_HOME = path.join(home, 'state');
  process.env.XDG_CONFIG_HOME = path.join(home, 'config');
});
afterEach(() => {
  for (const [k, v] of [['XDG_STATE_HOME', saved.state], ['XDG_CONFIG_HOME', saved.config]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  fs.rmSync(home, {recursive: true, force: true});
});

describe('the config file', () => {
  it('is created 0600 in a 0700 directory', () => {
    const file = path.join(home, 'config', 'fleetdeck', 'config.json');
    saveSetting('sidePane', true, file);
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({sidePane: true});
  });

  it('stays a symlink when saved: the link target gets the new content, other fields kept', () => {
    const dotfiles = path.join(home, 'dotfiles');
    fs.mkdirSync(dotfiles);
    const real = path.join(dotfiles, 'fleetdeck.json');
    fs.writeFileSync(real, '{"refreshSeconds": 7}\n', {mode: 0o600});
    const link = path.join(home, 'config', 'fleetdeck', 'config.json');
    fs.mkdirSync(path.dirname(link), {recursive: true});
    fs.symlinkSync(path.relative(path.dirname(link), real), link);
    saveSetting('sidePane', true, link);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(fs.readFileSync(real, 'utf8'))).toEqual({refreshSeconds: 7, sidePane: true});
    expect(mode(real)).toBe(0o600);
    // No temporary file is left behind beside the link or its target.
    expect(fs.readdirSync(dotfiles)).toEqual(['fleetdeck.json']);
    expect(fs.readdirSync(path.dirname(link))).toEqual(['config.json']);
  });

  it('writes through a link to a file not created yet', () => {
    const real = path.join(home, 'elsewhere.json');
    const link = path.join(home, 'config.json');
    fs.symlinkSync(real, link);
    writePrivateFileAtomic(link, '{}\n');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real, 'utf8')).toBe('{}\n');
  });
});

describe('the audit log and the log', () => {
  it('creates the state directory 0700 and the audit log 0600', () => {
    appendAudit({action: 'CancelCommand', identity: 'local', commandId: 'c-1'});
    expect(mode(path.dirname(auditPath()))).toBe(0o700);
    expect(mode(auditPath())).toBe(0o600);
    expect(readAudit()).toEqual([expect.objectContaining({action: 'CancelCommand', commandId: 'c-1'})]);
  });

  it('refuses to append to a symlinked audit.jsonl, leaving its target untouched, and start names the file', () => {
    const victim = path.join(home, 'victim.txt');
    fs.writeFileSync(victim, 'precious\n');
    fs.mkdirSync(path.dirname(auditPath()), {recursive: true, mode: 0o700});
    fs.symlinkSync(victim, auditPath());
    expect(() => appendAudit({action: 'CancelCommand', identity: 'local'})).toThrow(UnsafeFileError);
    expect(() => checkPrivateFiles(path.join(home, 'config', 'fleetdeck', 'config.json')))
      .toThrow(new RegExp(`${auditPath().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a symbolic link`));
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
  });

  it('does not follow a symlinked fleetdeck.log: nothing is written to the target and start warns', async () => {
    vi.resetModules(); // a fresh logger, which opens its file on first use
    const {log, logPath, logProblem} = await import('../../src/log.js');
    const victim = path.join(home, 'victim.log');
    fs.writeFileSync(victim, '');
    fs.mkdirSync(path.dirname(logPath()), {recursive: true, mode: 0o700});
    fs.symlinkSync(victim, logPath());
    log.info('hello');
    expect(fs.readFileSync(victim, 'utf8')).toBe('');
    expect(logProblem()).toMatch(/fleetdeck\.log is a symbolic link/);
    const {checkPrivateFiles: check} = await import('../../src/audit.js');
    expect(check(path.join(home, 'config.json'))).toEqual([expect.stringMatching(/fleetdeck\.log is a symbolic link.*nothing is logged/)]);
  });

  it('refuses a state directory every user can write, and warns about group-writable files', () => {
    const dir = path.dirname(auditPath());
    fs.mkdirSync(dir, {recursive: true});
    fs.chmodSync(dir, 0o777);
    const config = path.join(home, 'config', 'fleetdeck', 'config.json');
    expect(() => checkPrivateFiles(config)).toThrow(/is writable by every user.*chmod 700/);
    expect(() => appendAudit({action: 'CancelCommand', identity: 'local'})).toThrow(UnsafeFileError);
    fs.chmodSync(dir, 0o700);
    saveSetting('sidePane', true, config);
    fs.chmodSync(config, 0o664);
    expect(checkPrivateFiles(config)).toEqual([`${config} is writable by its group (fix: chmod 600 '${config}')`]);
  });
});
