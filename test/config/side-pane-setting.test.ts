// The side pane's setting: validated like every other field, and saved into the config file without disturbing what
// the user wrote there.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ConfigFileError, loadConfig, saveSetting, validateConfig} from '../../src/config/config.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fd-config-'));

describe('the sidePane setting', () => {
  it('is off by default and must be a boolean', () => {
    expect(validateConfig({}, 'c.json').sidePane).toBe(false);
    expect(validateConfig({sidePane: true}, 'c.json').sidePane).toBe(true);
    expect(() => validateConfig({sidePane: 'yes'}, 'c.json')).toThrow(/sidePane must be true or false/);
  });

  it('is saved into a new file, and into an existing one keeping the other fields', () => {
    const dir = tmp();
    const fresh = path.join(dir, 'sub', 'config.json');
    saveSetting('sidePane', true, fresh);
    expect(loadConfig(fresh).sidePane).toBe(true);
    const mine = path.join(dir, 'config.json');
    fs.writeFileSync(mine, JSON.stringify({refreshSeconds: 9, columns: ['Env'], keys: {'table.mark': ['x']}}));
    saveSetting('sidePane', true, mine);
    saveSetting('sidePane', false, mine);
    expect(JSON.parse(fs.readFileSync(mine, 'utf8'))).toEqual({refreshSeconds: 9, columns: ['Env'], keys: {'table.mark': ['x']}, sidePane: false});
  });

  it('leaves an invalid config file alone', () => {
    const file = path.join(tmp(), 'config.json');
    fs.writeFileSync(file, JSON.stringify({refreshSeconds: 0}));
    expect(() => saveSetting('sidePane', true, file)).toThrow(ConfigFileError);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({refreshSeconds: 0});
  });
});
