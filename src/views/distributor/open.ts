// Opening a package (its versions, the default version's platforms, and how many instances have each version, from
// inventory AWS:Application), installing or uninstalling it through the Run Command form prefilled with
// AWS-ConfigureAWSPackage (the form's confirmation, rate control, results and audit), and the instances that have it.
import {
  CONFIGURE_PACKAGE_DOCUMENT, configurePackageParameters, configurePackageProblems, inventoryNameOf,
  type DistributorPackage, type PackageAction, type PackageVersion,
} from '../../fleet/distributor/package.js';
import {describeQuery, type AggregateCount, type InventoryFilter} from '../../fleet/inventory/inventory.js';
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import {openRunForm} from '../../fleet/run-command/run-form.js';
import {initTable} from '../../fleet/table-model.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {load, loaded} from '../pane-loads.js';
import type {ActionContext} from '../view.js';
import {readOnlyReason} from '../compliance/remediate.js';
import {RESOURCE_ID} from './services.js';

export interface PackagePage {
  readonly pkg: DistributorPackage;
  readonly versions: readonly PackageVersion[];
  /** The default version's platforms → architectures, as its manifest lists them. */
  readonly platforms: readonly string[];
  /** Instances per installed version (inventory); undefined when inventory could not be read. */
  readonly installed: readonly AggregateCount[] | undefined;
}

export const detailKey = (name: string) => `distributor:${name}`;

/** The AWS:Application names the package shows under (Amazon's agents are named differently on Linux and Windows). */
export function inventoryNames(name: string): string[] {
  return [...new Set([inventoryNameOf(name, 'Linux'), inventoryNameOf(name, 'Windows')])];
}

const nameFilter = (name: string): InventoryFilter => ({Key: 'AWS:Application.Name', Values: inventoryNames(name), Type: 'Equal'});

export function loadPackage(ctx: ActionContext, pkg: DistributorPackage): void {
  const api = ctx.services.distributor;
  if (!api) return;
  const inventory = ctx.services.inventory;
  void load<PackagePage>(ctx.store, RESOURCE_ID, detailKey(pkg.name), async () => {
    const [versions, manifest, installed] = await Promise.all([
      api.versions(pkg.name),
      api.manifest(pkg.name).catch(() => undefined),
      inventory ? inventory.count('AWS:Application.Name', {nested: 'Version', filters: [nameFilter(pkg.name)]}).catch(() => undefined) : Promise.resolve(undefined),
    ]);
    const platforms = Object.entries(manifest?.packages ?? {}).map(([platform, byVersion]) =>
      `${platform} (${[...new Set(Object.values(byVersion).flatMap((arch) => Object.keys(arch)))].join(', ')})`);
    return {pkg, versions, platforms, installed};
  });
}

export function shownPackage(ctx: ActionContext, name: string | undefined): PackagePage | undefined {
  const e = name ? loaded<PackagePage>(ctx.store, detailKey(name)) : undefined;
  return e?.state === 'ok' ? e.value : undefined;
}

export function openPackage(ctx: ActionContext, pkg: DistributorPackage): void {
  ctx.store.getState().push({view: 'distributor-package', arg: pkg.name, scroll: 0});
  loadPackage(ctx, pkg);
}

/** The inventory's instances with the package (`:inventory Name=…` as a screen). */
export function openWhoHasIt(ctx: ActionContext, name: string): void {
  ctx.store.getState().updateTable('inventory-instances', () => initTable('instance'));
  ctx.store.getState().push({view: 'inventory-instances', arg: describeQuery([nameFilter(name)])});
}

/**
 * The Run Command form with AWS-ConfigureAWSPackage and the package's parameters, on the marked instances; with none
 * marked the form opens on its targets field, for a target expression (tag:Env=prod, i-…).
 */
export function configurePackage(ctx: ActionContext, name: string, action: PackageAction, version?: string): void {
  const s = ctx.store.getState();
  const refusal = readOnlyReason(ctx);
  if (refusal) return s.setFlash({text: refusal, tone: 'warn'});
  const req = {action, name, ...(version ? {version} : {})};
  const problems = configurePackageProblems(req);
  if (problems.length) return s.setFlash({text: sanitizeText(problems.join(' ')), tone: 'warn'});
  const parameters = Object.fromEntries(Object.entries(configurePackageParameters(req)).map(([k, v]) => [k, v.join('\n')]));
  const st = s.tables.instances;
  const marked = (st?.rows as readonly ManagedInstance[] | undefined ?? []).filter((i) => st?.marks.has(i.instanceId));
  const form = openRunForm(marked, {document: CONFIGURE_PACKAGE_DOCUMENT, parameters, comment: `${action} ${name}${version ? ` ${version}` : ''}`},
    marked.length ? {kind: 'marked'} : {kind: 'chosen'});
  s.setRunForm(marked.length ? form : {...form, focus: 'targets'});
  if (!marked.length) s.setFlash({text: 'no instances marked: type a target expression (tag:Env=prod, i-…) in the form', tone: 'info'});
}

/** Install with a version from the prompt line (empty: the default version). */
export function askInstall(ctx: ActionContext, page: PackagePage): void {
  const s = ctx.store.getState();
  const refusal = readOnlyReason(ctx);
  if (refusal) return s.setFlash({text: refusal, tone: 'warn'});
  s.setFlash({text: `version: ${page.versions.map((v) => v.version).join(', ') || '—'}; empty installs the default (${page.pkg.defaultVersion})`, tone: 'info'});
  s.setPrompt({kind: 'search', text: '', before: '', onSubmit: (typed) => configurePackage(ctx, page.pkg.name, 'Install', typed.trim() || undefined)});
}
