// The dashboard's way from a node to its clients (shells and port forwards start there) for the organisation view's
// rows: a node of an account the dashboard did not connect is reached through the context made for it by assuming
// org.roleName, so its Session Manager session starts in that account and region, and nowhere else.
import {StartSessionCommand, TerminateSessionCommand} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../src/local/server.js';
import {openLocalContext} from '../../src/aws/contexts/open-contexts.js';
import {ContextSet} from '../../src/aws/contexts/context-set.js';
import {FleetLoader} from '../../src/aws/instances/fleet-loader.js';
import {localContextSpecs} from '../../src/fleet/contexts/context-selection.js';
import type {ContextSpec} from '../../src/fleet/contexts/context.js';
import {rowPlace} from '../../src/fleet/contexts/row-place.js';
import {initTable, setRows} from '../../src/fleet/table-model.js';
import {assumedContexts, clientServices, contextRoutes} from '../../src/cli/context-services.js';
import {clientsOfNode} from '../../src/cli/dashboard.js';
import type {Connection} from '../../src/cli/connect.js';
import {createAppStore} from '../../src/store/store.js';
import type {Services} from '../../src/views/view.js';
import {orgNodesView} from '../../src/views/org-nodes/org-nodes-view.js';

let fleet: LocalFleet;
let set: ContextSet;

beforeAll(async () => {
  fleet = await startLocalFleet({accounts: 3, regions: ['us-east-1', 'eu-west-1'], nodes: 6, seed: 'org-shell'});
  const first = fleet.partitions[0]?.accountId;
  const parts = fleet.partitions.filter((p) => p.accountId === first).map((p) => ({account: 1, region: p.region, credentials: p.credentials}));
  const names = localContextSpecs(parts);
  set = new ContextSet(parts.map((p, i) => openLocalContext(names[i] as ContextSpec, fleet.endpoint, p.credentials, {maxConcurrentRequests: 8})));
  await set.recheck();
});
afterAll(async () => {
  set.close();
  await fleet.close();
});

describe('clientsOfNode', () => {
  it('a node of the org view in an account not connected starts its session there, through the assumed role', async () => {
    const head = set.all()[0];
    if (!head) throw new Error('no context');
    const loader = new FleetLoader(head.aws);
    const services = {identity: 'local', org: {roleName: 'FleetdeckOperator'}, ...(await clientServices(head.aws, loader))} as Services;
    const assumed = assumedContexts(set, services);
    services.contexts = await contextRoutes(set, services, loader, assumed);
    const store = createAppStore();
    const rows = await orgNodesView.fetch?.(services, {}) ?? [];
    store.getState().updateTable('org-nodes', () => setRows(orgNodesView.table, initTable('place'), rows));
    const third = [...new Set(fleet.partitions.map((p) => p.accountId))][2] ?? '';
    const node = rows.find((r) => r.accountId === third && r.region === 'eu-west-1' && r.pingStatus === 'Online');
    if (!node) throw new Error('no online node in account 3');
    const conn = {aws: head.aws, contexts: set, close: () => undefined} as unknown as Connection;
    const clientsOf = clientsOfNode(store, conn, set, assumed);
    // Before the row's context is made (the shell command makes it first), nothing reaches account 3.
    expect(clientsOf(node.instanceId)).toBe(head.aws);
    const name = await services.contexts.assume?.(third, 'eu-west-1');
    expect(name).toBe(rowPlace(node)?.context);
    const aws = clientsOf(node.instanceId);
    expect(aws.target).toMatchObject({accountId: third, region: 'eu-west-1'});
    fleet.resetRequestCounts();
    const started = await aws.ssm.send(new StartSessionCommand({Target: node.instanceId}));
    await aws.ssm.send(new TerminateSessionCommand({SessionId: started.SessionId}));
    const counts = fleet.requestCountsBy();
    expect(counts[`${third}:eu-west-1`]?.['ssm:StartSession']).toBe(1);
    const elsewhere = Object.entries(counts).filter(([k, c]) => k !== `${third}:eu-west-1` && (c['ssm:StartSession'] ?? 0) > 0);
    expect(elsewhere).toEqual([]);
    assumed.close();
  }, 30_000);
});
