// The services bound to one context's clients (what a view calls to read or change that account in that region),
// and the routes that give the views every context's own: the dashboard builds one set per connected context.
import type {AwsClients} from '../aws/clients.js';
import {FleetLoader} from '../aws/instances/fleet-loader.js';
import {runCommandApi} from '../aws/run-command/run-command-api.js';
import {complianceApi} from '../aws/compliance/compliance-api.js';
import {inventoryApi} from '../aws/inventory/inventory-api.js';
import {runInBackground} from '../aws/contexts/request-budget.js';
import type {ContextSet} from '../aws/contexts/context-set.js';
import type {Services} from '../views/view.js';
import type {ContextRoutes} from '../views/contexts/services.js';
import {resourceServices} from './resources.js';
import {AssumedContexts} from './org-nodes/assumed-contexts.js';

/** Who acts, for the audit log: "local" or account · region · profile (and the context, with several). */
export function identityOf(aws: AwsClients, context?: string): string {
  const base = aws.target.kind === 'local' ? 'local' : aws.target.label;
  return context === undefined ? base : `${base} · context ${context}`;
}

/** Every port that talks to AWS, bound to these clients. */
export async function clientServices(aws: AwsClients, loader: FleetLoader, context?: string): Promise<Partial<Services>> {
  return {
    loadFleet: (o) => loader.load(o),
    loadEc2Details: (id) => loader.details(id),
    runCommand: runCommandApi(aws),
    compliance: complianceApi(aws),
    inventory: inventoryApi(aws),
    identity: identityOf(aws, context),
    // Each resource's views (Parameter Store, documents…) call the services its entry in cli/resources.ts builds.
    ...(await resourceServices(aws)),
  };
}

/** The contexts of the organisation's other accounts and regions, made on demand with these services' ports. */
export function assumedContexts(set: ContextSet, shared: Services): AssumedContexts {
  return new AssumedContexts(set, shared, (aws, name) => clientServices(aws, new FleetLoader(aws), name));
}

/**
 * The routes over several contexts: `shared` holds what is the app's own (shells, forwards, the run registry,
 * settings), each context adds its clients' ports. The first context reuses `firstLoader` (its page is prefetched).
 */
export async function contextRoutes(set: ContextSet, shared: Services, firstLoader: FleetLoader,
  assumed = assumedContexts(set, shared)): Promise<ContextRoutes> {
  const byName = new Map<string, Services>();
  const routes: ContextRoutes = {
    all: () => set.infos(),
    inView: () => set.infos().filter((c) => set.isInView(c.spec.name)),
    servicesFor: (name) => byName.get(name) ?? assumed.services(name),
    assume: (accountId, region) => assumed.assume(accountId, region, {contexts: routes}),
    assumed: () => assumed.infos(),
    background: (_name, fn) => runInBackground(fn),
    setInView: (names) => {
      set.setInView(names);
    },
    subscribe: (listener) => set.subscribe(listener),
    recheck: (name) => void set.recheck(name).catch(() => undefined),
    groupNames: () => set.groupNames(),
    groupMembers: (name) => set.groupMembers(name),
  };
  await Promise.all(set.all().map(async (c, i) => {
    const loader = i === 0 ? firstLoader : new FleetLoader(c.aws);
    byName.set(c.spec.name, {...shared, ...(await clientServices(c.aws, loader, c.spec.name)), contexts: routes});
  }));
  return routes;
}

/** A run with one context: the app's services are that context's; the routes only list it (the `:ctx` view). */
export function soleContextRoutes(set: ContextSet, services: Services, assumed = assumedContexts(set, services)): ContextRoutes {
  const routes: ContextRoutes = {
    all: () => set.infos(),
    inView: () => set.infos(),
    servicesFor: (name) => (set.get(name) ? services : assumed.services(name)),
    assume: (accountId, region) => assumed.assume(accountId, region, {soleContext: routes}),
    assumed: () => assumed.infos(),
    background: (_name, fn) => runInBackground(fn),
    setInView: () => undefined,
    subscribe: (listener) => set.subscribe(listener),
    recheck: (name) => void set.recheck(name).catch(() => undefined),
    groupNames: () => set.groupNames(),
    groupMembers: (name) => set.groupMembers(name),
  };
  return routes;
}
