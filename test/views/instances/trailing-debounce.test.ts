// When the compliance facts of the rows on screen are fetched: once the rows stop changing, not while a filter is
// typed (each keystroke changes them), yet never later than the ceiling when they keep changing.
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {trailingDebounce} from '../../../src/views/instances/trailing-debounce.js';

describe('trailingDebounce', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once after the calls pause, not while they keep coming faster than the wait', () => {
    const run = vi.fn();
    const call = trailingDebounce(run, 150, 1000);
    for (let i = 0; i < 6; i++) {
      call(); // a keystroke every 100 ms
      vi.advanceTimersByTime(100);
    }
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs by the ceiling when the calls never pause, then waits again', () => {
    const run = vi.fn();
    const call = trailingDebounce(run, 150, 1000);
    for (let i = 0; i < 10; i++) {
      call();
      vi.advanceTimersByTime(100);
    }
    expect(run).toHaveBeenCalledTimes(1); // at 1,000 ms
    call();
    vi.advanceTimersByTime(149);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('runs nothing once cancelled', () => {
    const run = vi.fn();
    const call = trailingDebounce(run, 150, 1000);
    call();
    call.cancel();
    vi.advanceTimersByTime(2000);
    expect(run).not.toHaveBeenCalled();
  });
});
