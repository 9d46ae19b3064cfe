// The patch catalog through a baseline's eyes: DescribeEffectivePatchesForPatchBaseline (Windows baselines only: the
// updates the baseline approves, will approve, or names explicitly) and DescribeAvailablePatches (filters on the
// patch properties; without a PRODUCT filter the Windows updates, as Linux products must be named).
import {approvalOf, globMatches} from '../../../fleet/baselines/rules.js';
import type {PatchFilterKey} from '../../../fleet/baselines/baseline.js';
import {indexKey, paginate} from '../../protocol/list-paging.js';
import type {JsonOperation} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optInteger, optString, Violations, type JsonObject} from '../../protocol/validation.js';
import {epochSeconds} from '../../protocol/wire-json.js';
import {baselineOrThrow, readBaselineId, readOrchestratorFilters, storeOf} from './operations.js';
import {patchCatalog, type CatalogPatch} from './patch-facts.js';

function patchShape(p: CatalogPatch): JsonObject {
  const a = p.facts.attributes;
  const o: JsonObject = {
    Id: p.patchId, ReleaseDate: epochSeconds(p.facts.releaseTime), Title: p.facts.title, Description: p.facts.title, Vendor: p.vendor,
    Product: a.PRODUCT ?? '', Classification: a.CLASSIFICATION ?? '', Language: 'All',
  };
  if (a.PRODUCT_FAMILY !== undefined) Object.assign(o, {ProductFamily: a.PRODUCT_FAMILY, MsrcSeverity: a.MSRC_SEVERITY ?? 'Unspecified', KbNumber: p.kbNumber,
    ContentUrl: `https://support.microsoft.com/help/${p.kbNumber.slice(2)}`});
  if (a.SEVERITY !== undefined) o['Severity'] = a.SEVERITY;
  if (a.PRIORITY !== undefined) Object.assign(o, {Severity: a.PRIORITY, Classification: a.SECTION ?? ''});
  if (p.pkg !== undefined) {
    Object.assign(o, {Name: p.pkg.name, Epoch: Number(p.pkg.epoch), Version: p.pkg.version, Release: p.pkg.release, Arch: p.pkg.arch, Repository: p.pkg.repository});
  }
  if (p.cveIds !== '') o['CVEIds'] = p.cveIds.split(',');
  return o;
}

export const describeEffectivePatchesForPatchBaseline: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = readBaselineId(v, input);
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 100);
  v.throwIfAny();
  const b = baselineOrThrow(storeOf(ctx), id);
  if (b.rules.operatingSystem !== 'WINDOWS') {
    throw new ServiceError('UnsupportedOperatingSystem', `DescribeEffectivePatchesForPatchBaseline is supported for Windows patch baselines only; ${id} is for ${b.rules.operatingSystem}.`);
  }
  const now = ctx.now();
  const effective = patchCatalog(ctx.model)
    .filter((p) => p.facts.attributes.PRODUCT_FAMILY === 'Windows')
    .map((p) => ({p, approval: approvalOf(b.rules, p.facts, now)}))
    .filter(({approval}) => approval.status !== 'NOT_APPROVED')
    .map((e, i) => ({...e, key: indexKey(i)}));
  const scope = `ssm:DescribeEffectivePatchesForPatchBaseline:${b.baselineId}`;
  const page = paginate(effective, {ctx, scope, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 100, key: (e) => e.key});
  const out: JsonObject = {
    EffectivePatches: page.items.map(({p, approval}) => {
      const status: JsonObject = {DeploymentStatus: approval.status, ComplianceLevel: approval.complianceLevel};
      if (approval.approvalTime !== undefined) status['ApprovalDate'] = epochSeconds(approval.approvalTime);
      return {Patch: patchShape(p), PatchStatus: status};
    }),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

const ATTRIBUTE_KEYS: readonly PatchFilterKey[] = ['PATCH_SET', 'PRODUCT', 'PRODUCT_FAMILY', 'CLASSIFICATION', 'MSRC_SEVERITY', 'SEVERITY', 'PRIORITY', 'SECTION'];

function availableFilter(key: string, values: readonly string[]): (p: CatalogPatch) => boolean {
  const any = (value: string | undefined): boolean => values.some((x) => x === '*' || (value !== undefined && globMatches(x, value)));
  if ((ATTRIBUTE_KEYS as readonly string[]).includes(key)) return (p) => any(p.facts.attributes[key as PatchFilterKey]);
  switch (key) {
    case 'NAME':
      return (p) => any(p.pkg?.name);
    case 'ARCH':
      return (p) => any(p.pkg?.arch);
    case 'PATCH_ID':
      return (p) => any(p.patchId);
    case 'KB_NUMBER':
      return (p) => any(p.kbNumber);
    case 'CVE_ID':
      return (p) => p.cveIds.split(',').some((c) => any(c));
    default:
      throw new ServiceError('ValidationException', `The filter key ${key} is not valid for DescribeAvailablePatches.`);
  }
}

export const describeAvailablePatches: JsonOperation = (input, ctx) => {
  const v = new Violations();
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 100);
  const filters = readOrchestratorFilters(v, input);
  v.throwIfAny();
  const tests = filters.map(({key, values}) => availableFilter(key, values));
  const namesProduct = filters.some((f) => f.key === 'PRODUCT');
  const list = patchCatalog(ctx.model)
    .map((p, i) => ({p, key: indexKey(i)}))
    .filter(({p}) => (namesProduct || p.facts.attributes.PRODUCT_FAMILY === 'Windows') && tests.every((t) => t(p)));
  const scope = `ssm:DescribeAvailablePatches:${JSON.stringify(filters)}`;
  const page = paginate(list, {ctx, scope, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 100, key: (e) => e.key});
  const out: JsonObject = {Patches: page.items.map(({p}) => patchShape(p))};
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};
