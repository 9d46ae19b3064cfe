// The dashboard against an endpoint that accepts and never answers: the header says so instead of "loading the
// fleet… 0 nodes so far" forever, and an endpoint that hangs later keeps the last good data on screen.
import {describe, expect, it} from 'vitest';
import {createAppStore} from '../../src/store/store.js';
import {createAwsClients, type AwsClients} from '../../src/aws/clients.js';
import {FleetLoader} from '../../src/aws/instances/fleet-loader.js';
import {describeAwsError, pollerErrorClass} from '../../src/aws/errors.js';
import {useAppRenderer} from '../helpers/app.js';
import {useSilentEndpoint} from '../helpers/silent-endpoint.js';
import {useFleetClients} from '../helpers/local-fleet.js';
import {startOutageProxy} from '../helpers/outage-proxy.js';

const renderApp = useAppRenderer();
const silent = useSilentEndpoint();
const local = useFleetClients({nodes: 20, seed: 3});

function render(aws: AwsClients) {
  const loader = new FleetLoader(aws);
  const store = createAppStore({size: {cols: 140, rows: 24}});
  return renderApp({store, services: {loadFleet: (o) => loader.load(o)},
    sync: {refreshMs: 60_000, classifyError: pollerErrorClass, describeError: describeAwsError}});
}

describe('an endpoint that never answers', () => {
  it('the header shows the timeout error, not an endless "loading the fleet…"', async () => {
    const aws = createAwsClients({kind: 'aws', region: 'us-east-1', endpoint: silent.url, requestTimeoutSeconds: 1, maxAttempts: 1,
      credentials: {accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret'}});
    try {
      const app = render(aws);
      const f = await app.frame((s) => s.includes('did not answer'), 'the timeout error', 20_000);
      expect(f).toContain('the endpoint did not answer within 1s');
      expect(f).not.toContain('loading the fleet');
    } finally {
      aws.destroy();
    }
  });

  it('one that starts hanging later: the error, and the last good rows kept', {timeout: 40_000}, async () => {
    const proxy = await startOutageProxy(local.fleet.endpoint);
    const aws = createAwsClients({kind: 'local', region: local.fleet.region, endpoint: proxy.url, requestTimeoutSeconds: 1,
      maxAttempts: 1, credentials: local.fleet.credentials});
    try {
      const app = render(aws);
      const n = local.fleet.model.managed().length;
      const before = await app.frame((s) => s.includes(`Managed instances ${n}/${n}`), 'the fleet loaded', 10_000);
      const first = /\b(i-[0-9a-f]{17})\b/.exec(before)?.[1] ?? 'no row';
      proxy.hang();
      await app.press('\x12'); // ctrl+r: refresh now
      const f = await app.frame((s) => s.includes('did not answer'), 'the timeout error', 20_000);
      expect(f).toMatch(/stale: data from \d\d:\d\d:\d\d · the endpoint did not answer within 1s/);
      expect(f).toContain(`${n} nodes`);
      expect(f).toContain(first);
    } finally {
      await proxy.close();
      aws.destroy();
    }
  });
});
