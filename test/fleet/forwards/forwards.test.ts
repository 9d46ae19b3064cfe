// The TUI's forward manager against the local fleet: rows and counts, stop, restart on the same port, a failed
// start kept as a failed row, the Lifecycle hooks, audit events.
import net from 'node:net';
import {describe, expect, it} from 'vitest';

import type {AuditEvent} from '../../../src/audit.js';
import {ForwardManager} from '../../../src/fleet/forwards/forwards.js';
import {demoPage} from '../../../src/local/ssm/sessions/port-forward-demo.js';
import {PortForward} from '../../../src/session/port-forward.js';
import {until, usePortForwardFleet} from '../../helpers/port-forward.js';

const pf = usePortForwardFleet('port-forward-manager');

function manager(audit: AuditEvent[] = []): ForwardManager {
  return new ForwardManager({
    open: (spec) => PortForward.open({api: pf.ssm, target: spec.instanceId, remotePort: spec.remotePort, localPort: spec.localPort,
      ...(spec.remoteHost === undefined ? {} : {remoteHost: spec.remoteHost})}),
    identity: 'local',
    audit: (e) => audit.push(e),
  });
}

const spec = () => ({instanceId: pf.web.instanceId, instanceName: pf.web.name, remotePort: pf.webPort, localPort: 0, name: 'web'});

describe('ForwardManager', () => {
  it('lists forwards with their counters, stops and restarts them on the same port, and audits both', async () => {
    const audit: AuditEvent[] = [];
    const m = manager(audit);
    try {
      const id = await m.start(spec());
      const [row] = m.list();
      expect(row).toMatchObject({id, name: 'web', instanceId: pf.web.instanceId, remote: `localhost:${pf.webPort}`, status: 'listening'});
      expect(row?.local).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(m.upCount()).toBe(1);
      expect(m.describe()).toBe('1 port forward');
      const res = await fetch(`http://${row?.local}/`, {headers: {connection: 'close'}});
      expect(await res.text()).toBe(demoPage(pf.web));
      await until(() => m.list()[0]?.connections === 1 && (m.list()[0]?.bytesIn ?? 0) > 0, 'the counters');

      await m.stop(id);
      expect(m.list()[0]).toMatchObject({status: 'stopped', connections: 1});
      expect(m.upCount()).toBe(0);
      expect(m.describe()).toBeUndefined();
      await expect(fetch(`http://${row?.local}/`)).rejects.toThrow();

      await m.restart(id);
      expect(m.list()[0]).toMatchObject({status: 'listening', local: row?.local});
      expect((await fetch(`http://${row?.local}/`, {headers: {connection: 'close'}})).status).toBe(200);
      expect(audit.map((e) => e.action)).toEqual(['StartPortForward', 'StopPortForward', 'StartPortForward']);
      expect(audit[0]).toMatchObject({document: 'AWS-StartPortForwardingSession', targets: pf.web.instanceId, name: 'web', local: row?.local});
      expect(audit[1]).toMatchObject({instanceId: pf.web.instanceId, connections: 1, reason: 'stopped by the user'});
    } finally {
      await m.closeAll('test');
    }
  });

  it('keeps a forward that could not start as a failed row with the reason', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    const m = manager();
    try {
      await expect(m.start({...spec(), localPort: taken})).rejects.toThrow(/already in use/);
      expect(m.list()[0]).toMatchObject({status: 'failed', lastError: `local port ${taken} on 127.0.0.1 is already in use`});
      expect(m.upCount()).toBe(0);
    } finally {
      blocker.close();
    }
  });

  it('closeAll stops every forward and terminates their sessions', async () => {
    const m = manager();
    await m.start(spec());
    await m.start({...spec(), name: 'second'});
    expect(m.describe()).toBe('2 port forwards');
    const sessions = pf.service.all().filter((s) => s.status === 'Connected').map((s) => s.sessionId);
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    await m.closeAll('quit');
    expect(m.list().map((r) => r.status)).toEqual(['stopped', 'stopped']);
    for (const id of sessions) expect(pf.service.get(id)?.status).toBe('Terminated');
  });
});
