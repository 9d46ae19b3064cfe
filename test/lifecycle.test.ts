import {describe, expect, it} from 'vitest';
import {Lifecycle} from '../src/lifecycle.js';
import {dispatchKey, type InputContext} from '../src/app-input.js';
import {createAppStore} from '../src/store/store.js';
import {defaultKeymap} from '../src/keys/keymap.js';

function ctx(lifecycle: Lifecycle) {
  const quits: number[] = [];
  const c: InputContext = {
    store: createAppStore(), services: {loadFleet: async () => [], lifecycle}, keymap: defaultKeymap(),
    pageSize: 10, readOnly: false, quit: () => quits.push(1), refresh: () => {},
  };
  return {c, quits};
}

describe('lifecycle', () => {
  it('summarizes what is open and closes every owner, even when one fails', async () => {
    const lc = new Lifecycle();
    const closed: string[] = [];
    lc.register({describe: () => '2 shells', closeAll: async (r) => void closed.push(`shells:${r}`)});
    lc.register({describe: () => undefined, closeAll: async () => { throw new Error('boom'); }});
    const off = lc.register({describe: () => '1 port forward', closeAll: async (r) => void closed.push(`pf:${r}`)});
    expect(lc.openSummary()).toBe('2 shells, 1 port forward');
    off();
    expect(lc.openSummary()).toBe('2 shells');
    await lc.closeAll('SIGHUP');
    expect(closed).toEqual(['shells:SIGHUP']);
  });

  it('gives up on an owner that never finishes closing', async () => {
    const lc = new Lifecycle();
    lc.register({describe: () => '1 shell', closeAll: () => new Promise(() => {})});
    const t0 = Date.now();
    await lc.closeAll('quit', 50);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('q quits at once when nothing is open, and asks first when something is', () => {
    const empty = ctx(new Lifecycle());
    dispatchKey(empty.c, 'q', 'q');
    expect(empty.quits).toHaveLength(1);

    const lc = new Lifecycle();
    lc.register({describe: () => '1 shell', closeAll: async () => {}});
    const busy = ctx(lc);
    dispatchKey(busy.c, 'q', 'q');
    expect(busy.quits).toHaveLength(0);
    expect(busy.c.store.getState().prompt?.question).toBe('Quit? This ends 1 shell.');
    dispatchKey(busy.c, 'n', 'n');
    expect(busy.quits).toHaveLength(0);
    expect(busy.c.store.getState().prompt).toBeUndefined();
    dispatchKey(busy.c, 'ctrl+c', '');
    expect(busy.c.store.getState().prompt?.kind).toBe('confirm');
    dispatchKey(busy.c, 'y', 'y');
    expect(busy.quits).toHaveLength(1);
  });
});
