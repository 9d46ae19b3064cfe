// Every partition of a local fleet as a connected context (as `fleetdeck --local --accounts N --regions …` opens them),
// and the dashboard's services over them: for view tests of several accounts and regions.
import {openLocalContext} from '../../src/aws/contexts/open-contexts.js';
import {ContextSet} from '../../src/aws/contexts/context-set.js';
import {FleetLoader} from '../../src/aws/instances/fleet-loader.js';
import {localContextSpecs} from '../../src/fleet/contexts/context-selection.js';
import type {ContextSpec} from '../../src/fleet/contexts/context.js';
import {clientServices, contextRoutes} from '../../src/cli/context-services.js';
import type {LocalFleet} from '../../src/local/server.js';
import type {Services} from '../../src/views/view.js';

export interface FleetContexts {
  set: ContextSet;
  services: Services;
  close(): void;
}

/**
 * Opens one context per partition (named local-<n>:<region>), `specs` adding settings by name (readOnly, protected…),
 * and builds the services as the dashboard does over `shared` (the app's own parts a test needs). `groups` are the
 * config's context groups.
 */
export async function openFleetContexts(fleet: LocalFleet, shared: Partial<Services> = {},
  specs: Readonly<Record<string, Partial<ContextSpec>>> = {}, groups: Readonly<Record<string, readonly string[]>> = {}): Promise<FleetContexts> {
  const accounts = [...new Set(fleet.partitions.map((p) => p.accountId))];
  const parts = fleet.partitions.map((p) => ({account: accounts.indexOf(p.accountId) + 1, region: p.region, credentials: p.credentials}));
  const names = localContextSpecs(parts);
  const set = new ContextSet(parts.map((p, i) => {
    const spec = names[i] as ContextSpec;
    return openLocalContext({...spec, ...specs[spec.name]}, fleet.endpoint, p.credentials, {maxConcurrentRequests: 8},
      fleet.partitions[i]?.accountId);
  }), groups);
  const first = set.all()[0];
  if (!first) throw new Error('the fleet has no partition');
  const loader = new FleetLoader(first.aws);
  const services = {identity: 'local', ...shared, ...(await clientServices(first.aws, loader))} as Services;
  services.contexts = await contextRoutes(set, services, loader);
  return {set, services, close: () => set.close()};
}
