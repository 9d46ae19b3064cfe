// Types for index.mjs.
export * from './pty.mjs';
export * from './emit.mjs';
export * from './stats.mjs';
export * from './timer.mjs';

/** Path of floor-app.mjs: the minimal program to measure the pty + emulator floor against. */
export const FLOOR_APP: string;
