import {describe, expect, it} from 'vitest';
import {buildKeymap, defaultKeymap, resolveKey} from '../../src/keys/keymap.js';
import {keyName, type InkKey} from '../../src/keys/key-name.js';
import {COMMANDS} from '../../src/keys/commands.js';

const none: InkKey = {upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false,
  pageUp: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false,
  delete: false, meta: false, home: false, end: false};

describe('keys', () => {
  it.each([
    ['j', {}, 'j'],
    ['G', {shift: true}, 'G'],
    ['', {upArrow: true}, 'up'],
    ['', {pageDown: true}, 'pgdn'],
    ['', {return: true}, 'enter'],
    ['', {escape: true, meta: true}, 'esc'],
    [' ', {}, 'space'],
    ['r', {ctrl: true}, 'ctrl+r'],
    ['', {delete: true}, 'backspace'],
    ['', {tab: true, shift: true}, 'shift+tab'],
    ['', {home: true}, 'home'],
  ] as const)('names %j %j as %s', (input, flags, name) => {
    expect(keyName(input, {...none, ...flags})).toBe(name);
  });

  it('resolves keys by scope priority', () => {
    const km = defaultKeymap();
    expect(resolveKey(km, ['instances', 'table', 'global'], 'enter')).toBe('instances.detail');
    expect(resolveKey(km, ['detail', 'global'], 'j')).toBe('detail.down');
    expect(resolveKey(km, ['instances', 'table', 'global'], 'j')).toBe('table.down');
    expect(resolveKey(km, ['global'], 'q')).toBe('app.quit');
    expect(resolveKey(km, ['global'], 'j')).toBeUndefined();
  });

  it('no two commands in scopes that are active together share a key', () => {
    const stacks = [['instances', 'table', 'global'], ['detail', 'global']] as const;
    for (const scopes of stacks) {
      const seen = new Map<string, string>();
      for (const c of COMMANDS.filter((x) => (scopes as readonly string[]).includes(x.scope))) {
        for (const k of c.keys) {
          const other = seen.get(k);
          // A view scope may shadow a global key on purpose only if listed first; flag any same-scope clash.
          if (other) expect(COMMANDS.find((x) => x.id === other)?.scope).not.toBe(c.scope);
          seen.set(k, c.id);
        }
      }
    }
  });

  it('applies user overrides and rejects bad ones whole', () => {
    const ok = buildKeymap({'table.mark': ['M', 'space']});
    expect(ok.errors).toEqual([]);
    expect(resolveKey(ok.keymap, ['table'], 'M')).toBe('table.mark');
    const bad = buildKeymap({'table.mark': ['x'], 'no.such': ['y'], 'app.quit': [42]});
    expect(bad.errors).toHaveLength(2);
    expect(bad.errors[0]).toMatch(/unknown command "no.such"/);
    expect(bad.errors[1]).toMatch(/app.quit/);
    expect(resolveKey(bad.keymap, ['table'], 'x')).toBeUndefined();
  });
});
