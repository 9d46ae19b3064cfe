// Whether a process the test started is still running.
import {readFileSync} from 'node:fs';

/** Running: a zombie awaiting its reaper counts as dead (whoever is PID 1 may reap late). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): signal 0 succeeded
  }
}
