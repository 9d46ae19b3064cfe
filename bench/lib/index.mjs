// Everything a benchmark needs, from one import:
//   import {spawnCli, spawnTui, FLOOR_APP, emit, log, percentiles, summarize, stopwatch, time, memoryMB} from './lib/index.mjs';
// Types: index.d.mts.
import {fileURLToPath} from 'node:url';

export * from './pty.mjs';
export * from './emit.mjs';
export * from './stats.mjs';
export * from './timer.mjs';

/** Path of floor-app.mjs: the minimal program to measure the pty + emulator floor against. */
export const FLOOR_APP = fileURLToPath(new URL('./floor-app.mjs', import.meta.url));
