// The local fleet's node model: one record type for every node (EC2 and hybrid), deterministic generation
// from a seed, per-version memoized views for the wire handlers, and mutation helpers for tests.

import type {PlatformType} from './fleet-catalog.js';
import {generateNodes} from './fleet-generator.js';

export type {PlatformType} from './fleet-catalog.js';
export type PingStatus = 'Online' | 'ConnectionLost' | 'Inactive';
export type Ec2State = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';
export type AssociationStatus = 'Success' | 'Pending' | 'Failed';
export type SsmResourceType = 'EC2Instance' | 'ManagedInstance';
export type SourceType = 'AWS::EC2::Instance' | 'AWS::IoT::Thing' | 'AWS::SSM::ManagedInstance';

/** EC2's view of an instance; hybrid (`mi-`) nodes have none. */
export interface Ec2Details {
  state: Ec2State;
  instanceType: string;
  architecture: 'x86_64' | 'arm64';
  availabilityZone: string;
  /** Epoch milliseconds. */
  launchTime: number;
  privateIp: string;
  privateDnsName: string;
  publicIp?: string;
  publicDnsName?: string;
  imageId: string;
  vpcId: string;
  subnetId: string;
  platformDetails: string;
  rootDeviceName: string;
  reservationId: string;
  keyName: string;
  /** Shared between nodes of a role: treat as read-only. */
  securityGroup: {readonly id: string; readonly name: string};
  instanceProfileArn: string;
}

/** One managed node. Dates are epoch milliseconds. */
export interface FleetNode {
  instanceId: string;
  resourceType: SsmResourceType;
  /** The EC2 Name tag, or the hybrid node's SSM Name (hybrid nodes also carry it as a Name tag). */
  name: string;
  /** EC2 tags for EC2 nodes, SSM tags for hybrid nodes; insertion order is kept. */
  tags: Record<string, string>;
  pingStatus: PingStatus;
  lastPingAt: number;
  agentVersion: string;
  /** Linux only, as SSM reports it. */
  isLatestVersion?: boolean;
  platformType: PlatformType;
  platformName: string;
  platformVersion: string;
  ipAddress: string;
  computerName: string;
  associationStatus: AssociationStatus;
  associationCounts: Record<string, number>;
  lastAssociationAt?: number;
  lastSuccessfulAssociationAt?: number;
  /** Hybrid nodes only. */
  registrationDate?: number;
  /** Hybrid nodes only. */
  activationId?: string;
  iamRole?: string;
  sourceId: string;
  sourceType: SourceType;
  ec2?: Ec2Details;
}

export interface GenerateFleetOptions {
  /** Number of node records, stopped and terminated EC2 instances included (default 40). */
  nodes?: number;
  /** Same seed (number or string; 42 and '42' are the same) → same fleet. Default 1. */
  seed?: number | string;
  region?: string;
  /** The owning account's 12-digit id (default: one drawn from the seed). */
  accountId?: string;
  /** The clock the fleet's dates are relative to (default: Date.now()). */
  now?: number;
}

export const DEFAULT_FLEET_NODES = 40;
export const DEFAULT_FLEET_SEED = 1;
export const DEFAULT_REGION = 'us-east-1';
const MEMO_LIMIT = 256;

/** How often an online agent reports to SSM (its health ping). */
export const AGENT_PING_INTERVAL_MS = 5 * 60_000;

/**
 * When the node last pinged, as of `now`: an Online agent keeps pinging every {@link AGENT_PING_INTERVAL_MS} from
 * its recorded ping (so the value stays recent and advances in steps); other nodes stopped at their recorded ping.
 */
export function lastPingAsOf(node: FleetNode, now: number): number {
  if (node.pingStatus !== 'Online' || now <= node.lastPingAt) return node.lastPingAt;
  return node.lastPingAt + Math.floor((now - node.lastPingAt) / AGENT_PING_INTERVAL_MS) * AGENT_PING_INTERVAL_MS;
}

/** SSM never returns stopped or terminated EC2 instances. */
export function isManaged(node: FleetNode): boolean {
  return node.ec2 === undefined || (node.ec2.state !== 'stopped' && node.ec2.state !== 'terminated');
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class FleetModel {
  readonly seed: string;
  readonly region: string;
  readonly accountId: string;
  /** The clock value the generated dates are relative to. */
  readonly generatedAt: number;
  private readonly sorted: FleetNode[];
  private readonly byId = new Map<string, FleetNode>();
  private ver = 0;
  private readonly memos = new Map<string, unknown>();
  private memoVersion = 0;

  constructor(init: {seed: string; region: string; accountId: string; generatedAt: number; nodes: FleetNode[]}) {
    this.seed = init.seed;
    this.region = init.region;
    this.accountId = init.accountId;
    this.generatedAt = init.generatedAt;
    for (const node of init.nodes) {
      if (this.byId.has(node.instanceId)) throw new Error(`duplicate instance id ${node.instanceId}`);
      this.byId.set(node.instanceId, node);
    }
    // The default sort compares UTF-16 code units, the same order as compareIds, and is much faster
    // than a comparator at 50k ids.
    const ids = [...this.byId.keys()].sort();
    this.sorted = ids.map((id) => this.byId.get(id) as FleetNode);
  }

  /** Bumped by every mutation; views and caches key on it. */
  get version(): number {
    return this.ver;
  }

  get size(): number {
    return this.sorted.length;
  }

  /** Every node, sorted by instance id. */
  all(): readonly FleetNode[] {
    return this.sorted;
  }

  get(instanceId: string): FleetNode | undefined {
    return this.byId.get(instanceId);
  }

  /** The nodes DescribeInstanceInformation can return, sorted by instance id. */
  managed(): readonly FleetNode[] {
    return this.memo('managed', () => this.sorted.filter(isManaged));
  }

  /** Nodes EC2 knows (every state), sorted by instance id. */
  ec2Nodes(): readonly FleetNode[] {
    return this.memo('ec2', () => this.sorted.filter((n) => n.ec2 !== undefined));
  }

  hybridNodes(): readonly FleetNode[] {
    return this.memo('hybrid', () => this.sorted.filter((n) => n.ec2 === undefined));
  }

  /** Memoizes `compute` until the next mutation (bounded; used for filtered id lists). */
  memo<T>(key: string, compute: () => T): T {
    if (this.memoVersion !== this.ver) {
      this.memos.clear();
      this.memoVersion = this.ver;
    }
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    if (this.memos.size >= MEMO_LIMIT) {
      const oldest = this.memos.keys().next();
      if (oldest.done !== true) this.memos.delete(oldest.value);
    }
    this.memos.set(key, value);
    return value;
  }

  // ---- mutation helpers (tests and, later, the executor use these) ----

  /** Applies `change` to a node and invalidates every cached view. */
  update(instanceId: string, change: (node: FleetNode) => void): FleetNode {
    const node = this.byId.get(instanceId);
    if (node === undefined) throw new Error(`no node ${instanceId} in the local fleet`);
    change(node);
    if (node.instanceId !== instanceId) throw new Error('the instance id of a node cannot change');
    this.ver++;
    return node;
  }

  /** Adds a node (a hybrid registration), keeping the id order. */
  add(node: FleetNode): void {
    if (this.byId.has(node.instanceId)) throw new Error(`duplicate instance id ${node.instanceId}`);
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sorted[mid] as FleetNode).instanceId < node.instanceId) lo = mid + 1;
      else hi = mid;
    }
    this.sorted.splice(lo, 0, node);
    this.byId.set(node.instanceId, node);
    this.ver++;
  }

  /** Removes a node (a hybrid deregistration); returns it, or undefined when there is none. */
  remove(instanceId: string): FleetNode | undefined {
    const node = this.byId.get(instanceId);
    if (node === undefined) return undefined;
    this.byId.delete(instanceId);
    this.sorted.splice(this.sorted.indexOf(node), 1);
    this.ver++;
    return node;
  }

  setPingStatus(instanceId: string, status: PingStatus, at: number = Date.now()): FleetNode {
    return this.update(instanceId, (n) => {
      n.pingStatus = status;
      n.lastPingAt = at;
    });
  }

  setEc2State(instanceId: string, state: Ec2State): FleetNode {
    return this.update(instanceId, (n) => {
      if (n.ec2 === undefined) throw new Error(`${instanceId} is a hybrid node; it has no EC2 state`);
      n.ec2.state = state;
    });
  }

  setTag(instanceId: string, key: string, value: string): FleetNode {
    return this.update(instanceId, (n) => {
      n.tags[key] = value;
      if (key === 'Name') n.name = value;
    });
  }

  removeTag(instanceId: string, key: string): FleetNode {
    return this.update(instanceId, (n) => {
      delete n.tags[key];
      if (key === 'Name' && n.ec2 !== undefined) n.name = '';
    });
  }

  setAgentVersion(instanceId: string, version: string, isLatest?: boolean): FleetNode {
    return this.update(instanceId, (n) => {
      n.agentVersion = version;
      n.isLatestVersion = n.platformType === 'Linux' ? isLatest : undefined;
    });
  }

  /** The node whose Name is hostile text (see fleet-catalog HOSTILE_NAME). */
  hostileNode(): FleetNode | undefined {
    return this.memo('hostile', () => this.sorted.find((n) => n.name.includes('\u001b')));
  }

  toJSON(): {seed: string; region: string; accountId: string; nodes: readonly FleetNode[]} {
    return {seed: this.seed, region: this.region, accountId: this.accountId, nodes: this.sorted};
  }
}

/** Builds the fleet for a seed. Same options (and `now`) → an identical fleet. */
export function generateFleet(opts: GenerateFleetOptions = {}): FleetModel {
  const nodes = opts.nodes ?? DEFAULT_FLEET_NODES;
  if (!Number.isInteger(nodes) || nodes < 0) throw new Error(`nodes must be a non-negative integer, got ${String(nodes)}`);
  const seed = String(opts.seed ?? DEFAULT_FLEET_SEED);
  const region = opts.region ?? DEFAULT_REGION;
  const now = opts.now ?? Date.now();
  const generated = generateNodes({count: nodes, seed, region, now, ...(opts.accountId === undefined ? {} : {accountId: opts.accountId})});
  return new FleetModel({seed, region, accountId: generated.accountId, generatedAt: now, nodes: generated.nodes});
}
