// The whole App rendered with ink-testing-library for a view test: sensible defaults for every prop, key presses by
// name, frames waited for (never slept for), and the render unmounted after each test.
import React from 'react';
import {afterEach} from 'vitest';
import {render} from 'ink-testing-library';
import {App, type AppProps} from '../../src/app.js';
import {defaultKeymap} from '../../src/keys/keymap.js';
import {tick, waitForFrame} from './ink.js';

/** What a user's key sends; anything else is written as is. */
export const KEYS: Readonly<Record<string, string>> = {
  tab: '\t', 'shift+tab': '\x1b[Z', enter: '\r', up: '\x1b[A', down: '\x1b[B', left: '\x1b[D', right: '\x1b[C',
  esc: '\x1b', backspace: '\x7f', 'ctrl+a': '\x01', 'ctrl+s': '\x13', 'ctrl+u': '\x15',
};

/** Never refreshes on its own during a test unless the test asks. */
export const TEST_SYNC: AppProps['sync'] = {classifyError: () => 'transient', describeError: (e) => String(e), refreshMs: 60_000};

export type AppTestProps = Pick<AppProps, 'store' | 'services'> & Partial<AppProps>;

export interface RenderedApp {
  ui: ReturnType<typeof render>;
  /** Each key by name (KEYS) or as text, letting Ink handle it before the next. */
  press(...keys: string[]): Promise<void>;
  /** The first frame (styling stripped) that satisfies `pred`. */
  frame(pred: (s: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
}

/** Call at the top of a test file; returns the renderer. */
export function useAppRenderer(): (props: AppTestProps) => RenderedApp {
  let unmount: (() => void) | undefined;
  afterEach(() => {
    unmount?.();
    unmount = undefined;
  });
  return (props) => {
    const ui = render(
      <App keymap={defaultKeymap()} viewOptions={{tagColumns: []}} sync={TEST_SYNC} readOnly={false} onQuit={() => {}}
        target={{kind: 'local', region: 'us-east-1', label: 'LOCAL FLEET', endpoint: 'http://127.0.0.1:1'}} {...props} />,
    );
    unmount = () => ui.unmount();
    return {
      ui,
      press: async (...keys) => {
        for (const k of keys) {
          ui.stdin.write(KEYS[k] ?? k);
          await tick();
          await tick();
        }
      },
      frame: (pred, what, timeoutMs) => waitForFrame(ui.lastFrame, pred, what, timeoutMs),
    };
  };
}
