// A local fleet in a child process (fleet-child.mjs), driven over IPC. For benchmarks where the fleet's nodes run
// real processes, so their spawns load neither the app's nor the measuring process's event loop. Types:
// fleet-process.d.mts.
import {fork} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {fleetEnv} from './fleet-env.mjs';

const CHILD = fileURLToPath(new URL('./fleet-child.mjs', import.meta.url));

/** @typedef {import('./fleet-process.d.mts').FleetProcess} FleetProcess */

/**
 * Starts the fleet and resolves once it listens.
 * @param {{nodes: number; seed: number | string}} opts
 * @returns {Promise<FleetProcess>}
 */
export const startFleetProcess = async (opts) => {
  const child = fork(CHILD, [JSON.stringify(opts)], {stdio: ['ignore', 'inherit', 'inherit', 'ipc']});
  /** @type {Map<number, {resolve: (v: any) => void; reject: (e: Error) => void}>} */
  const pending = new Map();
  let nextId = 1;
  /** @type {(conn: any) => void} */
  let onReady = () => {};
  /** @type {(e: Error) => void} */
  let onFail = () => {};
  const ready = new Promise((resolve, reject) => {
    onReady = resolve;
    onFail = reject;
  });
  child.on('message', (/** @type {any} */ msg) => {
    if (msg.ready) return onReady(msg.ready);
    const p = pending.get(msg.id);
    if (p === undefined) return;
    pending.delete(msg.id);
    if (msg.error !== undefined) p.reject(new Error(msg.error));
    else p.resolve(msg.result);
  });
  child.on('exit', (code, signal) => {
    const e = new Error(`the local fleet process exited (${signal ?? code})`);
    onFail(e);
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  });
  const conn = await ready;

  /** @param {string} op @param {unknown} [arg] */
  const call = (op, arg) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, {resolve, reject});
    child.send({id, op, arg});
  });

  let closed;
  return {
    endpoint: conn.endpoint,
    region: conn.region,
    credentials: conn.credentials,
    pid: /** @type {number} */ (child.pid),
    env: (stateDir) => fleetEnv(conn, stateDir),
    tagRunnable: (key, value, count) => call('tagRunnable', {key, value, count}),
    managedCount: () => call('managedCount'),
    requestCounts: () => call('requestCounts'),
    resetRequestCounts: () => call('resetRequestCounts'),
    startRecording: () => call('startRecording'),
    stopRecording: () => call('stopRecording'),
    lastCommandSeq: () => call('lastCommandSeq'),
    commandsSince: (seq) => call('commandsSince', seq),
    close: () => {
      closed ??= child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise((resolve) => {
          child.once('exit', () => resolve(undefined));
          call('close').catch(() => child.kill('SIGKILL'));
        });
      return closed;
    },
  };
};
