import {EventEmitter} from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {coalescingStdout, enterFullscreen, isTtyGone, RESTORE, watchTerminalLoss} from '../../src/tui/fullscreen.js';
import {redact} from '../../src/log.js';

function fakeStream() {
  const writes: string[] = [];
  const s = Object.assign(new EventEmitter(), {
    columns: 80, rows: 24, isTTY: true,
    write(d: string, cb?: () => void) {
      writes.push(d);
      cb?.();
      return true;
    },
  });
  return {s: s as unknown as NodeJS.WriteStream, writes};
}

describe('terminal', () => {
  it('coalesces the writes of one tick into one, keeps callbacks, and passes other properties through', async () => {
    const {s, writes} = fakeStream();
    const out = coalescingStdout(s);
    let called = 0;
    out.write('a');
    out.write('b', () => called++);
    out.write(Buffer.from('c'));
    expect(writes).toEqual([]);
    await Promise.resolve();
    expect(writes).toEqual(['abc']);
    expect(called).toBe(1);
    expect(out.columns).toBe(80);
    expect(out.isTTY).toBe(true);
  });

  it('enters the alternate screen and restores exactly once: alt screen off, cursor on, modes off', () => {
    const {s, writes} = fakeStream();
    const stdin = Object.assign(new EventEmitter(), {isTTY: false}) as unknown as NodeJS.ReadStream;
    const session = enterFullscreen(s, stdin);
    expect(writes[0]).toContain('\x1b[?1049h');
    session.restore();
    session.restore();
    expect(writes.filter((w) => w === RESTORE)).toHaveLength(1);
    expect(RESTORE).toContain('\x1b[?1049l');
    expect(RESTORE).toContain('\x1b[?25h');
    expect(RESTORE).toContain('\x1b[?2004l');
  });
});

describe('log redaction', () => {
  it('masks secrets at any depth and keeps the rest', () => {
    const out = redact({user: 'a', credentials: {accessKeyId: 'AK'}, nested: [{sessionToken: 't', ok: 1}],
      TokenValue: 'x', Authorization: 'AWS4…'}) as Record<string, unknown>;
    expect(out).toEqual({user: 'a', credentials: '***', nested: [{sessionToken: '***', ok: 1}], TokenValue: '***',
      Authorization: '***'});
  });

  it('writes JSON lines to the state directory, never to the screen', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-log-'));
    process.env.XDG_STATE_HOME = dir;
    const {log} = await import('../../src/log.js');
    log.warn('hello', {secretAccessKey: 'SECRET', n: 1});
    const text = fs.readFileSync(path.join(dir, 'fleetdeck', 'fleetdeck.log'), 'utf8');
    const line = JSON.parse(text.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({level: 'warn', msg: 'hello', secretAccessKey: '***', n: 1});
    expect(text).not.toContain('SECRET');
  });
});

describe('losing the terminal', () => {
  const lostError = (code: string) => Object.assign(new Error(`write ${code}`), {code});

  it('calls onLost once for the first EIO on either stream, stops writing, and passes other errors on', async () => {
    const {PassThrough} = await import('node:stream');
    const out = new PassThrough() as unknown as NodeJS.WriteStream;
    const input = new PassThrough() as unknown as NodeJS.ReadStream;
    let lost = 0;
    const other: unknown[] = [];
    watchTerminalLoss([out, input], () => lost++, (e) => other.push(e));
    out.emit('error', lostError('EINVAL'));
    expect(other).toHaveLength(1);
    input.emit('error', lostError('EIO'));
    out.emit('error', lostError('EIO'));
    expect(lost).toBe(1);
    expect(out.destroyed && input.destroyed).toBe(true);
    // Later frames are dropped, their callbacks still called.
    let called = false;
    coalescingStdout(out).write('frame', () => (called = true));
    await new Promise((r) => setImmediate(r));
    expect(called).toBe(true);
  });

  it('counts EIO and ENXIO from anywhere as a vanished tty, not socket errors', () => {
    expect(isTtyGone(lostError('EIO'))).toBe(true);
    expect(isTtyGone(lostError('ENXIO'))).toBe(true);
    expect(isTtyGone(lostError('EPIPE'))).toBe(false);
    expect(isTtyGone(lostError('ECONNRESET'))).toBe(false);
  });
});
