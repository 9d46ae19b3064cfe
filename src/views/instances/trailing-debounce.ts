// A trailing debounce with a ceiling: `run` goes once calls have paused for `waitMs`, or `maxWaitMs` after the
// first unanswered call when they never pause (a held key). The compliance facts of the rows on screen use it, so
// rows that flash past while a filter is typed are not fetched and no answer lands a frame in mid-typing.

export interface Debounced {
  (): void;
  cancel(): void;
}

export function trailingDebounce(run: () => void, waitMs: number, maxWaitMs: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pendingSince = 0;
  const fire = () => {
    timer = undefined;
    run();
  };
  const call = () => {
    const now = Date.now();
    if (timer === undefined) pendingSince = now;
    else if (now - pendingSince >= maxWaitMs) return; // keeps its time: the ceiling is reached
    else clearTimeout(timer);
    timer = setTimeout(fire, Math.min(waitMs, Math.max(0, pendingSince + maxWaitMs - now)));
  };
  call.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return call;
}
