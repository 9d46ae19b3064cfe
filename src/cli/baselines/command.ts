// `fleetdeck baselines ls|show`: Patch Manager's baselines without the UI — the list with their rules in short, and
// one baseline in full with the instances that use it (through a patch group or as the default) and their patch
// state counts.
import type {AwsClients} from '../../aws/clients.js';
import {BaselineError, type BaselineDetail, type BaselinesApi} from '../../fleet/baselines/port.js';
import {rulesSummary, ruleSummary} from '../../fleet/baselines/summary.js';
import {loadUsage} from '../../fleet/baselines/usage.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {formatJson, formatTable} from '../headless-output.js';
import type {ResourceCommandContext} from '../resources.js';
import {UsageError} from '../usage-error.js';

const iso = (ms: number) => (ms ? new Date(ms).toISOString() : '');
const str = (ctx: ResourceCommandContext, k: string) => (typeof ctx.flags[k] === 'string' ? (ctx.flags[k] as string) : undefined);

type Verb = (ctx: ResourceCommandContext, connect: () => Promise<{aws: AwsClients; api: BaselinesApi}>) => Promise<number>;

const ls: Verb = async (ctx, connect) => {
  if (ctx.args.length) throw new UsageError('usage: fleetdeck baselines ls [--filter os:windows|NAME]');
  const filter = str(ctx, 'filter')?.trim().toLowerCase() ?? '';
  const {api} = await connect();
  const [list, groups] = await Promise.all([api.list(), api.patchGroups()]);
  const wanted = list.filter((b) => !filter || (filter.startsWith('os:') ? b.operatingSystem.toLowerCase() === filter.slice(3)
    : `${b.name}\n${b.baselineId}`.toLowerCase().includes(filter)));
  const details = await Promise.all(wanted.map((b) => api.get(b.baselineId)));
  const groupsOf = (id: string) => groups.filter((g) => g.baseline.baselineId === id).map((g) => g.patchGroup).sort();
  if (ctx.output === 'json') {
    ctx.stdout.write(formatJson(details.map((d) => ({BaselineId: d.baselineId, BaselineName: d.name, OperatingSystem: d.operatingSystem,
      DefaultBaseline: d.defaultBaseline, ApprovalRules: rulesSummary(d.rules), ApprovedPatches: d.rules.approvedPatches,
      RejectedPatches: d.rules.rejectedPatches, PatchGroups: groupsOf(d.baselineId)}))));
  } else {
    ctx.stdout.write(formatTable(['NAME', 'OS', 'DEFAULT', 'APPROVAL RULES', 'APPROVED', 'REJECTED', 'PATCH GROUPS', 'ID'], details.map((d) => [
      d.name, d.operatingSystem, d.defaultBaseline ? '*' : '', rulesSummary(d.rules), String(d.rules.approvedPatches.length),
      String(d.rules.rejectedPatches.length), groupsOf(d.baselineId).join(','), d.baselineId])));
  }
  return 0;
};

/** A baseline by id, else by its exact name (an ambiguous name is an error that lists the ids). */
async function find(api: BaselinesApi, ref: string): Promise<BaselineDetail> {
  if (/^(pb-|arn:)/.test(ref)) return api.get(ref);
  const matches = (await api.list([{key: 'NAME_PREFIX', values: [ref]}])).filter((b) => b.name === ref);
  if (matches.length === 0) throw new BaselineError('not-found', `no patch baseline named "${ref}"`);
  if (matches.length > 1) throw new BaselineError('invalid', `"${ref}" names ${matches.length} baselines: ${matches.map((b) => b.baselineId).join(', ')}`);
  return api.get((matches[0] as {baselineId: string}).baselineId);
}

const show: Verb = async (ctx, connect) => {
  if (ctx.args.length !== 1) throw new UsageError('usage: fleetdeck baselines show NAME|ID');
  const {aws, api} = await connect();
  const b = await find(api, ctx.args[0] ?? '');
  const [{FleetLoader}, {complianceApi}] = await Promise.all([import('../../aws/instances/fleet-loader.js'), import('../../aws/compliance/compliance-api.js')]);
  const fleet = b.defaultBaseline ? await new FleetLoader(aws).load() : [];
  const usage = await loadUsage(complianceApi(aws).patchStates, api, b, fleet);
  const r = b.rules;
  if (ctx.output === 'json') {
    ctx.stdout.write(formatJson({BaselineId: b.baselineId, Name: b.name, OperatingSystem: b.operatingSystem, DefaultBaseline: b.defaultBaseline,
      Description: b.description, PatchGroups: b.patchGroups, CreatedDate: iso(b.createdTime), ModifiedDate: iso(b.modifiedTime),
      ApprovalRules: r.rules.map((rule) => ({Summary: ruleSummary(rule), ComplianceLevel: rule.complianceLevel, EnableNonSecurity: rule.enableNonSecurity,
        PatchFilters: rule.filters.map((f) => ({Key: f.key, Values: f.values})),
        ...(rule.approveAfterDays === undefined ? {} : {ApproveAfterDays: rule.approveAfterDays}),
        ...(rule.approveUntilDate === undefined ? {} : {ApproveUntilDate: rule.approveUntilDate})})),
      GlobalFilters: r.globalFilters.map((f) => ({Key: f.key, Values: f.values})),
      ApprovedPatches: r.approvedPatches, ApprovedPatchesComplianceLevel: r.approvedPatchesComplianceLevel,
      RejectedPatches: r.rejectedPatches, RejectedPatchesAction: r.rejectedPatchesAction,
      Instances: usage.instances.map((i) => ({InstanceId: i.instanceId, PatchGroup: i.patchGroup, Reported: i.reported, InstalledCount: i.installed,
        MissingCount: i.missing, FailedCount: i.failed, InstalledPendingRebootCount: i.pendingReboot, Operation: i.operation,
        OperationEndTime: iso(i.operationEndTime)})),
      Totals: usage.totals}));
    return 0;
  }
  const t = usage.totals;
  const info: [string, string][] = [
    ['Name', b.name], ['Id', b.baselineId], ['Operating system', b.operatingSystem], ['Default', b.defaultBaseline ? 'yes' : 'no'],
    ['Description', b.description.replace(/\s+/g, ' ')], ['Patch groups', b.patchGroups.join(', ')],
    ...r.rules.map((rule, n): [string, string] => [`Rule ${n + 1}`, `${ruleSummary(rule)} (${rule.complianceLevel})`]),
    ['Approved', r.approvedPatches.join(', ')], ['Rejected', r.rejectedPatches.join(', ')], ['Rejected action', r.rejectedPatchesAction],
    ['Instances', `${t.instances}: ${t.withMissing} with missing, ${t.withFailed} failed, ${t.withPendingReboot} pending reboot`],
  ];
  // Fields whole (a rule or a list is longer than a table cell), each sanitized; then the instances as a table.
  ctx.stdout.write(info.filter(([, v]) => v !== '').map(([k, v]) => `${k.padEnd(18)}${sanitizeText(v)}\n`).join(''));
  ctx.stdout.write(`\n${formatTable(['INSTANCE', 'VIA', 'INSTALLED', 'MISSING', 'FAILED', 'PENDING REBOOT', 'OPERATION', 'ENDED'],
    usage.instances.map((i) => [i.instanceId, i.patchGroup || '(default)', ...(i.reported
      ? [String(i.installed), String(i.missing), String(i.failed), String(i.pendingReboot), i.operation, iso(i.operationEndTime)]
      : ['', '', '', '', 'never scanned', ''])]), 2)}`);
  return 0;
};

const VERBS: Readonly<Record<string, Verb>> = {ls, show};

export async function run(ctx: ResourceCommandContext): Promise<number> {
  const verb = VERBS[ctx.verb];
  if (!verb) throw new UsageError(`fleetdeck baselines has no verb "${ctx.verb}"`);
  const connect = async () => {
    const aws = await ctx.connect();
    const {baselinesApi} = await import('../../aws/baselines/baselines-api.js');
    return {aws, api: baselinesApi(aws)};
  };
  try {
    return await verb(ctx, connect);
  } catch (e) {
    if (!(e instanceof BaselineError)) throw e;
    ctx.stderr.write(`fleetdeck: ${e.message}\n`);
    return e.kind === 'invalid' ? 2 : 1;
  }
}
