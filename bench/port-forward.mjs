// Benchmarks for port forwards (issue 5), against a local fleet in its own process (the agent side) and a TCP
// server in a third process (the "remote port"), so the measuring process only runs the client:
//   one connection moving 200 MB through a forward vs the same transfer over plain loopback (ratio; target ≥ 0.05×),
//   and the CPU each side of the forward spends per MB moved (much steadier than the ratio on a busy machine),
//   connection set-up latency through an established forward (connect → first byte from the server), p50/p99.
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import net from 'node:net';
import {SSM} from '@aws-sdk/client-ssm';
import {PortForward} from '../dist/session/port-forward.js';
import {emit, log} from './lib/emit.mjs';
import {startFleetProcess} from './lib/fleet-process.mjs';
import {summarize} from './lib/stats.mjs';
import {stopwatch} from './lib/timer.mjs';

const MB = 1024 * 1024;

// The remote port: on each connection, greet with one byte; after the client's first byte, send `size` bytes and end.
const SERVER_SOURCE = `
const net = require('node:net');
const block = Buffer.alloc(1 << 20, 0x5a);
const server = net.createServer((socket) => {
  socket.on('error', () => {});
  socket.write('!');
  socket.once('data', (d) => {
    let left = Number(d.toString('latin1').trim()) || 0;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, block.length);
        left -= n;
        if (!socket.write(n === block.length ? block : block.subarray(0, n))) return socket.once('drain', pump);
      }
      socket.end();
    };
    pump();
  });
});
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
`;

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', SERVER_SOURCE], {stdio: ['ignore', 'ignore', 'inherit', 'ipc']});
    child.once('message', (port) => resolve({port: Number(port), close: () => child.kill()}));
    child.once('error', reject);
  });
}

/** Connect, wait for the greeting, ask for `size` bytes and read them to the end; ms for the transfer. */
function download(port, size) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({port, host: '127.0.0.1'});
    let got = -1; // the greeting byte
    let sw;
    socket.on('error', reject);
    socket.on('data', (d) => {
      if (got < 0) {
        got += d.length;
        sw = stopwatch();
        socket.write(`${size}\n`);
        return;
      }
      got += d.length;
    });
    socket.on('end', () => {
      if (got !== size) reject(new Error(`received ${got} of ${size} bytes`));
      else resolve(sw.elapsed());
    });
  });
}

/**
 * CPU ms used so far by this process (the forward's client side, plus the reading end of the transfer) and by the
 * fleet process (the agent side; Linux /proc, clock ticks of 10 ms, undefined elsewhere). Unlike throughput, CPU per
 * MB depends far less on what else the machine is running.
 */
function cpuMs(fleetPid) {
  const own = process.cpuUsage();
  let fleet;
  try {
    const fields = readFileSync(`/proc/${fleetPid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    fleet = (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    fleet = undefined;
  }
  return {client: (own.user + own.system) / 1000, agent: fleet};
}

/** connect() → the server's greeting byte, in ms. */
function setUp(port) {
  return new Promise((resolve, reject) => {
    const sw = stopwatch();
    const socket = net.connect({port, host: '127.0.0.1'});
    socket.on('error', reject);
    socket.once('data', () => {
      const ms = sw.elapsed();
      socket.destroy();
      resolve(ms);
    });
  });
}

async function onlineLinuxNode(ssm) {
  const out = await ssm.describeInstanceInformation({Filters: [{Key: 'PingStatus', Values: ['Online']}, {Key: 'PlatformTypes', Values: ['Linux']}]});
  const id = out.InstanceInformationList?.[0]?.InstanceId;
  if (!id) throw new Error('no online Linux node');
  return id;
}

export async function portForward({size = 200 * MB, setups = 300} = {}) {
  const fleet = await startFleetProcess({nodes: 12, seed: 'bench-port-forward'});
  const server = await startServer();
  let forward;
  try {
    const ssm = new SSM({endpoint: fleet.endpoint, region: fleet.region, credentials: fleet.credentials, maxAttempts: 1});
    const target = await onlineLinuxNode(ssm);
    forward = await PortForward.open({api: ssm, target, remotePort: server.port});
    const mode = forward.stats.mode;
    log(`port-forward: ${mode} mode forward ${forward.localAddress} → ${target} :${server.port}`);

    await download(server.port, Math.min(size, 8 * MB)); // warm up both paths
    await download(forward.localPort, Math.min(size, 8 * MB));
    // Best of two, alternating, so a burst of load from elsewhere on the machine hurts neither side alone.
    const loopbackRuns = [];
    const forwardRuns = [];
    const cpu = {client: 0, agent: 0};
    for (let i = 0; i < 2; i++) {
      loopbackRuns.push(await download(server.port, size));
      const before = cpuMs(fleet.pid);
      forwardRuns.push(await download(forward.localPort, size));
      const after = cpuMs(fleet.pid);
      cpu.client += after.client - before.client;
      cpu.agent += (after.agent ?? NaN) - (before.agent ?? NaN);
    }
    const loopbackMs = Math.min(...loopbackRuns);
    const forwardMs = Math.min(...forwardRuns);
    const loopback = size / MB / (loopbackMs / 1000);
    const through = size / MB / (forwardMs / 1000);
    log(`port-forward: ${size / MB} MB loopback ${loopbackRuns.map((ms) => ms.toFixed(0)).join('/')} ms, forward ${forwardRuns.map((ms) => ms.toFixed(0)).join('/')} ms`);
    emit({bench: 'port-forward', metric: 'loopback-throughput', value: Math.round(loopback), unit: 'MB/s'});
    emit({bench: 'port-forward', metric: 'forward-throughput', value: Math.round(through * 10) / 10, unit: 'MB/s', mode});
    emit({bench: 'port-forward', metric: 'throughput-vs-loopback', value: Math.round((through / loopback) * 1000) / 1000,
      unit: 'ratio', target: {min: 0.05}, mode, bytes: size});
    const forwardedMB = (2 * size) / MB;
    emit({bench: 'port-forward', metric: 'client-cpu-per-mb', value: Math.round((cpu.client / forwardedMB) * 100) / 100, unit: 'ms', mode});
    if (Number.isFinite(cpu.agent)) {
      emit({bench: 'port-forward', metric: 'agent-cpu-per-mb', value: Math.round((cpu.agent / forwardedMB) * 100) / 100, unit: 'ms', mode});
    }

    const direct = [];
    const forwarded = [];
    for (let i = 0; i < setups; i++) {
      direct.push(await setUp(server.port));
      forwarded.push(await setUp(forward.localPort));
    }
    const d = summarize(direct);
    const f = summarize(forwarded);
    emit({bench: 'port-forward', metric: 'setup-p50', value: Math.round(f.p50 * 100) / 100, unit: 'ms', mode, loopbackMs: d.p50, n: f.n});
    emit({bench: 'port-forward', metric: 'setup-p99', value: Math.round(f.p99 * 100) / 100, unit: 'ms', mode, loopbackMs: d.p99, n: f.n});
  } finally {
    await forward?.stop();
    server.close();
    await fleet.close();
  }
}
