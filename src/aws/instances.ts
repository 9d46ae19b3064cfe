// Loads the managed-instance fleet: DescribeInstanceInformation (all pages) merged with EC2 DescribeInstances
// and, for hybrid nodes, tags from the Resource Groups Tagging API. Every call is batched: the request count
// grows with pages (50 nodes each), never with one call per instance. EC2 details and hybrid tags change
// rarely, so they are cached and refetched only for new nodes or when older than `detailsMaxAgeMs`.
import {DescribeInstanceInformationCommand, type InstanceInformation} from '@aws-sdk/client-ssm';
import {DescribeInstancesCommand, type Instance} from '@aws-sdk/client-ec2';
import {GetResourcesCommand} from '@aws-sdk/client-resource-groups-tagging-api';
import type {AwsClients} from './clients.js';
import type {Ec2Details, ManagedInstance, PingStatus, PlatformType, ResourceType} from '../fleet/instance.js';
import {sanitizeText as clean} from '../fleet/sanitize.js';

const PAGE = 50;

interface Cached<T> {
  value: T;
  at: number;
}

export interface LoadOptions {
  signal?: AbortSignal;
  /** Called with the fleet loaded so far after each page (first load only shows rows early). */
  onProgress?: (partial: ManagedInstance[]) => void;
}

export class FleetLoader {
  private ec2 = new Map<string, Cached<{details: Ec2Details; tags: Record<string, string>}>>();
  private hybridTags: Cached<Map<string, Record<string, string>>> | undefined;

  constructor(
    private readonly aws: AwsClients,
    private readonly detailsMaxAgeMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async load(opts: LoadOptions = {}): Promise<ManagedInstance[]> {
    const {signal} = opts;
    const out: ManagedInstance[] = [];
    const tagsPromise = this.loadHybridTags(signal);
    // Awaited below; until then a failure must not count as unhandled (the page loop may fail first).
    tagsPromise.catch(() => undefined);
    let token: string | undefined;
    let enrich: Promise<void> = Promise.resolve();
    do {
      const page = await this.aws.ssm.send(
        new DescribeInstanceInformationCommand({MaxResults: PAGE, ...(token ? {NextToken: token} : {})}),
        {abortSignal: signal},
      );
      token = page.NextToken || undefined;
      const infos = page.InstanceInformationList ?? [];
      // Enrich this page while the next one is being fetched.
      const prev = enrich;
      enrich = prev.then(async () => {
        await this.loadEc2(infos.map((i) => i.InstanceId ?? '').filter((id) => id.startsWith('i-')), signal);
        const tags = infos.some((i) => i.InstanceId?.startsWith('mi-')) ? await tagsPromise : undefined;
        for (const info of infos) out.push(this.toInstance(info, tags));
        opts.onProgress?.(out.slice());
      });
      enrich.catch(() => undefined); // awaited after the loop; see tagsPromise
    } while (token);
    await enrich;
    return out;
  }

  private async loadEc2(ids: string[], signal?: AbortSignal): Promise<void> {
    const now = this.now();
    const stale = ids.filter((id) => {
      const c = this.ec2.get(id);
      return !c || now - c.at > this.detailsMaxAgeMs;
    });
    if (stale.length === 0) return;
    // InstanceIds can't be combined with MaxResults; a page of ≤50 ids comes back in one response.
    let token: string | undefined;
    do {
      const res = await this.aws.ec2.send(
        new DescribeInstancesCommand({InstanceIds: stale, ...(token ? {NextToken: token} : {})}),
        {abortSignal: signal},
      );
      for (const r of res.Reservations ?? []) {
        for (const inst of r.Instances ?? []) {
          if (inst.InstanceId) this.ec2.set(inst.InstanceId, {value: toEc2(inst), at: now});
        }
      }
      token = res.NextToken || undefined;
    } while (token);
  }

  private async loadHybridTags(signal?: AbortSignal): Promise<Map<string, Record<string, string>>> {
    const now = this.now();
    if (this.hybridTags && now - this.hybridTags.at <= this.detailsMaxAgeMs) return this.hybridTags.value;
    const map = new Map<string, Record<string, string>>();
    let token: string | undefined;
    do {
      const res = await this.aws.tagging.send(
        new GetResourcesCommand({
          ResourceTypeFilters: ['ssm:managed-instance'],
          ResourcesPerPage: 100,
          ...(token ? {PaginationToken: token} : {}),
        }),
        {abortSignal: signal},
      );
      for (const m of res.ResourceTagMappingList ?? []) {
        const id = m.ResourceARN?.split('/').pop();
        if (id) map.set(id, tagRecord(m.Tags));
      }
      token = res.PaginationToken || undefined;
    } while (token);
    this.hybridTags = {value: map, at: now};
    return map;
  }

  private toInstance(info: InstanceInformation, hybridTags?: Map<string, Record<string, string>>): ManagedInstance {
    const id = info.InstanceId ?? '';
    const ec2 = this.ec2.get(id)?.value;
    const tags = ec2?.tags ?? hybridTags?.get(id) ?? {};
    return {
      instanceId: clean(id),
      name: clean(tags.Name ?? info.Name ?? ''),
      pingStatus: pingStatus(info.PingStatus),
      lastPingAt: info.LastPingDateTime?.getTime(),
      platformType: platformType(info.PlatformType),
      platformName: clean(info.PlatformName ?? ''),
      platformVersion: clean(info.PlatformVersion ?? ''),
      agentVersion: clean(info.AgentVersion ?? ''),
      ...(info.IsLatestVersion !== undefined ? {isLatestVersion: info.IsLatestVersion} : {}),
      ipAddress: clean(info.IPAddress ?? ''),
      computerName: clean(info.ComputerName ?? ''),
      resourceType: resourceType(info.ResourceType),
      associationStatus: clean(info.AssociationStatus ?? ''),
      lastAssociationAt: info.LastAssociationExecutionDate?.getTime(),
      registrationDate: info.RegistrationDate?.getTime(),
      iamRole: clean(info.IamRole ?? ''),
      activationId: clean(info.ActivationId ?? ''),
      sourceId: clean(info.SourceId ?? ''),
      sourceType: clean(info.SourceType ?? ''),
      tags,
      ...(ec2 ? {ec2: ec2.details} : {}),
    };
  }
}

function tagRecord(tags: {Key?: string; Value?: string}[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[clean(t.Key)] = clean(t.Value ?? '');
  return out;
}

function toEc2(inst: Instance): {details: Ec2Details; tags: Record<string, string>} {
  return {
    tags: tagRecord(inst.Tags),
    details: {
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
    },
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
