// The local fleet's patch baselines, default baselines per operating system and patch group registrations: one
// store per fleet, seeded with AWS's predefined baselines and two custom ones the seeded nodes' patch groups use.
import type {BaselineRules, OperatingSystem} from '../../../fleet/baselines/baseline.js';
import type {FleetModel, FleetNode} from '../../model/fleet-model.js';
import {perModel, type PerModel} from '../../model/per-model.js';
import {Prng} from '../../model/prng.js';
import {PREDEFINED_BASELINES, predefinedBaselineArn} from './predefined.js';

const DAY = 86_400_000;

export interface StoredBaseline {
  readonly baselineId: string;
  name: string;
  description: string;
  readonly owner: 'AWS' | 'Self';
  rules: BaselineRules;
  /** Alternative repositories, kept as sent (the local fleet does not use them). */
  sources: unknown[];
  availableSecurityUpdatesComplianceStatus: string | undefined;
  readonly createdTime: number;
  modifiedTime: number;
}

/** The operating system Patch Manager files a node under. */
export function nodeOperatingSystem(node: FleetNode): OperatingSystem {
  if (node.platformType === 'Windows') return 'WINDOWS';
  if (node.platformName === 'Ubuntu') return 'UBUNTU';
  if (node.platformName.startsWith('Red Hat')) return 'REDHAT_ENTERPRISE_LINUX';
  return node.platformVersion === '2' ? 'AMAZON_LINUX_2' : 'AMAZON_LINUX_2023';
}

/** The node's patch group: its `Patch Group` tag, else its `PatchGroup` tag (keys are case-sensitive). */
export function nodePatchGroup(node: FleetNode): string {
  return node.tags['Patch Group'] ?? node.tags['PatchGroup'] ?? '';
}

const byName = (a: StoredBaseline, b: StoredBaseline): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.baselineId < b.baselineId ? -1 : 1);

export class BaselineStore {
  private readonly byId = new Map<string, StoredBaseline>();
  private readonly defaults = new Map<OperatingSystem, string>();
  /** patch group → operating system → baseline id. */
  private readonly groups = new Map<string, Map<OperatingSystem, string>>();
  /** CreatePatchBaseline ClientToken → the baseline it created. */
  readonly clientTokens = new Map<string, string>();

  constructor(model: FleetModel) {
    const created = model.generatedAt - 400 * DAY;
    for (const p of PREDEFINED_BASELINES) {
      const b = this.add({
        baselineId: predefinedBaselineArn(model.region, p.name), name: p.name, description: p.description, owner: 'AWS', rules: p.rules,
        sources: [], availableSecurityUpdatesComplianceStatus: undefined, createdTime: created, modifiedTime: created,
      });
      if (p.isDefault) this.defaults.set(p.rules.operatingSystem, b.baselineId);
    }
    const rng = new Prng(`${model.seed}:baselines`);
    const custom = (name: string, description: string, rules: BaselineRules): StoredBaseline => this.add({
      baselineId: `pb-0${rng.hex(16)}`, name, description, owner: 'Self', rules, sources: [], availableSecurityUpdatesComplianceStatus: undefined,
      createdTime: model.generatedAt - 90 * DAY, modifiedTime: model.generatedAt - 20 * DAY,
    });
    const common = {globalFilters: [], approvedPatches: [], approvedPatchesComplianceLevel: 'UNSPECIFIED', approvedPatchesEnableNonSecurity: false, rejectedPatches: [], rejectedPatchesAction: 'ALLOW_AS_DEPENDENCY'} as const;
    const linux = custom('linux-security-critical', 'Security updates (Critical, Important) approved after 7 days; the fleet default for AL2023.', {
      ...common, operatingSystem: 'AMAZON_LINUX_2023',
      rules: [{filters: [{key: 'PRODUCT', values: ['*']}, {key: 'CLASSIFICATION', values: ['Security']}, {key: 'SEVERITY', values: ['Critical', 'Important']}], complianceLevel: 'CRITICAL', approveAfterDays: 7, enableNonSecurity: false}],
    });
    const windows = custom('windows-prod-monthly', 'Windows security and critical updates for production, approved after 14 days.', {
      ...common, operatingSystem: 'WINDOWS',
      rules: [{filters: [{key: 'CLASSIFICATION', values: ['SecurityUpdates', 'CriticalUpdates']}], complianceLevel: 'HIGH', approveAfterDays: 14, enableNonSecurity: false}],
    });
    this.setDefault(linux);
    for (const group of ['linux-prod', 'linux-staging', 'linux-dev']) this.register(group, linux);
    this.register('windows-prod', windows);
    this.seeded = {defaults: new Map(this.defaults), groups: new Map([...this.groups].map(([g, byOs]) => [g, new Map(byOs)]))};
  }

  /** The defaults and registrations the fleet started with: what nodes' generated (pre-existing) scans used. */
  private readonly seeded: {defaults: ReadonlyMap<OperatingSystem, string>; groups: ReadonlyMap<string, ReadonlyMap<OperatingSystem, string>>};

  /** The baseline id the node's generated scan reported: its effective baseline as the fleet was seeded. */
  seededBaselineIdFor(node: FleetNode): string {
    const os = nodeOperatingSystem(node);
    return this.seeded.groups.get(nodePatchGroup(node))?.get(os) ?? this.seeded.defaults.get(os) ?? '';
  }

  add(b: StoredBaseline): StoredBaseline {
    this.byId.set(b.baselineId, b);
    return b;
  }

  /** A custom baseline by its id or ARN, an AWS one by its full ARN. */
  get(id: string): StoredBaseline | undefined {
    const direct = this.byId.get(id);
    if (direct !== undefined) return direct;
    const m = /^arn:aws:ssm:[^:]+:[^:]*:patchbaseline\/(pb-[0-9a-f]+)$/.exec(id);
    const own = m?.[1] === undefined ? undefined : this.byId.get(m[1]);
    return own?.owner === 'Self' ? own : undefined;
  }

  delete(id: string): void {
    this.byId.delete(id);
  }

  /** Sorted by name. */
  all(): StoredBaseline[] {
    return [...this.byId.values()].sort(byName);
  }

  defaultFor(os: OperatingSystem): StoredBaseline {
    return this.byId.get(this.defaults.get(os) ?? '') as StoredBaseline;
  }

  isDefault(b: StoredBaseline): boolean {
    return this.defaults.get(b.rules.operatingSystem) === b.baselineId;
  }

  setDefault(b: StoredBaseline): void {
    this.defaults.set(b.rules.operatingSystem, b.baselineId);
  }

  /** The groups the baseline is registered with, sorted. */
  groupsOf(b: StoredBaseline): string[] {
    return [...this.groups].filter(([, byOs]) => byOs.get(b.rules.operatingSystem) === b.baselineId).map(([g]) => g).sort();
  }

  registered(group: string, os: OperatingSystem): StoredBaseline | undefined {
    const id = this.groups.get(group)?.get(os);
    return id === undefined ? undefined : this.byId.get(id);
  }

  register(group: string, b: StoredBaseline): void {
    let byOs = this.groups.get(group);
    if (byOs === undefined) this.groups.set(group, (byOs = new Map()));
    byOs.set(b.rules.operatingSystem, b.baselineId);
  }

  deregister(group: string, b: StoredBaseline): void {
    const byOs = this.groups.get(group);
    byOs?.delete(b.rules.operatingSystem);
    if (byOs?.size === 0) this.groups.delete(group);
  }

  /** Every registration, sorted by group then baseline name. */
  mappings(): {patchGroup: string; baseline: StoredBaseline}[] {
    const out: {patchGroup: string; baseline: StoredBaseline}[] = [];
    for (const [patchGroup, byOs] of this.groups) {
      for (const id of byOs.values()) {
        const baseline = this.byId.get(id);
        if (baseline !== undefined) out.push({patchGroup, baseline});
      }
    }
    return out.sort((a, b) => (a.patchGroup < b.patchGroup ? -1 : a.patchGroup > b.patchGroup ? 1 : byName(a.baseline, b.baseline)));
  }

  /** The baseline a patch group's nodes of an operating system use: the registered one, else the default. */
  forGroup(group: string, os: OperatingSystem): StoredBaseline {
    return (group === '' ? undefined : this.registered(group, os)) ?? this.defaultFor(os);
  }

  /** The node's effective baseline (its patch group's for its operating system, else the default). */
  effectiveFor(node: FleetNode): StoredBaseline {
    return this.forGroup(nodePatchGroup(node), nodeOperatingSystem(node));
  }
}

export const baselineStoreFor: PerModel<BaselineStore> = perModel((model) => new BaselineStore(model));
