// The fleet loader through the real SDK against the local fleet: merge, batching, sanitizing, failures.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../src/local/server.js';
import {createAwsClients, type AwsClients} from '../../../src/aws/clients.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import type {ManagedInstance} from '../../../src/fleet/instances/instance.js';
import {classifyAwsError, describeAwsError} from '../../../src/aws/errors.js';
import {isManaged} from '../../../src/local/model/fleet-model.js';
import {nextTurn, until} from '../../helpers/wait.js';
import {sanitizeText} from '../../../src/fleet/sanitize.js';


let fleet: LocalFleet;
let aws: AwsClients;
beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 300, seed: 11});
  aws = createAwsClients({kind: 'local', region: fleet.region, endpoint: fleet.endpoint, credentials: fleet.credentials,
    maxAttempts: 1});
});
afterAll(async () => {
  aws.destroy();
  await fleet.close();
});

describe('FleetLoader', () => {
  it('streams pages with each page\'s own EC2 tags: the same rows as a whole load, never the whole fleet\'s tags at once', async () => {
    const whole = await new FleetLoader(aws).load();
    fleet.resetRequestCounts();
    const streamed: ManagedInstance[] = [];
    let pages = 0;
    let withEc2 = 0;
    for await (const page of new FleetLoader(aws).pages()) {
      pages++;
      if (page.some((r) => r.instanceId.startsWith('i-'))) withEc2++;
      expect(page.length).toBeLessThanOrEqual(50);
      streamed.push(...page);
    }
    const byId = (rows: readonly ManagedInstance[]) => [...rows].sort((a, b) => a.instanceId.localeCompare(b.instanceId));
    expect(byId(streamed)).toEqual(byId(whole));
    expect(streamed.filter((r) => r.instanceId.startsWith('i-') && r.tags.Name !== undefined).length).toBeGreaterThan(200);
    // One DescribeTags a page with EC2 nodes (naming its own ids) — not one pass over every tag of the fleet.
    expect(pages).toBeGreaterThan(5);
    expect(fleet.requestCounts()['ec2:DescribeTags']).toBe(withEc2);
    expect(fleet.requestCounts()['ssm:DescribeInstanceInformation']).toBe(pages);
  });

  it('merges SSM, EC2 and hybrid tags for every managed node', async () => {
    const rows = await new FleetLoader(aws).load();
    const managed = fleet.model.all().filter(isManaged);
    expect(rows.map((r) => r.instanceId).sort()).toEqual(managed.map((n) => n.instanceId).sort());
    const ec2 = rows.find((r) => r.instanceId.startsWith('i-'));
    const node = fleet.model.get(ec2?.instanceId ?? '');
    expect(ec2?.ec2).toBeUndefined(); // EC2 details load only for an open detail pane
    const loader = new FleetLoader(aws);
    fleet.resetRequestCounts();
    const details = await loader.details(ec2?.instanceId ?? '');
    expect(details?.instanceType).toBe(node?.ec2?.instanceType);
    await loader.details(ec2?.instanceId ?? '');
    expect(fleet.requestCounts()['ec2:DescribeInstances']).toBe(1);
    expect(ec2?.name).toBe(node?.tags.Name ?? '');
    const hybrid = rows.filter((r) => r.instanceId.startsWith('mi-'));
    expect(hybrid.length).toBeGreaterThan(0);
    for (const h of hybrid) {
      expect(h.ec2).toBeUndefined();
      expect(Object.keys(h.tags)).toContain('Env');
    }
  });

  it('batches: requests grow with pages, never one per instance', async () => {
    fleet.resetRequestCounts();
    const rows = await new FleetLoader(aws).load();
    const c = fleet.requestCounts();
    const pages = Math.ceil(rows.length / 50);
    expect(c['ssm:DescribeInstanceInformation']).toBe(pages);
    const ec2 = rows.filter((r) => r.instanceId.startsWith('i-')).length;
    expect(c['ec2:DescribeInstances']).toBeUndefined();
    expect(c['ec2:DescribeTags']).toBeLessThanOrEqual(Math.ceil((ec2 * 10) / 1000));
    expect(c['tagging:GetResources']).toBeLessThanOrEqual(Math.ceil(rows.length / 100));
    expect(c['ssm:ListTagsForResource']).toBeUndefined();
  });

  it('caches EC2 details and tags between refreshes', async () => {
    const loader = new FleetLoader(aws);
    await loader.load();
    fleet.resetRequestCounts();
    await loader.load();
    const c = fleet.requestCounts();
    expect(c['ssm:DescribeInstanceInformation']).toBeGreaterThan(0);
    expect(c['ec2:DescribeInstances']).toBeUndefined();
    expect(c['ec2:DescribeTags']).toBeUndefined();
    expect(c['tagging:GetResources']).toBeUndefined();
  });

  it('streams progress page by page', async () => {
    const seen: number[] = [];
    const rows = await new FleetLoader(aws).load({onProgress: (p) => seen.push(p.length)});
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[0]).toBeLessThan(rows.length);
    expect(seen.at(-1)).toBe(rows.length);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1] ?? 0);
  });

  it('shows the first page before anything is asked of EC2 or the tagging API, then fills in the names', async () => {
    fleet.resetRequestCounts();
    const reports: {asked: Record<string, number>; rows: ManagedInstance[]}[] = [];
    const rows = await new FleetLoader(aws).load({onProgress: (p) => reports.push({asked: fleet.requestCounts(), rows: p})});
    const [first] = reports;
    expect(first?.rows.length).toBe(50);
    expect(first?.asked).toEqual({'ssm:DescribeInstanceInformation': 1});
    // No name yet, or the one it keeps: hybrid nodes have their registered name at once, EC2 nodes' names are tags.
    const byId = new Map(rows.map((r) => [r.instanceId, r]));
    for (const r of first?.rows ?? []) expect(['', byId.get(r.instanceId)?.name], r.instanceId).toContain(r.name);
    const named = rows.filter((r) => r.instanceId.startsWith('i-') && fleet.model.get(r.instanceId)?.tags.Name);
    expect(named.length).toBeGreaterThan(0);
    for (const r of named) expect(r.name, r.instanceId).toBe(sanitizeText(fleet.model.get(r.instanceId)?.tags.Name ?? ''));
    expect(reports.at(-1)?.rows).toEqual(rows);
  });

  it('starts from a first page asked for ahead: one request for it, not two', async () => {
    const loader = new FleetLoader(aws);
    fleet.resetRequestCounts();
    loader.prefetch();
    const rows = await loader.load({onProgress: () => undefined});
    expect(fleet.requestCounts()['ssm:DescribeInstanceInformation']).toBe(Math.ceil(rows.length / 50));
  });

  it('gives the first page asked for ahead as rows once it is in, for the first frame; the load starts from the same page', async () => {
    const loader = new FleetLoader(aws);
    expect(loader.arrivedFirstPage()).toBeUndefined(); // nothing asked for
    fleet.resetRequestCounts();
    loader.prefetch();
    expect(loader.arrivedFirstPage()).toBeUndefined(); // asked for, not in yet
    await until(() => loader.arrivedFirstPage() !== undefined, 'the first page in');
    const first = loader.arrivedFirstPage() ?? [];
    expect(first).toHaveLength(50);
    const reports: ManagedInstance[][] = [];
    const rows = await loader.load({onProgress: (partial) => reports.push(partial)});
    // The load's first report is those very rows, and the page was asked for once.
    expect(reports[0]).toEqual(first);
    expect(fleet.requestCounts()['ssm:DescribeInstanceInformation']).toBe(Math.ceil(rows.length / 50));
    expect(loader.arrivedFirstPage()).toBeUndefined(); // taken by the load
  });

  it('has no first page to show early for a fleet of one page: that is shown once, complete, with its names', async () => {
    const small = await startLocalFleet({nodes: 20, seed: 12});
    const clients = createAwsClients({kind: 'local', region: small.region, endpoint: small.endpoint, credentials: small.credentials, maxAttempts: 1});
    try {
      const loader = new FleetLoader(clients);
      loader.prefetch();
      await until(() => small.requestCounts()['ssm:DescribeInstanceInformation'] === 1, 'the page asked for');
      await nextTurn();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(loader.arrivedFirstPage()).toBeUndefined();
    } finally {
      clients.destroy();
      await small.close();
    }
  });

  it('reports a first page asked for ahead that failed as the load\'s error, never as an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      fleet.injectFault({kind: 'throttle', operation: 'DescribeInstanceInformation', count: 1});
      const loader = new FleetLoader(aws);
      loader.prefetch();
      await nextTurn();
      const e = await loader.load({onProgress: () => undefined}).catch((err: unknown) => err);
      expect(classifyAwsError(e)).toBe('throttle');
      await nextTurn();
      expect(unhandled).toEqual([]);
      // The next load asks again.
      expect((await loader.load()).length).toBeGreaterThan(0);
    } finally {
      fleet.clearFaults();
      process.off('unhandledRejection', onUnhandled);
    }
  });

  describe('a first load\'s tags', () => {
    /** Loads with the second page held back 2 s; returns the SSM pages asked for when the tags were first asked. */
    async function loadWithSlowSecondPage(loader: FleetLoader, onFirstPage: () => void = () => undefined) {
      // The EC2 modules and client ready beforehand: the tags are asked for as soon as the loader wants them.
      await aws.ec2();
      fleet.resetRequestCounts();
      let reported = false;
      let pagesWhenTagged: number | undefined;
      const watch = setInterval(() => {
        const c = fleet.requestCounts();
        if (pagesWhenTagged === undefined && c['ec2:DescribeTags'] !== undefined) pagesWhenTagged = c['ssm:DescribeInstanceInformation'];
      }, 5);
      try {
        const rows = await loader.load({onProgress: () => {
          if (reported) return;
          reported = true;
          fleet.injectFault({kind: 'latency', operation: 'DescribeInstanceInformation', count: 1, latencyMs: 2_000});
          onFirstPage();
        }});
        await until(() => pagesWhenTagged !== undefined, 'the tags asked for');
        expect(rows.some((r) => r.instanceId.startsWith('i-') && r.name !== '')).toBe(true);
        return pagesWhenTagged;
      } finally {
        clearInterval(watch);
        fleet.clearFaults();
      }
    }

    it('are asked for once its first page is drawn, while the next pages still load', async () => {
      let draw = (): void => undefined;
      const loader = new FleetLoader(aws);
      loader.tagsAfter(() => new Promise((resolve) => (draw = resolve)));
      // Drawn as soon as reported here; the second page is then held back for 2 s.
      // The tags go right after the frame: before or after the held second page is asked for (both race), never after
      // the pages behind it (those wait 2 s for it).
      expect(await loadWithSlowSecondPage(loader, () => setImmediate(() => draw()))).toBeLessThanOrEqual(2);
    });

    it('wait for that frame: a frame that never comes holds them until the pages are all in', async () => {
      const loader = new FleetLoader(aws);
      loader.tagsAfter(() => new Promise(() => undefined));
      expect(await loadWithSlowSecondPage(loader)).toBe(Math.ceil(fleet.model.managed().length / 50));
    });
  });

  it('builds each row once and copies the rows for progress a few times, not once per page', async () => {
    const big = await startLocalFleet({nodes: 2500, seed: 12});
    const bigAws = createAwsClients({kind: 'local', region: big.region, endpoint: big.endpoint, credentials: big.credentials,
      maxAttempts: 1});
    try {
      const reports: ManagedInstance[][] = [];
      const rows = await new FleetLoader(bigAws).load({onProgress: (p) => reports.push(p)});
      const pages = Math.ceil(rows.length / 50);
      expect(pages).toBeGreaterThan(40);
      expect(reports.length).toBeLessThanOrEqual(pages / 2);
      const last = reports.at(-1) ?? [];
      expect(last.length).toBe(rows.length);
      // The loaded rows are the very objects already reported, not a second copy of the fleet.
      expect(rows.every((r, i) => r === last[i])).toBe(true);
    } finally {
      bigAws.destroy();
      await big.close();
    }
  });

  it('sanitizes hostile text from the API', async () => {
    const rows = await new FleetLoader(aws).load();
    const hostile = fleet.model.hostileNode();
    const row = rows.find((r) => r.instanceId === hostile?.instanceId);
    expect(row?.name).toContain('␛');
    for (const r of rows) {
      for (const v of [r.name, ...Object.values(r.tags)]) expect(v).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
  });

  it('reports throttling and server errors in the classes the poller acts on', async () => {
    fleet.injectFault({kind: 'throttle', operation: 'DescribeInstanceInformation', count: 1});
    const e1 = await new FleetLoader(aws).load().catch((e: unknown) => e);
    expect(classifyAwsError(e1)).toBe('throttle');
    expect(describeAwsError(e1)).toMatch(/throttled/);
    // Until cleared: a tag request of the failed load above may still be in flight and would use up a counted fault.
    fleet.injectFault({kind: 'server-error', operation: 'DescribeTags'});
    const e2 = await new FleetLoader(aws).load().catch((e: unknown) => e);
    fleet.clearFaults();
    expect(classifyAwsError(e2)).toBe('transient');
  });

  it('fails cleanly (no unhandled rejection) when the endpoint is down', async () => {
    const down = createAwsClients({kind: 'aws', region: 'us-east-1', endpoint: 'http://127.0.0.1:9',
      credentials: {accessKeyId: 'AKIA', secretAccessKey: 'x'}, maxAttempts: 1});
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const e = await new FleetLoader(down).load().catch((err: unknown) => err);
      expect(describeAwsError(e)).toMatch(/endpoint unreachable \(ECONNREFUSED\)/);
      // A rejection nobody handled is reported once the microtasks have run: one turn of the loop is enough.
      await nextTurn();
      await nextTurn();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      down.destroy();
    }
  });
});
