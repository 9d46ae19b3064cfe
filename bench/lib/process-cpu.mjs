// CPU time of a process tree from Linux /proc (clock ticks of 10 ms; undefined elsewhere): far steadier than wall
// time on a shared machine. A child's time counts once it is running, a waited-for grandchild's (a shell's `cat`)
// through its parent's cutime/cstime. Types: process-cpu.d.mts.
import fs from 'node:fs';

const TICK_MS = 10;

/** pid → {ppid, comm, ms} for every process readable now. */
function processes() {
  const out = new Map();
  let entries;
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return undefined;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const f = stat.slice(close + 2).split(' ');
    // After the comm: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
    const ms = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS;
    out.set(Number(name), {ppid: Number(f[1]), comm, ms});
  }
  return out;
}

/**
 * CPU ms so far of `root` and each of its descendants, by pid, or undefined where /proc is missing.
 * @param {number} root
 * @returns {Map<number, {comm: string; ms: number}> | undefined}
 */
export function treeCpu(root) {
  const all = processes();
  if (all === undefined || !all.has(root)) return undefined;
  const tree = new Map();
  const add = (pid) => {
    const p = all.get(pid);
    if (p === undefined || tree.has(pid)) return;
    tree.set(pid, {comm: p.comm, ms: p.ms});
    for (const [child, c] of all) if (c.ppid === pid) add(child);
  };
  add(root);
  return tree;
}

/**
 * CPU ms each process of the tree used between two treeCpu() snapshots (new processes from zero).
 * @param {Map<number, {comm: string; ms: number}>} before
 * @param {Map<number, {comm: string; ms: number}>} after
 * @returns {Map<number, {comm: string; ms: number}>}
 */
export function cpuSince(before, after) {
  const out = new Map();
  for (const [pid, p] of after) out.set(pid, {comm: p.comm, ms: p.ms - (before.get(pid)?.ms ?? 0)});
  return out;
}
