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
} from './fleet-catalog.js';
import type {AssociationStatus, Ec2State, FleetNode} from './fleet-model.js';
import {Prng} from './prng.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const AZ_SUFFIXES = ['a', 'b', 'c'] as const;
const HYBRID_PLATFORM_KEYS = new Set(['ubuntu2204', 'ubuntu2404', 'rhel9', 'al2']);
const HYBRID_PLATFORMS = PLATFORMS.filter((p) => HYBRID_PLATFORM_KEYS.has(p.key));
const ENV_NAMES = ENVIRONMENTS.map(([e]) => e);
const ENV_WEIGHTS = ENVIRONMENTS.map(([, w]) => w);
const PUBLIC_FIRST_OCTETS = [3, 18, 34, 44, 52, 54] as const;
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
  securityGroups: Map<string, {readonly id: string; readonly name: string}>;
  activationIds: string[];
  azs: string[];
  keyNames: string[];
  instanceProfileArn: string;
  privateDnsSuffix: string;
  publicDnsSuffix: string;
  ipCounters: Int32Array; // EC2: env * 3 + az; hybrid: 9 + site
  nameCounters: Map<string, number>;
  idSalt: number;
  reservation: string;
}

function quota(n: number, fraction: number, minFleet: number): number {
  return n >= minFleet ? Math.max(1, Math.round(n * fraction)) : 0;
}

function uuid(rng: Prng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * A 17-hex-digit id that is unique by construction: 8 digits are a bijective scramble of the node's
 * index (salted per seed), the other 8 are random. Avoids a 50k-entry uniqueness set.
 */
function nodeId(ctx: FleetContext, prefix: string, index: number): string {
  let x = (index ^ ctx.idSalt) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  x = (x ^ (x >>> 16)) >>> 0;
  return `${prefix}0${ctx.rng.hex8()}${x.toString(16).padStart(8, '0')}`;
}

function nextName(ctx: FleetContext, stem: string): string {
  const n = (ctx.nameCounters.get(stem) ?? 0) + 1;
  ctx.nameCounters.set(stem, n);
  return `${stem}-${String(n).padStart(2, '0')}`;
}

function nextHost(ctx: FleetContext, slot: number): number {
  const host = ctx.ipCounters[slot] ?? 0;
  ctx.ipCounters[slot] = host + 1;
  return host;
}

function setAgent(node: FleetNode, rng: Prng): void {
  const latest = rng.chance(node.platformType === 'Windows' ? 0.7 : 0.75);
  node.agentVersion = latest ? LATEST_AGENT_VERSION : rng.pick(OUTDATED_AGENT_VERSIONS);
  node.isLatestVersion = node.platformType === 'Linux' ? latest : undefined;
}

function setPing(node: FleetNode, rng: Prng, now: number, lost: boolean): void {
  node.pingStatus = lost ? 'ConnectionLost' : 'Online';
  node.lastPingAt = lost ? now - rng.int(2 * HOUR, 20 * DAY) : now - rng.int(5 * SECOND, 290 * SECOND);
}

function setAssociation(node: FleetNode, rng: Prng, now: number): void {
  const status = rng.weighted(ASSOCIATION_WEIGHTS);
  const successes = status === 'Success' ? rng.int(1, 3) : rng.int(0, 2);
  const counts: Record<string, number> = {};
  if (successes > 0) counts['Success'] = successes;
  if (status !== 'Success') counts[status] = 1;
  const last = now - rng.int(10 * MINUTE, 30 * HOUR);
  node.associationStatus = status;
  node.associationCounts = counts;
  node.lastAssociationAt = last;
  node.lastSuccessfulAssociationAt = successes > 0 ? last - (status === 'Success' ? 0 : rng.int(HOUR, 3 * DAY)) : undefined;
}

/** A node with every field present (stable object shape); the builders fill in the rest. */
function blankNode(instanceId: string, resourceType: FleetNode['resourceType'], platform: PlatformSpec): FleetNode {
  return {
    instanceId,
    resourceType,
    name: '',
    tags: {},
    pingStatus: 'Online',
    lastPingAt: 0,
    agentVersion: '',
    isLatestVersion: undefined,
    platformType: platform.platformType,
    platformName: platform.platformName,
    platformVersion: platform.platformVersion,
    ipAddress: '',
    computerName: '',
    associationStatus: 'Success',
    associationCounts: {},
    lastAssociationAt: undefined,
    lastSuccessfulAssociationAt: undefined,
    registrationDate: undefined,
    activationId: undefined,
    iamRole: undefined,
    sourceId: instanceId,
    sourceType: resourceType === 'EC2Instance' ? 'AWS::EC2::Instance' : 'AWS::SSM::ManagedInstance',
    ec2: undefined,
  };
}

function ec2Node(ctx: FleetContext, flags: number, index: number): FleetNode {
  const {rng, now, region} = ctx;
  const windows = (flags & Flag.Windows) !== 0;
  const platform = windows ? rng.weighted(WINDOWS_WEIGHTS) : rng.weighted(PLATFORM_WEIGHTS);
  const role = rng.weighted(ROLE_WEIGHTS);
  const envIndex = rng.weightedIndex(ENV_WEIGHTS);
  const env = ENV_NAMES[envIndex] ?? 'dev';
  const azIndex = rng.int(0, 2);
  const usable = platform.armCapable ? role.types : role.types.filter((t) => !ARM_TYPES.has(t));
  const instanceType = usable.length > 0 ? rng.pick(usable) : 'm6i.large';
  const state: Ec2State = (flags & Flag.Terminated) !== 0 ? 'terminated' : (flags & Flag.Stopped) !== 0 ? 'stopped' : 'running';
  const node = blankNode(nodeId(ctx, 'i-', index), 'EC2Instance', platform);
  node.name = nextName(ctx, `${role.role}-${env}`);
  const host = nextHost(ctx, envIndex * 3 + azIndex);
  const third = azIndex * 64 + (Math.floor(host / 250) % 64);
  const fourth = 10 + (host % 250);
  const privateIp = `10.${envIndex}.${third}.${fourth}`;
  const privateDnsName = `ip-10-${envIndex}-${third}-${fourth}.${ctx.privateDnsSuffix}`;
  let publicIp: string | undefined;
  let publicDnsName: string | undefined;
  if (state === 'running' && rng.chance(role.publicIp)) {
    const octets = `${rng.pick(PUBLIC_FIRST_OCTETS)}-${rng.int(0, 255)}-${rng.int(0, 255)}-${rng.int(1, 254)}`;
    publicIp = octets.replaceAll('-', '.');
    publicDnsName = `ec2-${octets}.${ctx.publicDnsSuffix}`;
  }
  if (rng.chance(0.4)) ctx.reservation = `r-0${rng.hex(16)}`;
  node.tags = {Name: node.name, Env: env, Role: role.role, Team: role.team};
  if (rng.chance(0.3)) node.tags['CostCenter'] = `cc-${rng.int(1000, 9999)}`;
  if (windows || rng.chance(0.5)) node.tags['PatchGroup'] = `${windows ? 'windows' : 'linux'}-${env}`;
  node.ipAddress = privateIp;
  node.computerName = windows ? `EC2AMAZ-${rng.hex(7).toUpperCase()}.corp.example.com` : privateDnsName;
  setPing(node, rng, now, (flags & (Flag.Lost | Flag.Stopped | Flag.Terminated)) !== 0);
  setAgent(node, rng);
  setAssociation(node, rng, now);
  node.iamRole = rng.chance(0.4) ? QUICK_SETUP_ROLE : undefined;
  node.ec2 = {
    state,
    instanceType,
    architecture: ARM_TYPES.has(instanceType) ? 'arm64' : 'x86_64',
    availabilityZone: ctx.azs[azIndex] ?? `${region}a`,
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
    keyName: ctx.keyNames[envIndex] ?? 'ops',
    securityGroup: ctx.securityGroups.get(role.role) ?? {id: '', name: ''},
    instanceProfileArn: ctx.instanceProfileArn,
  };
  return node;
}

function hybridNode(ctx: FleetContext, flags: number, index: number): FleetNode {
  const {rng, now} = ctx;
  const hostile = (flags & Flag.Hostile) !== 0;
  const platform = rng.chance(0.1) ? rng.weighted(WINDOWS_WEIGHTS) : rng.weighted(HYBRID_WEIGHTS);
  const role = rng.weighted(ROLE_WEIGHTS);
  const env = rng.weighted(ENVIRONMENTS);
  const siteIndex = rng.int(0, HYBRID_SITES.length - 1);
  const site = HYBRID_SITES[siteIndex] ?? 'dc1';
  const node = blankNode(nodeId(ctx, 'mi-', index), 'ManagedInstance', platform);
  const roleName = hostile ? 'web' : role.role;
  const envName = hostile ? 'prod' : env;
  node.name = hostile ? HOSTILE_NAME : nextName(ctx, `${roleName}-${envName}-${site}`);
  node.tags = {Name: node.name, Env: envName, Role: roleName, Team: hostile ? 'frontend' : role.team, Site: site};
  const host = nextHost(ctx, 9 + siteIndex);
  node.ipAddress = `192.168.${siteIndex * 16 + (Math.floor(host / 250) % 16)}.${10 + (host % 250)}`;
  const shortName = hostile ? 'evil-01' : node.name.replace(`-${envName}-${site}`, '');
  node.computerName = `${platform.platformType === 'Windows' ? shortName.toUpperCase() : shortName}.${site}.example.internal`;
  setPing(node, rng, now, (flags & Flag.Lost) !== 0 || rng.chance(0.1));
  setAgent(node, rng);
  setAssociation(node, rng, now);
  node.registrationDate = now - rng.int(30 * DAY, 700 * DAY);
  node.activationId = rng.pick(ctx.activationIds);
  node.iamRole = rng.pick(HYBRID_IAM_ROLES);
  return node;
}

function createContext(seed: string, region: string, now: number, account?: string): FleetContext {
  const rng = new Prng(`fleetdeck-local-fleet:${seed}`);
  // Drawn even when the account is given, so the rest of the fleet is the same either way.
  const drawn = `${rng.int(1, 9)}${String(rng.int(0, 99_999)).padStart(5, '0')}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
  const accountId = account ?? drawn;
  const amis = new Map<string, string>();
  for (const p of [...PLATFORMS, ...WINDOWS_PLATFORMS]) amis.set(p.key, `ami-0${rng.hex(16)}`);
  const vpcs = ENV_NAMES.map(() => `vpc-0${rng.hex(16)}`);
  const subnets: string[] = [];
  for (let i = 0; i < ENV_NAMES.length * AZ_SUFFIXES.length; i++) subnets.push(`subnet-0${rng.hex(16)}`);
  const securityGroups = new Map<string, {readonly id: string; readonly name: string}>();
  for (const r of ROLES) securityGroups.set(r.role, Object.freeze({id: `sg-0${rng.hex(16)}`, name: `${r.role}-sg`}));
  const activationIds = [uuid(rng), uuid(rng), uuid(rng)];
  return {
    rng, region, now, accountId, amis, vpcs, subnets, securityGroups, activationIds,
    azs: AZ_SUFFIXES.map((s) => `${region}${s}`),
    keyNames: ENV_NAMES.map((e) => `${e}-ops`),
    instanceProfileArn: `arn:aws:iam::${accountId}:instance-profile/${EC2_INSTANCE_PROFILE}`,
    privateDnsSuffix: region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`,
    publicDnsSuffix: region === 'us-east-1' ? 'compute-1.amazonaws.com' : `${region}.compute.amazonaws.com`,
    ipCounters: new Int32Array(9 + HYBRID_SITES.length),
    nameCounters: new Map(),
    idSalt: rng.uint32(),
    reservation: `r-0${rng.hex(16)}`,
  };
}

export function generateNodes(opts: {count: number; seed: string; region: string; now: number; accountId?: string}): {accountId: string; nodes: FleetNode[]} {
  const {count: n} = opts;
  const ctx = createContext(opts.seed, opts.region, opts.now, opts.accountId);
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
    nodes[i] = (f & Flag.Hybrid) !== 0 ? hybridNode(ctx, f, i) : ec2Node(ctx, f, i);
  }
  return {accountId: ctx.accountId, nodes};
}
