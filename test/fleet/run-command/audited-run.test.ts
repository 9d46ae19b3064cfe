// Audited runs against the local fleet through the real SDK: many at once (a run over many contexts is one audited
// run per context) share one 'exit' listener, so Node never prints its listener warning over the dashboard.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../src/local/server.js';
import {createAwsClients, type AwsClients} from '../../../src/aws/clients.js';
import {runCommandApi} from '../../../src/aws/run-command/run-command-api.js';
import {auditedRun} from '../../../src/fleet/run-command/audited-run.js';
import {usePrivateStateDir} from '../../helpers/state-dir.js';

usePrivateStateDir('fd-audited-run-');
let fleet: LocalFleet;
let aws: AwsClients;

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 20, seed: 'audited-run'});
  aws = createAwsClients({kind: 'local', region: fleet.region, endpoint: fleet.endpoint, credentials: fleet.credentials});
});
afterAll(async () => {
  aws.destroy();
  await fleet.close();
});

describe('audited runs', () => {
  it('twelve at once add one exit listener between them, and none once they end', async () => {
    const api = runCommandApi(aws);
    const ids = fleet.model.managed().filter((n) => n.pingStatus === 'Online' && n.platformType === 'Linux').map((n) => n.instanceId);
    expect(ids.length).toBeGreaterThan(0);
    const before = process.listenerCount('exit');
    let during = 0;
    let sent = 0;
    await Promise.all(Array.from({length: 12}, (_, i) => auditedRun(api, {documentName: 'AWS-RunShellScript',
      parameters: {commands: ['sleep 0.5']}, targets: {kind: 'ids', ids: [ids[i % ids.length] ?? '']},
      maxConcurrency: {kind: 'count', n: 1}, maxErrors: {kind: 'count', n: 0}}, 'local', 'dashboard', {pollMs: 50,
      onSent: () => {
        if (++sent === 12) during = process.listenerCount('exit');
      }})));
    expect(sent).toBe(12);
    expect(during).toBe(before + 1);
    expect(process.listenerCount('exit')).toBe(before);
  }, 30_000);
});
