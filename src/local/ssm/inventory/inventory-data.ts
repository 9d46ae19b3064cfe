// Deterministic per-node inventory for the local fleet (AWS:Application, AWS:Network, AWS:Service,
// AWS:InstanceDetailedInformation), drawn from a PRNG seeded by the fleet seed and the instance id, so
// the same fleet always reports the same packages. One designated node (hostNodeId) reports THIS
// machine's real inventory instead (host-inventory.ts). Generated lazily per node and cached in a
// model.memo entry, so a mutation of the model (agent version, tags…) regenerates what depends on it.

import {
  CPU_MODELS,
  PLATFORM_PACKAGES,
  ROLE_PACKAGES,
  SERVICES,
  SIZE_VCPUS,
  type PackageFamily,
  type PackageSpec,
  type PlatformPackages,
} from './inventory-catalog.js';
import {hostInventory, splitDebianVersion, type Row} from './host-inventory.js';
import {isoSeconds} from '../../protocol/list-paging.js';
import type {FleetModel, FleetNode} from '../../model/fleet-model.js';
import {Prng} from '../../model/prng.js';
import {HOSTILE_NAME} from '../../model/fleet-catalog.js';
import {withDistributorPackages} from '../distributor/overlay.js';

export type {Row} from './host-inventory.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const VERSION_WEIGHTS = [72, 20, 8];

export interface TypeData {
  schemaVersion: string;
  captureTime: string;
  rows: readonly Row[];
}

export interface NodeInventory {
  instanceId: string;
  /** Installed package name → "version-release" and install time (epoch ms), for patch compliance. */
  installed: ReadonlyMap<string, Readonly<{versionRelease: string; at: number}>>;
  /** Inventory types the node reports, AWS:InstanceInformation excluded (it is derived live from the node). */
  types: ReadonlyMap<string, TypeData>;
  captureTime: string;
}

export const SCHEMA_VERSIONS: Readonly<Record<string, string>> = {
  'AWS:InstanceInformation': '1.0',
  'AWS:Application': '1.1',
  'AWS:Network': '1.0',
  'AWS:Service': '1.0',
  'AWS:InstanceDetailedInformation': '1.0',
};

/** The node that reports this machine's real inventory: the first non-hostile Linux hybrid node, else the first Linux node. */
export function hostNodeId(model: FleetModel): string | undefined {
  return model.memo('inventory:host', () => {
    const linux = model.managed().filter((n) => n.platformType === 'Linux' && !n.name.includes('\u001b'));
    return (linux.find((n) => n.ec2 === undefined) ?? linux[0])?.instanceId;
  });
}

/** InstanceStatus as inventory reports it. */
export function instanceStatus(node: FleetNode): 'Active' | 'Stopped' | 'Terminated' {
  const state = node.ec2?.state;
  return state === 'terminated' ? 'Terminated' : state === 'stopped' || state === 'stopping' ? 'Stopped' : 'Active';
}

/** The AWS:InstanceInformation content row, derived from the node's current state. */
export function instanceInformationRow(node: FleetNode): Row {
  return {
    AgentType: 'amazon-ssm-agent',
    AgentVersion: node.agentVersion,
    ComputerName: node.computerName,
    InstanceId: node.instanceId,
    IpAddress: node.ipAddress,
    PlatformName: node.platformName,
    PlatformType: node.platformType,
    PlatformVersion: node.platformVersion,
    ResourceType: node.resourceType,
    AgentStatus: node.pingStatus,
    InstanceStatus: instanceStatus(node),
  };
}

export function platformPackages(node: FleetNode): PlatformPackages {
  const key = node.platformType === 'Windows' ? 'Windows' : `${node.platformName} ${node.platformVersion}`;
  return PLATFORM_PACKAGES[key] ?? (PLATFORM_PACKAGES['Amazon Linux 2023'] as PlatformPackages);
}

function pickVersion(rng: Prng, versions: readonly string[]): string {
  return versions[rng.weightedIndex(VERSION_WEIGHTS.slice(0, versions.length))] ?? versions[0] ?? '';
}

function archOf(node: FleetNode, family: PackageFamily): string {
  const arm = node.ec2?.architecture === 'arm64';
  if (family === 'deb') return arm ? 'arm64' : 'amd64';
  return arm ? 'aarch64' : 'x86_64';
}

function packageRow(spec: PackageSpec, vr: string, family: PackageFamily, publisher: string, arch: string, installedIso: string): Row {
  const [name, , summary, group, epoch = ''] = spec;
  if (family === 'win') {
    return {
      Name: name, ApplicationType: '', Publisher: publisher, Version: vr, Release: '', Epoch: '', InstalledTime: installedIso,
      Architecture: 'x86_64', URL: '', Summary: '', PackageId: '',
    };
  }
  if (family === 'deb') {
    const {epoch: e, version, release} = splitDebianVersion(vr);
    return {
      Name: name, ApplicationType: group, Publisher: publisher, Version: version, Release: release, Epoch: e,
      InstalledTime: installedIso, Architecture: arch, URL: '', Summary: summary,
      PackageId: `${name}_${vr.replace(/^\d+:/, '')}_${arch}.deb`,
    };
  }
  const dash = vr.lastIndexOf('-');
  const version = dash > 0 ? vr.slice(0, dash) : vr;
  const release = dash > 0 ? vr.slice(dash + 1) : '';
  return {
    Name: name, ApplicationType: group, Publisher: publisher, Version: version, Release: release, Epoch: epoch,
    InstalledTime: installedIso, Architecture: arch, URL: '', Summary: summary,
    PackageId: `${name}-${version}-${release}.${arch}.rpm`,
  };
}

function byName(a: Row, b: Row): number {
  const x = a['Name'] ?? '';
  const y = b['Name'] ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

type Installed = Readonly<{versionRelease: string; at: number}>;
/** Ages (days before the fleet's clock) of the images nodes are launched from, oldest first. */
const IMAGE_AGES_DAYS = [800, 520, 200, 95, 35, 8];

/** When the node's image was built: the newest image generation older than the node. */
function amiBuiltAt(model: FleetModel, since: number): number {
  const base = Math.floor(model.generatedAt / DAY) * DAY;
  let built = base - (IMAGE_AGES_DAYS[0] ?? 800) * DAY;
  for (const age of IMAGE_AGES_DAYS) {
    const at = base - age * DAY;
    if (at <= since - DAY) built = at;
  }
  return built;
}

function applications(
  model: FleetModel, node: FleetNode, rng: Prng, since: number, capture: number, installed: Map<string, Installed>,
): Row[] {
  const spec = platformPackages(node);
  const {family, publisher} = spec;
  const arch = archOf(node, family);
  const imageBuilt = amiBuiltAt(model, since);
  const builtIso = isoSeconds(imageBuilt);
  // Base packages come from the image: nodes launched from the same image share those rows (read-only).
  const shared = model.memo('inventory:image-rows', () => new Map<string, {rows: Row[]; installed: [string, Installed][]}>());
  const imageKey = `${node.platformName} ${node.platformVersion}|${arch}|${imageBuilt}`;
  let image = shared.get(imageKey);
  if (image === undefined) {
    image = {
      rows: spec.base.map((p) => Object.freeze(packageRow(p, p[1][0] ?? '', family, publisher, arch, builtIso))),
      installed: spec.base.map((p) => [p[0], Object.freeze({versionRelease: p[1][0] ?? '', at: imageBuilt})]),
    };
    shared.set(imageKey, image);
  }
  const rows: Row[] = [...image.rows];
  for (const [name, entry] of image.installed) installed.set(name, entry);
  const add = (p: PackageSpec, vr: string, at: number, iso: string, pub = publisher): Row => {
    installed.set(p[0], {versionRelease: vr, at});
    const row = packageRow(p, vr, family, pub, arch, iso);
    rows.push(row);
    return row;
  };
  for (const p of spec.variable) {
    const vr = pickVersion(rng, p[1]);
    const at = vr === p[1][0] ? since + Math.floor(rng.next() * Math.max(0, capture - since)) : imageBuilt;
    add(p, vr, at, at === imageBuilt ? builtIso : isoSeconds(at));
  }
  const role = ROLE_PACKAGES[node.tags['Role'] ?? '']?.[family === 'rpm' ? 0 : family === 'deb' ? 1 : 2];
  if (role !== undefined) {
    const at = since + rng.int(0, DAY);
    add(role, pickVersion(rng, role[1]), at, isoSeconds(at), family === 'win' ? 'Microsoft Corporation' : publisher);
  }
  // The agent package always matches the version the node reports to SSM.
  const agent = node.agentVersion;
  const agentAt = node.lastPingAt - rng.int(DAY, 90 * DAY);
  if (family === 'win') {
    add(['Amazon SSM Agent', [agent], '', ''], agent, agentAt, isoSeconds(agentAt), 'Amazon Web Services');
  } else {
    const row = add(['amazon-ssm-agent', [agent], 'Amazon SSM Agent - Systems Manager Agent', family === 'deb' ? 'admin' : 'Amazon/Tools'], `${agent}-1`, agentAt, isoSeconds(agentAt), 'Amazon.com');
    row['URL'] = 'https://github.com/aws/amazon-ssm-agent';
  }
  // The hostile node also lists a package whose name spoofs openssl with a zero-width space (not installed software:
  // patching never sees it), so display and queries of untrusted package names can be tested.
  if (node.name === HOSTILE_NAME) rows.push(packageRow([SPOOFED_PACKAGE, ['1.0.0'], 'spoofed name', 'admin'], '1.0.0', family, publisher, arch, builtIso));
  return rows.sort(byName);
}

/** The spoofed package name the hostile node reports: "openssl" with a zero-width space inside. */
export const SPOOFED_PACKAGE = 'open\u200bssl';

/** Name → version-release and install time from AWS:Application rows (the host node's dpkg data). */
function installedFromRows(rows: readonly Row[]): Map<string, {versionRelease: string; at: number}> {
  const out = new Map<string, {versionRelease: string; at: number}>();
  for (const r of rows) {
    const epoch = r['Epoch'] ?? '';
    const release = r['Release'] ?? '';
    const vr = `${epoch === '' ? '' : `${epoch}:`}${r['Version'] ?? ''}${release === '' ? '' : `-${release}`}`;
    const at = Date.parse(r['InstalledTime'] ?? '');
    out.set(r['Name'] ?? '', {versionRelease: vr, at: Number.isNaN(at) ? 0 : at});
  }
  return out;
}

function mac(rng: Prng): string {
  const h = rng.hex(10);
  return `0a:${h.slice(0, 2)}:${h.slice(2, 4)}:${h.slice(4, 6)}:${h.slice(6, 8)}:${h.slice(8, 10)}`;
}

function network(node: FleetNode, rng: Prng): Row[] {
  const [a = '10', b = '0', c = '0'] = node.ipAddress.split('.');
  const hybrid = node.ec2 === undefined;
  const block = hybrid ? 16 : 64;
  const base = `${a}.${b}.${Math.floor(Number(c) / block) * block}`;
  const windows = node.platformType === 'Windows';
  const name = windows ? 'Amazon Elastic Network Adapter' : node.platformVersion === '2' ? 'eth0' : hybrid ? 'eth0' : 'ens5';
  const macAddress = mac(rng);
  const rows: Row[] = [
    {
      Name: name,
      SubnetMask: hybrid ? '255.255.240.0' : '255.255.192.0',
      Gateway: `${base}.1`,
      DHCPServer: hybrid ? `${base}.1` : `${a}.${b}.0.2`,
      DNSServer: hybrid ? `${base}.2` : `${a}.${b}.0.2`,
      MacAddress: macAddress,
      IPV4: node.ipAddress,
      IPV6: `fe80::${macAddress.slice(3, 5)}ff:fe${macAddress.slice(9, 11)}:${macAddress.slice(12, 14)}${macAddress.slice(15, 17)}`,
    },
  ];
  if (!windows && node.tags['Role'] === 'worker') {
    rows.push({Name: 'docker0', SubnetMask: '255.255.0.0', Gateway: '', DHCPServer: '', DNSServer: '', MacAddress: `02:42:${rng.hex(8).match(/../g)?.join(':') ?? ''}`, IPV4: '172.17.0.1', IPV6: ''});
  }
  return rows.sort(byName);
}

function services(node: FleetNode, rng: Prng): Row[] {
  const family = platformPackages(node).family;
  const role = node.tags['Role'];
  const rows: Row[] = [];
  for (const [name, display, forRole] of SERVICES[family]) {
    if (forRole !== undefined && forRole !== role) continue;
    const core = forRole === undefined && rows.length === 0; // the agent is always running
    rows.push({
      Name: name,
      DisplayName: display,
      ServiceType: family === 'win' ? 'Win32OwnProcess' : '',
      Status: core || rng.chance(0.95) ? 'Running' : 'Stopped',
      DependentServices: '',
      ServicesDependedOn: family === 'win' && name === 'W3SVC' ? 'HTTP,WAS' : '',
      StartType: family === 'win' ? 'Automatic' : name === 'unattended-upgrades' ? 'Manual' : 'Automatic',
    });
  }
  return rows.sort(byName);
}

function detailed(node: FleetNode): Row {
  const type = node.ec2?.instanceType ?? '';
  const [family = '', size = ''] = type.split('.');
  const cpu = CPU_MODELS.find(([prefix]) => prefix === family);
  const vcpus = node.ec2 === undefined ? 8 : (SIZE_VCPUS[size] ?? 2);
  const smt = cpu?.[3] ?? true;
  return {
    CPUModel: cpu?.[1] ?? 'Intel(R) Xeon(R) Silver 4214R CPU @ 2.40GHz',
    CPUCores: String(smt ? Math.max(1, vcpus / 2) : vcpus),
    CPUs: String(vcpus),
    CPUSpeedMHz: String(cpu?.[2] ?? 2400),
    CPUSockets: '1',
    CPUHyperThreadEnabled: String(smt),
    OSServicePack: '',
  };
}

/** When the node last reported inventory: online nodes collect every 30 minutes, others before they went away. */
function captureAt(model: FleetModel, node: FleetNode): number {
  const rng = new Prng(`${model.seed}:inventory-capture:${node.instanceId}`);
  return node.pingStatus === 'Online'
    ? Math.min(model.generatedAt, node.lastPingAt) - rng.int(0, 29 * MINUTE)
    : node.lastPingAt - rng.int(MINUTE, 25 * MINUTE);
}

function generate(model: FleetModel, node: FleetNode, host: boolean): NodeInventory {
  const rng = new Prng(`${model.seed}:inventory:${node.instanceId}`);
  const capture = captureAt(model, node);
  const since = node.ec2?.launchTime ?? node.registrationDate ?? model.generatedAt - 200 * DAY;
  const captureTime = isoSeconds(capture);
  const types = new Map<string, TypeData>();
  const put = (type: string, rows: readonly Row[]): void => {
    types.set(type, {schemaVersion: SCHEMA_VERSIONS[type] ?? '1.0', captureTime, rows});
  };
  // About one node in twelve has no inventory association: it reports only AWS:InstanceInformation.
  const collects = host || rng.next() >= 0.08;
  let installed = new Map<string, Installed>();
  const real = host ? hostInventory() : undefined;
  // Software is installed whether or not inventory collects it (patching reads `installed`).
  const apps = real?.applications ?? applications(model, node, rng, since, capture, installed);
  if (real?.applications !== undefined) installed = installedFromRows(real.applications);
  if (collects) {
    put('AWS:Application', withDistributorPackages(model, node, apps));
    put('AWS:Network', real?.network ?? network(node, rng));
    put('AWS:Service', real?.services ?? services(node, rng));
    put('AWS:InstanceDetailedInformation', [real?.detailed ?? detailed(node)]);
  }
  return {instanceId: node.instanceId, installed, types, captureTime};
}

/** The node's inventory, generated on first use and cached until the model changes. */
export function nodeInventory(model: FleetModel, node: FleetNode): NodeInventory {
  const cache = model.memo('inventory:nodes', () => new Map<string, NodeInventory>());
  let inv = cache.get(node.instanceId);
  if (inv === undefined) {
    inv = generate(model, node, node.instanceId === hostNodeId(model));
    cache.set(node.instanceId, inv);
  }
  return inv;
}

/** Rows of one type for a node (AWS:InstanceInformation included), or undefined when it has none. */
export function typeRows(model: FleetModel, node: FleetNode, typeName: string): TypeData | undefined {
  if (typeName === 'AWS:InstanceInformation') {
    // Derived live from the node; no need to generate the rest of its inventory.
    return {schemaVersion: '1.0', captureTime: isoSeconds(captureAt(model, node)), rows: [instanceInformationRow(node)]};
  }
  return nodeInventory(model, node).types.get(typeName);
}
