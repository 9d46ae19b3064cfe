// The contexts a run is connected to, each with its SDK clients, request budget and health, and which of them the
// merged views show now. Views read infos() (the meters move every second: read them on your own cadence);
// subscribe() says when a credential state, an account id or the set in view changed.
import type {ContextInfo, ContextSpec} from '../../fleet/contexts/context.js';
import type {AwsClients} from '../clients.js';
import type {ContextHealth} from './context-health.js';
import type {RequestBudget} from './request-budget.js';

/** One connected context: what the views fetch with (aws) and how (budget.background for polls). */
export interface Context {
  spec: ContextSpec;
  aws: AwsClients;
  budget: RequestBudget;
}

export interface ContextEntry extends Context {
  health: ContextHealth;
}

export class ContextSet {
  private readonly entries: readonly ContextEntry[];
  private readonly groups: Readonly<Record<string, readonly string[]>>;
  private visible: Set<string>;
  private readonly listeners = new Set<() => void>();
  private closed = false;

  /** `groups`: the config's groups, as names of contexts in this set (members not connected are left out). */
  constructor(entries: readonly ContextEntry[], groups: Readonly<Record<string, readonly string[]>> = {}) {
    if (entries.length === 0) throw new Error('a context set needs at least one context');
    this.entries = entries;
    const names = new Set(entries.map((e) => e.spec.name));
    if (names.size !== entries.length) throw new Error('context names must be unique');
    this.groups = Object.fromEntries(Object.entries(groups)
      .map(([g, members]) => [g, members.filter((m) => names.has(m))] as const)
      .filter(([, members]) => members.length > 0));
    this.visible = names;
    for (const e of entries) e.health.subscribe(() => this.emit());
  }

  /** Every context, in the order they were given (the first is the Connection's `aws`). */
  all(): readonly Context[] {
    return this.entries;
  }

  get(name: string): Context | undefined {
    return this.entries.find((e) => e.spec.name === name);
  }

  get size(): number {
    return this.entries.length;
  }

  infos(): ContextInfo[] {
    return this.entries.map((e) => this.infoOf(e));
  }

  info(name: string): ContextInfo | undefined {
    const e = this.entries.find((x) => x.spec.name === name);
    return e ? this.infoOf(e) : undefined;
  }

  /** Group names (from the config) that have a member here. */
  groupNames(): string[] {
    return Object.keys(this.groups);
  }

  groupMembers(name: string): readonly string[] | undefined {
    return Object.hasOwn(this.groups, name) ? this.groups[name] : undefined;
  }

  /** The contexts the merged views show, in set order. */
  inView(): Context[] {
    return this.entries.filter((e) => this.visible.has(e.spec.name));
  }

  isInView(name: string): boolean {
    return this.visible.has(name);
  }

  /** Shows exactly these contexts. Unknown names are an error; an empty list is refused (false). */
  setInView(names: readonly string[]): boolean {
    for (const n of names) if (!this.get(n)) throw new Error(`unknown context "${n}"`);
    if (names.length === 0) return false;
    this.replaceVisible(new Set(names));
    return true;
  }

  /** In view ↔ out of view; the last context in view stays (false). */
  toggle(name: string): boolean {
    if (!this.get(name)) throw new Error(`unknown context "${name}"`);
    const next = new Set(this.visible);
    if (next.has(name)) {
      if (next.size === 1) return false;
      next.delete(name);
    } else next.add(name);
    this.replaceVisible(next);
    return true;
  }

  /** Only this context in view. */
  only(name: string): boolean {
    return this.setInView([name]);
  }

  /** Only the group's contexts in view; false when the group has none here. */
  group(name: string): boolean {
    const members = this.groupMembers(name);
    return members !== undefined && this.setInView(members);
  }

  /** Every context in view. */
  showAll(): void {
    this.replaceVisible(new Set(this.entries.map((e) => e.spec.name)));
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Checks the credentials again (all contexts, or one) with a fresh credential chain; resolves when done. */
  async recheck(name?: string): Promise<void> {
    const targets = name === undefined ? this.entries : this.entries.filter((e) => e.spec.name === name);
    if (name !== undefined && targets.length === 0) throw new Error(`unknown context "${name}"`);
    await Promise.all(targets.map((e) => e.health.recheck()));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    for (const e of this.entries) {
      e.health.close();
      e.budget.close();
      e.aws.destroy();
    }
  }

  private infoOf(e: ContextEntry): ContextInfo {
    const accountId = e.health.accountId ?? e.aws.target.accountId;
    return {
      spec: e.spec,
      ...(accountId !== undefined ? {accountId} : {}),
      credentials: e.health.state,
      ...e.budget.meter(),
      maxInFlight: e.budget.maxConcurrent,
      queued: e.budget.queued(),
      inView: this.visible.has(e.spec.name),
    };
  }

  private replaceVisible(next: Set<string>): void {
    const same = next.size === this.visible.size && [...next].every((n) => this.visible.has(n));
    this.visible = next;
    if (!same) this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
