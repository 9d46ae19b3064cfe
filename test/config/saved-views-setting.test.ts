// The savedViews setting: validated like every other field (a bad entry names itself and the field), and names that
// a view, an alias or a command of the command bar already has are refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadConfig, saveSetting, validateConfig} from '../../src/config/config.js';
import {parseCommand, savedNameError, usableSavedViews} from '../../src/command-bar.js';

describe('the savedViews setting', () => {
  it('is empty by default and keeps valid entries', () => {
    expect(validateConfig({}, 'c.json').savedViews).toEqual({});
    expect(validateConfig({savedViews: {'prod-web': {view: 'instances', filter: 'tag:Env=prod web'}}}, 'c.json').savedViews)
      .toEqual({'prod-web': {view: 'instances', filter: 'tag:Env=prod web'}});
    expect(validateConfig({savedViews: {slow: {view: 'commands', filter: '', sort: 'STATUS', desc: true}}}, 'c.json').savedViews)
      .toEqual({slow: {view: 'commands', filter: '', sort: 'STATUS', desc: true}});
  });

  it('names the entry and the field that is wrong', () => {
    expect(() => validateConfig({savedViews: []}, 'c.json')).toThrow(/c\.json: savedViews must be an object of name/);
    expect(() => validateConfig({savedViews: {'Prod Web': {view: 'instances'}}}, 'c.json')).toThrow(/"Prod Web" is not a view name/);
    expect(() => validateConfig({savedViews: {web: {filter: 'web'}}}, 'c.json')).toThrow(/savedViews\.web\.view must be a view name/);
    expect(() => validateConfig({savedViews: {web: {view: 'instances', filter: 3}}}, 'c.json')).toThrow(/savedViews\.web\.filter must be text/);
    expect(() => validateConfig({savedViews: {web: {view: 'instances', colour: 'red'}}}, 'c.json')).toThrow(/savedViews\.web: unknown field "colour"/);
  });

  it('is saved into the config file and read back', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fd-config-')), 'config.json');
    fs.writeFileSync(file, JSON.stringify({refreshSeconds: 9}));
    saveSetting('savedViews', {'prod-web': {view: 'instances', filter: 'web'}}, file);
    expect(loadConfig(file)).toMatchObject({refreshSeconds: 9, savedViews: {'prod-web': {view: 'instances', filter: 'web'}}});
  });
});

describe('saved view names in the command bar', () => {
  it('refuses a name a view, an alias or a command has', () => {
    expect(savedNameError('instances')).toMatch(/taken by :instances/);
    expect(savedNameError('pf')).toMatch(/taken by :forwards/);
    expect(savedNameError('quit')).toMatch(/taken by :quit/);
    expect(savedNameError('prod-web')).toBeUndefined();
    expect(parseCommand('save nodes')).toEqual({kind: 'error', message: expect.stringMatching(/"nodes" is taken by :instances/) as unknown});
    expect(parseCommand('save')).toMatchObject({kind: 'error', message: expect.stringMatching(/:save NAME/) as unknown});
  });

  it('leaves out, saying why, saved views from the config the command bar cannot open', () => {
    const r = usableSavedViews({'prod-web': {view: 'instances', filter: 'web'}, nodes: {view: 'instances', filter: ''},
      odd: {view: 'instance-detail', filter: ''}});
    expect(Object.keys(r.views)).toEqual(['prod-web']);
    expect(r.warnings).toEqual([
      expect.stringMatching(/^saved view nodes left out: "nodes" is taken by :instances/),
      expect.stringMatching(/^saved view odd left out: "instance-detail" is not a view \(try one of: instances, /),
    ]);
  });

  it('opens a saved view by its name', () => {
    const saved = {'prod-web': {view: 'instances', filter: 'web'}};
    expect(parseCommand('prod-web', saved)).toEqual({kind: 'view', id: 'instances', saved: saved['prod-web']});
    expect(parseCommand('save prod-web')).toEqual({kind: 'save', name: 'prod-web'});
  });
});
