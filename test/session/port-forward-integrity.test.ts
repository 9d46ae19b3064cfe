// 100 MB through one forward over 20 parallel connections, byte-exact at both ends, in mux and basic mode.

import {describe, expect, it} from 'vitest';

import {transfer, until, usePortForwardFleet} from '../helpers/port-forward.js';

const pf = usePortForwardFleet('port-forward-integrity');

describe.each(['mux', 'basic'] as const)('integrity in %s mode', (mode) => {
  it('moves 100 MB over 20 parallel connections byte-exact (SHA-256 at both ends)', {timeout: 60_000}, async () => {
    // Agents up to 3.0.196.0 only know basic mode (one connection at a time: the other 19 wait their turn).
    if (mode === 'basic') pf.service.configure({agentVersion: () => '3.0.196.0'});
    const size = 2.5 * 1024 * 1024; // 20 connections × 2.5 MB each way = 100 MB
    const server = await pf.hashServer(size);
    const forward = await pf.open({remotePort: server.port});
    expect(forward.stats.mode).toBe(mode);
    const results = await Promise.all(Array.from({length: 20}, () => transfer(forward.localPort, size)));
    await until(() => server.received.length === 20, 'the server to receive every byte');
    expect(new Set(results.map((r) => r.sent))).toEqual(new Set(server.received));
    expect(new Set(results.map((r) => r.received))).toEqual(new Set(server.sent));
    expect(forward.stats.connections).toBe(20);
    expect(forward.stats.bytesOut).toBe(20 * size);
    expect(forward.stats.bytesIn).toBe(20 * size);
  });
});
