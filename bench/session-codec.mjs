// Micro-benchmark of the data channel's per-message work (issues 4 and 5), no sockets: the agent's channel sends
// 1024-byte output payloads, the client's channel receives them (digest check, ack), the agent takes the acks back
// (digest check, ack parse, RTO). CPU per 1000 stream messages (= µs per message) for that round trip, and the MB/s
// it would allow one core. The port-forward bench measures the same path with WebSockets, TCP and three processes
// around it.
import {DataChannelState} from '../dist/session/channel.js';
import {PayloadType, STREAM_DATA_PAYLOAD_SIZE, newMessageId} from '../dist/session/message.js';
import {emit, log} from './lib/emit.mjs';

const MB = 1024 * 1024;

/** Moves `bytes` agent → client in `write` calls of `writeSize` bytes; returns CPU ms (user + system). */
function roundTrips(bytes, writeSize) {
  const agent = new DataChannelState({role: 'agent', now: Date.now, newId: newMessageId, outgoingLimit: 100_000});
  const client = new DataChannelState({role: 'client', now: Date.now, newId: newMessageId});
  const data = Buffer.alloc(writeSize, 0x5a);
  let delivered = 0;
  const start = process.cpuUsage();
  for (let sent = 0; sent < bytes; sent += writeSize) {
    for (const frame of agent.send(PayloadType.Output, data, {keepUtf8Whole: false})) {
      const got = client.receive(frame);
      for (const m of got.deliver) delivered += m.payload.length;
      for (const ack of got.write) agent.receive(ack);
    }
  }
  const cpu = process.cpuUsage(start);
  if (delivered !== Math.ceil(bytes / writeSize) * writeSize) throw new Error(`delivered ${delivered} bytes`);
  if (agent.unackedCount !== 0) throw new Error(`${agent.unackedCount} messages left unacked`);
  return (cpu.user + cpu.system) / 1000;
}

export async function sessionCodec({size = 64 * MB, writeSize = 64 * 1024} = {}) {
  roundTrips(Math.min(size, 8 * MB), writeSize); // warm up
  const runs = [roundTrips(size, writeSize), roundTrips(size, writeSize)];
  const ms = Math.min(...runs);
  const messages = size / STREAM_DATA_PAYLOAD_SIZE;
  log(`session-codec: ${size / MB} MB in 1024-byte messages, CPU ${runs.map((r) => r.toFixed(0)).join('/')} ms`);
  // ms per 1000 messages = µs per message: send + receive + ack + ack receipt.
  emit({bench: 'session-codec', metric: 'cpu-per-1000-messages', value: Math.round((ms * 1000 / messages) * 100) / 100, unit: 'ms', messages});
  emit({bench: 'session-codec', metric: 'one-core-throughput', value: Math.round(size / MB / (ms / 1000)), unit: 'MB/s',
    target: {min: 100}, note: 'the codec alone must leave room for a forward at 0.1x loopback'});
}
