// The dashboard against an endpoint that accepts and never answers: the header says so instead of "loading the
// fleet… 0 nodes so far" forever.
import {describe, expect, it} from 'vitest';
import {createAppStore} from '../../src/store/store.js';
import {createAwsClients} from '../../src/aws/clients.js';
import {FleetLoader} from '../../src/aws/instances.js';
import {describeAwsError, pollerErrorClass} from '../../src/aws/errors.js';
import {useAppRenderer} from '../helpers/app.js';
import {useSilentEndpoint} from '../helpers/silent-endpoint.js';

const renderApp = useAppRenderer();
const silent = useSilentEndpoint();

describe('an endpoint that never answers', () => {
  it('the header shows the timeout error, not an endless "loading the fleet…"', async () => {
    const aws = createAwsClients({kind: 'aws', region: 'us-east-1', endpoint: silent.url, requestTimeoutSeconds: 1, maxAttempts: 1,
      credentials: {accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret'}});
    try {
      const loader = new FleetLoader(aws);
      const store = createAppStore({size: {cols: 120, rows: 24}});
      const app = renderApp({store, services: {loadFleet: (o) => loader.load(o)},
        sync: {refreshMs: 60_000, classifyError: pollerErrorClass, describeError: describeAwsError}});
      const f = await app.frame((s) => s.includes('did not answer'), 'the timeout error', 20_000);
      expect(f).toContain('the endpoint did not answer within 1s');
      expect(f).not.toContain('loading the fleet');
    } finally {
      aws.destroy();
    }
  });
});
