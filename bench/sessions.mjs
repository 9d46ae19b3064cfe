// Benchmarks for shells in split panes (issue 4), the built CLI under a real pty against the local fleet:
//   sessions.echo       keystroke → echo latency through the whole path (pty → Ink → SessionClient → WebSocket →
//                       agent → shell → back → emulator → Ink frame), p50/p99, and bytes written to the real
//                       terminal per echoed keystroke, at 200×50;
//   sessions.memory     memory per pane holding 10,000 lines of scrollback (the emulator in its screen worker, as the
//                       CLI runs it: the worker's own heap and code count);
//   sessions.throughput `cat` of a 50 MB coloured log in a 200×50 pane vs tmux doing the same in the same run,
//                       while keystroke → frame is measured in a second pane; and the CPU per MB the app and the
//                       local fleet (the agent's side) spent meanwhile (Linux), much steadier on a shared machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {spawnCli, spawnTui} from './lib/pty.mjs';
import {emit, log} from './lib/emit.mjs';
import {isolatedEnv} from './lib/fleet-env.mjs';
import {summarize} from './lib/stats.mjs';
import {memoryMB, stopwatch} from './lib/timer.mjs';
import {cpuSince, treeCpu} from './lib/process-cpu.mjs';

const env = isolatedEnv('fleetdeck-bench-shells-');
const home = env.HOME;
// Local shells' prompts name the user running the fleet.
const PROMPT = new RegExp(`${os.userInfo().username.replace(/[^\w.-]/g, '')}@[\\w.-]+:~[#$]`, 'g');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The CLI on the local fleet with `panes` shells open on online Linux nodes (stacked when split). */
async function openShells(cols, rows, panes) {
  const tui = await spawnCli({args: ['--local', '--seed', '5', '--refresh', '3600'], cols, rows, env});
  await tui.waitFor((s) => /Managed instances [1-9]\d*\//.test(s), {timeout: 60_000, description: 'the instances view'});
  await tui.press('/');
  await tui.type('ping:online platform:linux');
  await tui.press('enter');
  await tui.waitForText('/ping:online platform:linux');
  await tui.press('s');
  await tui.waitFor((s) => (s.match(PROMPT) ?? []).length >= 1, {timeout: 30_000, description: 'the first prompt'});
  for (let i = 1; i < panes; i++) {
    await tui.press('ctrl-g', '"');
    await tui.waitFor((s) => (s.match(PROMPT) ?? []).length >= i + 1, {timeout: 30_000, description: 'another prompt'});
  }
  await tui.waitForIdle(300, {timeout: 10_000});
  return tui;
}

export async function echoLatency({keys = 120} = {}) {
  const tui = await openShells(200, 50, 1);
  try {
    const latency = [];
    const bytes = [];
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    for (let i = 0; i < keys; i++) {
      if (i > 0 && i % 60 === 0) {
        await tui.press('ctrl-u');
        await tui.waitForIdle(100);
      }
      const m = await tui.measureKey(letters[i % letters.length], {quietMs: 60});
      latency.push(m.latencyMs);
      bytes.push(m.bytes);
    }
    const l = summarize(latency);
    const b = summarize(bytes);
    emit({bench: 'sessions.echo', metric: 'keystroke_echo_ms_p50', value: l.p50, unit: 'ms', size: '200x50', keys});
    emit({bench: 'sessions.echo', metric: 'keystroke_echo_ms_p99', value: l.p99, unit: 'ms', target: 30, size: '200x50', keys});
    emit({bench: 'sessions.echo', metric: 'bytes_per_echoed_key_p50', value: b.p50, unit: 'bytes', target: 1000, size: '200x50'});
    emit({bench: 'sessions.echo', metric: 'bytes_per_echoed_key_max', value: b.max, unit: 'bytes', size: '200x50'});
  } finally {
    await tui.close();
  }
}

function colouredLine(i) {
  const c = 31 + (i % 7);
  return `\x1b[${c}m${String(i).padStart(7, '0')}\x1b[0m \x1b[1;38;5;${i % 256}mINFO\x1b[0m ` +
    `\x1b[38;2;${i % 256};${(i * 3) % 256};${(i * 7) % 256}mservice-${i % 97}\x1b[0m request handled in ${i % 1000} ms ` +
    'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\r\n';
}

export async function memoryPerPane({panes = 6, lines = 10_000} = {}) {
  const {createPaneScreen} = await import('../dist/terminal/worker-screen.js');
  global.gc?.();
  const before = memoryMB();
  const screens = [];
  for (let p = 0; p < panes; p++) {
    const s = createPaneScreen({cols: 200, rows: 50});
    let chunk = '';
    for (let i = 0; i < lines + 50; i++) {
      chunk += colouredLine(i);
      if (chunk.length > 64_000) {
        s.write(Buffer.from(chunk));
        chunk = '';
      }
    }
    s.write(Buffer.from(chunk));
    await s.flush();
    s.render({cursor: true});
    screens.push(s);
  }
  global.gc?.();
  const after = memoryMB();
  const perPane = (after.rssMB - before.rssMB) / panes;
  emit({bench: 'sessions.memory', metric: 'rss_per_pane_10k_scrollback_MB', value: perPane, unit: 'MB', target: 40,
    panes, scrollback: screens[0].scrollbackLength, size: '200x50', gc: after.gc});
  emit({bench: 'sessions.memory', metric: 'heap_per_pane_10k_scrollback_MB', value: (after.heapUsedMB - before.heapUsedMB) / panes,
    unit: 'MB', panes});
  for (const s of screens) s.dispose();
}

function writeLog(file, megabytes) {
  const fd = fs.openSync(file, 'w');
  let total = 0;
  let i = 0;
  while (total < megabytes * 1024 * 1024) {
    let chunk = '';
    while (chunk.length < 1 << 20) chunk += colouredLine(i++);
    fs.writeSync(fd, chunk);
    total += Buffer.byteLength(chunk);
  }
  fs.closeSync(fd);
  return {bytes: total, lines: i};
}

/** Time from `cat` to the end marker on screen. */
async function timeCat(tui, file, marker) {
  await tui.type(`cat ${file}; echo ${marker}-$((1+1))\r`);
  const sw = stopwatch();
  await tui.waitFor((s) => s.includes(`${marker}-2`), {timeout: 600_000, description: `${marker} after cat`});
  return sw.elapsed();
}

export async function throughput({megabytes = 50} = {}) {
  const file = path.join(home, 'coloured.log');
  const {bytes} = writeLog(file, megabytes);
  const mb = bytes / (1024 * 1024);

  // tmux at 200×50 plus its status line, under the same harness (its output goes through the same emulator).
  const sock = `fleetdeck-bench-${process.pid}`;
  const tmux = await spawnTui({command: 'tmux', args: ['-L', sock, '-f', '/dev/null', 'new-session', 'bash --norc --noprofile'],
    cols: 200, rows: 51, env});
  let tmuxMs;
  try {
    await tmux.waitForText(/bash-[\d.]+[#$] /, {timeout: 20_000});
    tmuxMs = await timeCat(tmux, file, 'TMUXDONE');
  } finally {
    await tmux.close();
    await import('node:child_process').then(({execFileSync}) => {
      try {
        execFileSync('tmux', ['-L', sock, 'kill-server'], {stdio: 'ignore'});
      } catch {
        // already gone
      }
    });
  }

  // fleetdeck: two stacked panes; a 106-row terminal makes the top pane exactly 200×50 (the second is 200×49).
  const tui = await openShells(200, 106, 2);
  try {
    // Focus is on the second (lower) pane after the split: run cat in the top one.
    await tui.press('ctrl-g', 'o');
    const cpuBefore = treeCpu(tui.pid);
    const catDone = timeCat(tui, file, 'FDDONE');
    let finished = false;
    let fdMs = 0;
    catDone.then((ms) => {
      finished = true;
      fdMs = ms;
    });
    await sleep(300);
    await tui.press('ctrl-g', 'o');
    // Keystroke → frame in the other pane while the flood runs: each key is a distinct letter at the end of the line.
    const latencies = [];
    const lower = () => tui.screen().split('\n').slice(54).join('\n');
    let typed = '';
    const letters = 'qwertyuiopasdfghjklzxcvbnm';
    for (let i = 0; !finished && i < 200; i++) {
      const ch = letters[i % letters.length];
      const want = `${typed}${ch}`.slice(-6);
      const sw = stopwatch();
      await tui.type(ch);
      await tui.waitFor(() => lower().includes(want), {timeout: 10_000, description: 'the key in the other pane'});
      latencies.push(sw.elapsed());
      typed += ch;
      if (typed.length >= 60) {
        // Wait until the line is really cleared: every later `want` also occurs in the old line.
        const old = typed.slice(-12);
        await tui.press('ctrl-u');
        await tui.waitFor(() => !lower().includes(old), {timeout: 10_000, description: 'the line cleared'});
        typed = '';
        await sleep(50);
      }
      await sleep(40);
    }
    await catDone;
    const cpuAfter = treeCpu(tui.pid);
    const rate = mb / (fdMs / 1000);
    const tmuxRate = mb / (tmuxMs / 1000);
    emit({bench: 'sessions.throughput', metric: 'cat_50MB_fleetdeck_MBps', value: rate, unit: 'MB/s', ms: fdMs, size: '200x50'});
    emit({bench: 'sessions.throughput', metric: 'cat_50MB_tmux_MBps', value: tmuxRate, unit: 'MB/s', ms: tmuxMs, size: '200x50'});
    emit({bench: 'sessions.throughput', metric: 'cat_vs_tmux_ratio', value: rate / tmuxRate, unit: 'ratio', target: {min: 1}});
    if (cpuBefore !== undefined && cpuAfter !== undefined) {
      // The app is the root; the local fleet is its one node child; the shells (and their `cat`) are the fleet's.
      let app = 0;
      let fleet = 0;
      let shells = 0;
      const fleetPids = new Set([...cpuAfter.keys()].filter((pid) => pid !== tui.pid && cpuAfter.get(pid)?.comm === 'node'));
      for (const [pid, {ms}] of cpuSince(cpuBefore, cpuAfter)) {
        if (pid === tui.pid) app += ms;
        else if (fleetPids.has(pid)) fleet += ms;
        else shells += ms;
      }
      emit({bench: 'sessions.throughput', metric: 'app_cpu_ms_per_MB', value: app / mb, unit: 'ms', note: 'main thread and screen worker'});
      emit({bench: 'sessions.throughput', metric: 'local_fleet_cpu_ms_per_MB', value: fleet / mb, unit: 'ms', note: 'the agent side'});
      emit({bench: 'sessions.throughput', metric: 'shells_cpu_ms_per_MB', value: shells / mb, unit: 'ms'});
    }
    if (latencies.length) {
      const l = summarize(latencies);
      emit({bench: 'sessions.throughput', metric: 'other_pane_keystroke_to_frame_ms_p95', value: l.p95, unit: 'ms', target: 50,
        samples: l.n, p50: l.p50});
    } else {
      log('no keystroke samples: the cat finished first');
    }
    await tui.press('ctrl-g', 'd');
    await tui.press('q', 'y');
    await tui.exited;
  } finally {
    await tui.close();
  }
}
