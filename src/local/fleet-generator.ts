// Deterministic node generation for the local fleet. Proportions are exact quotas (a seeded permutation
// decides which nodes are hybrid, stopped, terminated, ConnectionLost, Windows), so even a small fleet
// shows every kind of node; the rest is drawn from a seeded PRNG. No Math.random anywhere.

import {
  ARM_TYPES,
  EC2_INSTANCE_PROFILE,
  ENVIRONMENTS,
  HOSTILE_NAME,
  HYBRID_IAM_ROLES,
  HYBRID_SITES,
  LATEST_AGENT_VERSION,
  OUTDATED_AGENT_VERSIONS,
  PLATFORMS,
  QUICK_SETUP_ROLE,
  ROLES,
  WINDOWS_PLATFORMS,
  type PlatformSpec,
  type RoleSpec,
} from './fleet-catalog.js';
import type {AssociationStatus, Ec2State, FleetNode, PingStatus} from './fleet-model.js';
import {Prng} from './prng.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const AZ_SUFFIXES = ['a', 'b', 'c'] as const;
const HYBRID_PLATFORM_KEYS = new Set(['ubuntu2204', 'ubuntu2404', 'rhel9', 'al2']);
const HYBRID_PLATFORMS = PLATFORMS.filter((p) => HYBRID_PLATFORM_KEYS.has(p.key));
const ENV_NAMES = ENVIRONMENTS.map(([e]) => e);
const ROLE_WEIGHTS = ROLES.map((r) => [r, r.weight] as const);
const PLATFORM_WEIGHTS = PLATFORMS.map((p) => [p, p.weight] as const);
const WINDOWS_WEIGHTS = WINDOWS_PLATFORMS.map((p) => [p, p.weight] as const);
const HYBRID_WEIGHTS = HYBRID_PLATFORMS.map((p) => [p, p.weight] as const);
const ASSOCIATION_WEIGHTS: readonly (readonly [AssociationStatus, number])[] = [
  ['Success', 80],
  ['Pending', 12],
  ['Failed', 8],
];

const Flag = {Hybrid: 1, Stopped: 2, Terminated: 4, Lost: 8, Windows: 16, Hostile: 32} as const;

interface FleetContext {
  rng: Prng;
  region: string;
  now: number;
  accountId: string;
  amis: Map<string, string>;
  vpcs: string[];
  subnets: string[]; // [env * 3 + az]
  securityGroups: Map<string, string>;
  activationIds: string[];
  ipCounters: Int32Array; // EC2: env * 3 + az; hybrid: 9 + site
  nameCounters: Map<string, number>;
  usedIds: Set<string>;
  reservation: string;
}

function quota(n: number, fraction: number, minFleet: number): number {
  return n >= minFleet ? Math.max(1, Math.round(n * fraction)) : 0;
}

function uuid(rng: Prng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function uniqueId(ctx: FleetContext, prefix: string): string {
  for (;;) {
    const id = `${prefix}0${ctx.rng.hex(16)}`;
    if (!ctx.usedIds.has(id)) {
      ctx.usedIds.add(id);
      return id;
    }
  }
}

function nextName(ctx: FleetContext, stem: string): string {
  const n = (ctx.nameCounters.get(stem) ?? 0) + 1;
  ctx.nameCounters.set(stem, n);
  return `${stem}-${String(n).padStart(2, '0')}`;
}

function nextIp(ctx: FleetContext, slot: number, base: (host: number) => string): string {
  const host = ctx.ipCounters[slot] ?? 0;
  ctx.ipCounters[slot] = host + 1;
  return base(host);
}

function agent(rng: Prng, platform: PlatformSpec): {agentVersion: string; isLatestVersion?: boolean} {
  const latest = rng.chance(platform.platformType === 'Windows' ? 0.7 : 0.75);
  const agentVersion = latest ? LATEST_AGENT_VERSION : rng.pick(OUTDATED_AGENT_VERSIONS);
  return platform.platformType === 'Linux' ? {agentVersion, isLatestVersion: latest} : {agentVersion};
}

function ping(rng: Prng, now: number, lost: boolean): {pingStatus: PingStatus; lastPingAt: number} {
  return lost
    ? {pingStatus: 'ConnectionLost', lastPingAt: now - rng.int(2 * HOUR, 20 * DAY)}
    : {pingStatus: 'Online', lastPingAt: now - rng.int(5 * SECOND, 290 * SECOND)};
}

function association(rng: Prng, now: number): Pick<FleetNode, 'associationStatus' | 'associationCounts' | 'lastAssociationAt' | 'lastSuccessfulAssociationAt'> {
  const status = rng.weighted(ASSOCIATION_WEIGHTS);
  const counts: Record<string, number> = {};
  const successes = status === 'Success' ? rng.int(1, 3) : rng.int(0, 2);
  if (successes > 0) counts['Success'] = successes;
  if (status !== 'Success') counts[status] = 1;
  const lastAssociationAt = now - rng.int(10 * MINUTE, 30 * HOUR);
  return {
    associationStatus: status,
    associationCounts: counts,
    lastAssociationAt,
    lastSuccessfulAssociationAt: successes > 0 ? lastAssociationAt - (status === 'Success' ? 0 : rng.int(HOUR, 3 * DAY)) : undefined,
  };
}

function baseTags(role: RoleSpec, env: string, name: string): Record<string, string> {
  return {Name: name, Env: env, Role: role.role, Team: role.team};
}

function ec2Node(ctx: FleetContext, flags: number): FleetNode {
  const {rng, now, region} = ctx;
  const windows = (flags & Flag.Windows) !== 0;
  const platform = windows ? rng.weighted(WINDOWS_WEIGHTS) : rng.weighted(PLATFORM_WEIGHTS);
  const role = rng.weighted(ROLE_WEIGHTS);
  const envIndex = ENV_NAMES.indexOf(rng.weighted(ENVIRONMENTS));
  const env = ENV_NAMES[envIndex] ?? 'dev';
  const azIndex = rng.int(0, 2);
  const usable = role.types.filter((t) => platform.armCapable || !ARM_TYPES.has(t));
  const instanceType = usable.length > 0 ? rng.pick(usable) : 'm6i.large';
  const state: Ec2State = (flags & Flag.Terminated) !== 0 ? 'terminated' : (flags & Flag.Stopped) !== 0 ? 'stopped' : 'running';
  const instanceId = uniqueId(ctx, 'i-');
  const name = nextName(ctx, `${role.role}-${env}`);
  const privateIp = nextIp(ctx, envIndex * 3 + azIndex, (h) => `10.${envIndex}.${azIndex * 64 + ((Math.floor(h / 250) % 64))}.${10 + (h % 250)}`);
  const dnsSuffix = region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
  const privateDnsName = `ip-${privateIp.replaceAll('.', '-')}.${dnsSuffix}`;
  let publicIp: string | undefined;
  let publicDnsName: string | undefined;
  if (rng.chance(role.publicIp) && state === 'running') {
    publicIp = `${rng.pick([3, 18, 34, 44, 52, 54])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    const pubSuffix = region === 'us-east-1' ? 'compute-1.amazonaws.com' : `${region}.compute.amazonaws.com`;
    publicDnsName = `ec2-${publicIp.replaceAll('.', '-')}.${pubSuffix}`;
  }
  if (rng.chance(0.4)) ctx.reservation = `r-0${rng.hex(16)}`;
  const tags = baseTags(role, env, name);
  if (rng.chance(0.3)) tags['CostCenter'] = `cc-${rng.int(1000, 9999)}`;
  if (windows || rng.chance(0.5)) tags['PatchGroup'] = `${windows ? 'windows' : 'linux'}-${env}`;
  const computerName = windows ? `EC2AMAZ-${rng.hex(7).toUpperCase()}.corp.example.com` : privateDnsName;
  const lost = (flags & (Flag.Lost | Flag.Stopped | Flag.Terminated)) !== 0;
  return {
    instanceId,
    resourceType: 'EC2Instance',
    name,
    tags,
    ...ping(rng, now, lost),
    ...agent(rng, platform),
    platformType: platform.platformType,
    platformName: platform.platformName,
    platformVersion: platform.platformVersion,
    ipAddress: privateIp,
    computerName,
    ...association(rng, now),
    iamRole: rng.chance(0.4) ? QUICK_SETUP_ROLE : undefined,
    sourceId: instanceId,
    sourceType: 'AWS::EC2::Instance',
    ec2: {
      state,
      instanceType,
      architecture: ARM_TYPES.has(instanceType) ? 'arm64' : 'x86_64',
      availabilityZone: `${region}${AZ_SUFFIXES[azIndex] ?? 'a'}`,
      launchTime: now - rng.int(HOUR, 400 * DAY),
      privateIp,
      privateDnsName,
      publicIp,
      publicDnsName,
      imageId: ctx.amis.get(platform.key) ?? 'ami-00000000000000000',
      vpcId: ctx.vpcs[envIndex] ?? '',
      subnetId: ctx.subnets[envIndex * 3 + azIndex] ?? '',
      platformDetails: platform.platformDetails,
      rootDeviceName: platform.rootDevice,
      reservationId: ctx.reservation,
      keyName: `${env}-ops`,
      securityGroup: {id: ctx.securityGroups.get(role.role) ?? '', name: `${role.role}-sg`},
      instanceProfileArn: `arn:aws:iam::${ctx.accountId}:instance-profile/${EC2_INSTANCE_PROFILE}`,
    },
  };
}

function hybridNode(ctx: FleetContext, flags: number): FleetNode {
  const {rng, now} = ctx;
  const platform = rng.chance(0.1) ? rng.weighted(WINDOWS_WEIGHTS) : rng.weighted(HYBRID_WEIGHTS);
  const role = rng.weighted(ROLE_WEIGHTS);
  const env = rng.weighted(ENVIRONMENTS);
  const siteIndex = rng.int(0, HYBRID_SITES.length - 1);
  const site = HYBRID_SITES[siteIndex] ?? 'dc1';
  const instanceId = uniqueId(ctx, 'mi-');
  const hostile = (flags & Flag.Hostile) !== 0;
  const name = hostile ? HOSTILE_NAME : nextName(ctx, `${role.role}-${env}-${site}`);
  const ipAddress = nextIp(ctx, 9 + siteIndex, (h) => `192.168.${siteIndex * 16 + (Math.floor(h / 250) % 16)}.${10 + (h % 250)}`);
  const host = hostile ? 'evil-01' : name.replace(`-${env}-${site}`, '');
  const tags = {...baseTags(role, env, name), Site: site};
  return {
    instanceId,
    resourceType: 'ManagedInstance',
    name,
    tags,
    ...ping(rng, now, (flags & Flag.Lost) !== 0 || rng.chance(0.1)),
    ...agent(rng, platform),
    platformType: platform.platformType,
    platformName: platform.platformName,
    platformVersion: platform.platformVersion,
    ipAddress,
    computerName: platform.platformType === 'Windows' ? `${host.toUpperCase()}.${site}.example.internal` : `${host}.${site}.example.internal`,
    ...association(rng, now),
    registrationDate: now - rng.int(30 * DAY, 700 * DAY),
    activationId: rng.pick(ctx.activationIds),
    iamRole: rng.pick(HYBRID_IAM_ROLES),
    sourceId: instanceId,
    sourceType: 'AWS::SSM::ManagedInstance',
  };
}

function createContext(seed: string, region: string, now: number): FleetContext {
  const rng = new Prng(`fleetdeck-local-fleet:${seed}`);
  const accountId = `${rng.int(1, 9)}${String(rng.int(0, 99_999)).padStart(5, '0')}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
  const amis = new Map<string, string>();
  for (const p of [...PLATFORMS, ...WINDOWS_PLATFORMS]) amis.set(p.key, `ami-0${rng.hex(16)}`);
  const vpcs = ENV_NAMES.map(() => `vpc-0${rng.hex(16)}`);
  const subnets: string[] = [];
  for (let i = 0; i < ENV_NAMES.length * AZ_SUFFIXES.length; i++) subnets.push(`subnet-0${rng.hex(16)}`);
  const securityGroups = new Map<string, string>();
  for (const r of ROLES) securityGroups.set(r.role, `sg-0${rng.hex(16)}`);
  const activationIds = [uuid(rng), uuid(rng), uuid(rng)];
  return {
    rng, region, now, accountId, amis, vpcs, subnets, securityGroups, activationIds,
    ipCounters: new Int32Array(9 + HYBRID_SITES.length),
    nameCounters: new Map(),
    usedIds: new Set(),
    reservation: `r-0${rng.hex(16)}`,
  };
}

export function generateNodes(opts: {count: number; seed: string; region: string; now: number}): {accountId: string; nodes: FleetNode[]} {
  const {count: n} = opts;
  const ctx = createContext(opts.seed, opts.region, opts.now);
  const flags = new Uint8Array(n);
  const perm = ctx.rng.permutation(n);
  let at = 0;
  const mark = (k: number, flag: number): void => {
    for (let end = Math.min(n, at + k); at < end; at++) {
      const idx = perm[at] as number;
      flags[idx] = (flags[idx] ?? 0) | flag;
    }
  };
  if (n > 0) flags[perm[0] as number] = Flag.Hostile;
  mark(quota(n, 0.15, 1), Flag.Hybrid);
  mark(quota(n, 0.03, 10), Flag.Stopped);
  mark(quota(n, 0.01, 20), Flag.Terminated);
  mark(quota(n, 0.1, 5), Flag.Lost);
  mark(quota(n, 0.06, 8), Flag.Windows);
  const nodes: FleetNode[] = new Array<FleetNode>(n);
  for (let i = 0; i < n; i++) {
    const f = flags[i] ?? 0;
    nodes[i] = (f & Flag.Hybrid) !== 0 ? hybridNode(ctx, f) : ec2Node(ctx, f);
  }
  return {accountId: ctx.accountId, nodes};
}
