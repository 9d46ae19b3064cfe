// Loads the managed-instance fleet. Every call is batched — the request count grows with pages, never with one
// call per instance:
//   - SSM DescribeInstanceInformation, every page (50 nodes each): ping status changes, so every refresh;
//   - EC2 DescribeTags (1,000 tags a page) for EC2 nodes' tags and names, and the Resource Groups Tagging API
//     (100 resources a page) for hybrid nodes' tags: fetched alongside the SSM pages, after the first one is shown
//     (the EC2 SDK modules load then, not before the first screen), cached for `detailsMaxAgeMs`;
//   - EC2 DescribeInstances only for the instance whose detail pane is open (`details(id)`), cached: at 50,000
//     nodes, loading every instance's EC2 record up front cost more time and memory than the whole fleet view.
import {
  DescribeInstanceInformationCommand, type DescribeInstanceInformationCommandOutput, type InstanceInformation,
} from '@aws-sdk/client-ssm';
import type {Instance} from '@aws-sdk/client-ec2';
import type {AwsClients} from '../clients.js';
import type {Ec2Details, ManagedInstance, PingStatus, PlatformType, ResourceType} from '../../fleet/instances/instance.js';
import {sanitizeText as clean} from '../../fleet/sanitize.js';

const PAGE = 50;

/**
 * One copy of each repeated string (tag keys, platforms, agent versions, statuses): at 50,000 nodes the same few
 * values would otherwise be held once per node. Bounded, so a fleet of unique values cannot grow it without end.
 */
const INTERN_MAX = 20_000;
const interned = new Map<string, string>();
function shared(s: string): string {
  const hit = interned.get(s);
  if (hit !== undefined) return hit;
  const copy = own(s);
  if (interned.size < INTERN_MAX) interned.set(copy, copy);
  return copy;
}

/**
 * shared(clean(s)), without sanitizing a string already held: only clean strings are held, so a hit is `s` clean.
 * Every node repeats its platform, agent version, status and tag keys.
 */
function sharedClean(s: string): string {
  return interned.get(s) ?? shared(clean(s));
}

/**
 * A string of its own. Parsers cut values out of the response text, and V8 keeps that whole text alive for as long
 * as any piece cut from it lives: a cached tag would hold its entire DescribeTags page.
 */
function own(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8'); // V8 copies shorter substrings anyway
}

type TagMap = Map<string, Record<string, string>>;

interface Cached<T> {
  value: T;
  at: number;
}

export interface LoadOptions {
  signal?: AbortSignal;
  /**
   * Called with the fleet loaded so far as pages arrive (rows appear before the last page); `complete` is for
   * loads that publish all rows before finishing other work.
   */
  onProgress?: (partial: ManagedInstance[], complete: boolean) => void;
  /** What is loading in the background now (shown in the status line), or undefined when done. */
  onActivity?: (text: string | undefined) => void;
}

const ignore = () => undefined;

/** No tags known yet (a first page shown before they load). */
const NO_TAGS: readonly [TagMap, TagMap] = [new Map(), new Map()];

export class FleetLoader {
  private detailCache = new Map<string, Cached<Ec2Details>>();
  private ec2Tags: Cached<TagMap> | undefined;
  private hybridTags: Cached<TagMap> | undefined;
  private prefetched: Promise<DescribeInstanceInformationCommandOutput> | undefined;
  /** The prefetched page, once it has arrived (and until a load takes it). */
  private arrived: DescribeInstanceInformationCommandOutput | undefined;
  private drawn: () => Promise<void> = () => Promise.resolve();

  constructor(
    private readonly aws: AwsClients,
    private readonly detailsMaxAgeMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Asks for the fleet's first page now, for the next load() to start from: the dashboard asks before its own
   * modules load, and the endpoint answers meanwhile. A failure is that load's to report.
   */
  prefetch(): void {
    if (this.prefetched) return;
    const asked = this.describePage(undefined);
    this.prefetched = asked;
    // Kept only while no load has taken it: a page a load already has is not shown again.
    asked.then((page) => {
      if (this.prefetched === asked) this.arrived = page;
    }, ignore);
  }

  /**
   * The prefetched first page as rows (EC2 names still to come), when it is in and more pages follow: what the
   * dashboard's first frame shows, so that frame is a full screen rather than an empty one followed by the rows.
   * The next load() starts from the same page.
   */
  arrivedFirstPage(): ManagedInstance[] | undefined {
    if (!this.arrived?.NextToken) return undefined;
    return (this.arrived.InstanceInformationList ?? []).map((info) => this.toInstance(info, NO_TAGS));
  }

  /**
   * How a first load learns that the page it reported is on screen (the dashboard: Ink's next frame). Its tags wait
   * for that: loading their SDK modules takes the thread for a while, and would otherwise hold up that very frame.
   */
  tagsAfter(drawn: () => Promise<void>): void {
    this.drawn = drawn;
  }

  async load(opts: LoadOptions = {}): Promise<ManagedInstance[]> {
    const {signal, onProgress} = opts;
    const infos: InstanceInformation[] = [];
    let token: string | undefined;
    let fetched = false;
    let tagsFirst: Promise<void> = Promise.resolve();
    let pagesDone = (): void => undefined;
    const firstPage = () => {
      const page = this.prefetched ?? this.describePage(undefined, signal);
      this.prefetched = undefined;
      this.arrived = undefined;
      return page;
    };
    if (onProgress && !this.ec2Tags) {
      // A first load of more than one page shows its first page before anything else is asked: the first screen
      // needs one SSM page, not EC2. EC2 nodes' names fill in when their tags arrive (hybrid nodes show their
      // registered name until then). A fleet of one page is shown once, complete, rather than twice in two orders.
      const page = await firstPage();
      fetched = true;
      token = page.NextToken || undefined;
      const list = page.InstanceInformationList ?? [];
      infos.push(...list);
      if (token) {
        onProgress(list.map((info) => this.toInstance(info, NO_TAGS)), false);
        // The tags start once those rows are drawn (or the pages are all in, or the load is cut short: a frame
        // that never comes must not hold the load), a turn after the frame's own writes.
        tagsFirst = new Promise<void>((resolve) => {
          pagesDone = resolve;
          signal?.addEventListener('abort', () => resolve(), {once: true});
          this.drawn().then(resolve, resolve);
        }).then(() => new Promise((resolve) => setImmediate(resolve)));
      }
    }

    // Tags load alongside the SSM pages; awaited below, so their failures are never unhandled.
    const tagsP = tagsFirst.then(() => Promise.all([this.loadEc2Tags(signal), this.loadHybridTags(signal)]));
    tagsP.catch(ignore);
    let tags: [TagMap, TagMap] | undefined;
    void tagsP.then((t) => (tags = t), ignore);

    // Pages become rows as soon as the tags are in, and their SDK records are dropped: at 50,000 nodes, holding
    // every record until the end (and building the rows twice) doubled the memory a load needs.
    const rows: ManagedInstance[] = [];
    let reported = 0;
    const convert = (t: readonly [TagMap, TagMap]) => {
      for (const info of infos) rows.push(this.toInstance(info, t));
      infos.length = 0;
    };
    while (!fetched || token) {
      const page = await (fetched ? this.describePage(token, signal) : firstPage());
      fetched = true;
      token = page.NextToken || undefined;
      infos.push(...(page.InstanceInformationList ?? []));
      if (tags) {
        convert(tags);
        // Each report copies the rows so far: report when they have grown by a quarter, and the last page (a few
        // dozen copies at 50,000 nodes instead of one per page).
        if (onProgress && (!token || rows.length - reported >= Math.max(PAGE, reported / 4))) {
          reported = rows.length;
          onProgress(rows.slice(), false);
        }
      }
    }
    pagesDone();
    convert(await tagsP);
    return rows;
  }

  /**
   * Every managed instance, a page at a time, for output that is written as it loads (headless `instances` at any
   * fleet size): each page's EC2 tags are asked for with it (DescribeTags for its instance ids), so what is held is
   * the page at hand and the next one, never the whole fleet's tags. Hybrid nodes' tags are read once (their
   * ResourceGroupsTagging listing has no id filter), as the dashboard does.
   */
  async *pages(signal?: AbortSignal): AsyncGenerator<ManagedInstance[]> {
    const hybrid = this.loadHybridTags(signal);
    hybrid.catch(ignore);
    let next: Promise<DescribeInstanceInformationCommandOutput> | undefined = this.describePage(undefined, signal);
    while (next) {
      const page: DescribeInstanceInformationCommandOutput = await next;
      const token = page.NextToken || undefined;
      // The next page is asked for while this one's tags load and its rows are written.
      next = token ? this.describePage(token, signal) : undefined;
      next?.catch(ignore);
      const infos = page.InstanceInformationList ?? [];
      const ids = infos.flatMap((i) => (i.InstanceId?.startsWith('i-') ? [i.InstanceId] : []));
      const tags: [TagMap, TagMap] = [await this.ec2TagsOf(ids, signal), await hybrid];
      yield infos.map((info) => this.toInstance(info, tags));
    }
  }

  /** The EC2 tags of these instances (a page's worth: DescribeTags takes up to 200 ids in its resource-id filter). */
  private async ec2TagsOf(ids: readonly string[], signal?: AbortSignal): Promise<TagMap> {
    const map: TagMap = new Map();
    if (ids.length === 0) return map;
    const [ec2, {DescribeTagsCommand}] = await Promise.all([this.aws.ec2(), import('./ec2-and-tagging.js')]);
    let token: string | undefined;
    do {
      const res = await ec2.send(new DescribeTagsCommand({
        Filters: [{Name: 'resource-type', Values: ['instance']}, {Name: 'resource-id', Values: [...ids]}],
        MaxResults: 1000,
        ...(token ? {NextToken: token} : {}),
      }), {abortSignal: signal});
      addTags(map, res.Tags);
      token = res.NextToken || undefined;
    } while (token);
    return map;
  }

  private describePage(token: string | undefined, signal?: AbortSignal) {
    return this.aws.ssm.send(
      new DescribeInstanceInformationCommand({MaxResults: PAGE, ...(token ? {NextToken: token} : {})}),
      {abortSignal: signal},
    );
  }

  /**
   * How many managed instances a tag target expression matches now (DescribeInstanceInformation with tag filters,
   * ANDed as SSM ANDs Targets), so a run that would reach nobody is refused before it is sent.
   */
  async countTagTargets(targets: readonly {Key: string; Values: string[]}[]): Promise<number> {
    let n = 0;
    let token: string | undefined;
    do {
      const page = await this.aws.ssm.send(new DescribeInstanceInformationCommand({
        MaxResults: PAGE, Filters: targets.map((t) => ({Key: t.Key, Values: t.Values})), ...(token ? {NextToken: token} : {}),
      }));
      n += page.InstanceInformationList?.length ?? 0;
      token = page.NextToken || undefined;
    } while (token);
    return n;
  }

  /** EC2 details of one instance (the detail pane's), cached for `detailsMaxAgeMs`; undefined for hybrid nodes. */
  async details(id: string, signal?: AbortSignal): Promise<Ec2Details | undefined> {
    if (!id.startsWith('i-')) return undefined;
    const c = this.detailCache.get(id);
    if (c && this.now() - c.at <= this.detailsMaxAgeMs) return c.value;
    const [ec2, {DescribeInstancesCommand}] = await Promise.all([this.aws.ec2(), import('./ec2-and-tagging.js')]);
    const res = await ec2.send(new DescribeInstancesCommand({InstanceIds: [id]}), {abortSignal: signal});
    const inst = res.Reservations?.[0]?.Instances?.[0];
    if (!inst) return undefined;
    const value = toEc2(inst);
    this.detailCache.set(id, {value, at: this.now()});
    return value;
  }

  private async loadEc2Tags(signal?: AbortSignal): Promise<TagMap> {
    const now = this.now();
    if (this.ec2Tags && now - this.ec2Tags.at <= this.detailsMaxAgeMs) return this.ec2Tags.value;
    const [ec2, {DescribeTagsCommand}] = await Promise.all([this.aws.ec2(), import('./ec2-and-tagging.js')]);
    const map: TagMap = new Map();
    let token: string | undefined;
    do {
      const res = await ec2.send(
        new DescribeTagsCommand({
          Filters: [{Name: 'resource-type', Values: ['instance']}],
          MaxResults: 1000,
          ...(token ? {NextToken: token} : {}),
        }),
        {abortSignal: signal},
      );
      addTags(map, res.Tags);
      token = res.NextToken || undefined;
    } while (token);
    this.ec2Tags = {value: map, at: now};
    return map;
  }

  private async loadHybridTags(signal?: AbortSignal): Promise<TagMap> {
    const now = this.now();
    if (this.hybridTags && now - this.hybridTags.at <= this.detailsMaxAgeMs) return this.hybridTags.value;
    const [tagging, {GetResourcesCommand}] = await Promise.all([this.aws.tagging(), import('./ec2-and-tagging.js')]);
    const map: TagMap = new Map();
    let token: string | undefined;
    do {
      const res = await tagging.send(
        new GetResourcesCommand({
          ResourceTypeFilters: ['ssm:managed-instance'],
          ResourcesPerPage: 100,
          ...(token ? {PaginationToken: token} : {}),
        }),
        {abortSignal: signal},
      );
      for (const m of res.ResourceTagMappingList ?? []) {
        const id = m.ResourceARN?.split('/').pop();
        if (id) map.set(own(id), tagRecord(m.Tags));
      }
      token = res.PaginationToken || undefined;
    } while (token);
    this.hybridTags = {value: map, at: now};
    return map;
  }

  private toInstance(info: InstanceInformation, [ec2Tags, hybridTags]: readonly [TagMap, TagMap]): ManagedInstance {
    const id = info.InstanceId ?? '';
    const details = this.detailCache.get(id)?.value;
    const tags = (id.startsWith('mi-') ? hybridTags.get(id) : ec2Tags.get(id)) ?? {};
    // Every field always present (undefined when SSM has no value), in one order: one object shape for all rows,
    // so the filter and sort code that reads 50,000 of them per keystroke stays on V8's fast path.
    return {
      instanceId: clean(id),
      name: tags.Name ?? clean(info.Name ?? ''),
      pingStatus: pingStatus(info.PingStatus),
      lastPingAt: info.LastPingDateTime?.getTime(),
      platformType: platformType(info.PlatformType),
      platformName: sharedClean(info.PlatformName ?? ''),
      platformVersion: sharedClean(info.PlatformVersion ?? ''),
      agentVersion: sharedClean(info.AgentVersion ?? ''),
      isLatestVersion: info.IsLatestVersion,
      ipAddress: clean(info.IPAddress ?? ''),
      computerName: clean(info.ComputerName ?? ''),
      resourceType: resourceType(info.ResourceType),
      associationStatus: sharedClean(info.AssociationStatus ?? ''),
      lastAssociationAt: info.LastAssociationExecutionDate?.getTime(),
      registrationDate: info.RegistrationDate?.getTime(),
      iamRole: sharedClean(info.IamRole ?? ''),
      activationId: clean(info.ActivationId ?? ''),
      sourceId: clean(info.SourceId ?? ''),
      sourceType: sharedClean(info.SourceType ?? ''),
      tags,
      ec2: details,
    };
  }
}

function addTags(map: TagMap, tags: readonly {ResourceId?: string; Key?: string; Value?: string}[] | undefined): void {
  for (const t of tags ?? []) {
    if (!t.ResourceId || t.Key === undefined) continue;
    let rec = map.get(t.ResourceId);
    if (!rec) map.set(own(t.ResourceId), (rec = {}));
    rec[sharedClean(t.Key)] = t.Key === 'Name' ? own(clean(t.Value ?? '')) : sharedClean(t.Value ?? '');
  }
}

function tagRecord(tags: {Key?: string; Value?: string}[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) {
    if (t.Key !== undefined) out[sharedClean(t.Key)] = t.Key === 'Name' ? own(clean(t.Value ?? '')) : sharedClean(t.Value ?? '');
  }
  return out;
}

function toEc2(inst: Instance): Ec2Details {
  return {
      state: clean(inst.State?.Name ?? ''),
      instanceType: clean(inst.InstanceType ?? ''),
      availabilityZone: clean(inst.Placement?.AvailabilityZone ?? ''),
      launchTime: inst.LaunchTime?.getTime(),
      privateIp: clean(inst.PrivateIpAddress ?? ''),
      publicIp: clean(inst.PublicIpAddress ?? ''),
      imageId: clean(inst.ImageId ?? ''),
      vpcId: clean(inst.VpcId ?? ''),
      subnetId: clean(inst.SubnetId ?? ''),
    platformDetails: clean(inst.PlatformDetails ?? ''),
  };
}

function pingStatus(s: string | undefined): PingStatus {
  return s === 'Online' || s === 'ConnectionLost' || s === 'Inactive' ? s : 'Unknown';
}
function platformType(s: string | undefined): PlatformType {
  return s === 'Linux' || s === 'Windows' || s === 'MacOS' ? s : 'Unknown';
}
function resourceType(s: string | undefined): ResourceType {
  return s === 'EC2Instance' || s === 'ManagedInstance' ? s : 'Unknown';
}
