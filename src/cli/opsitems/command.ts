// `fleetdeck opsitems ls|show|resolve`: OpsCenter without the UI — open issues by status, severity and source, one
// in full (operational data, related resources, runbooks), and resolving one (audited; read-only refuses).
import {appendAudit} from '../../audit.js';
import {OPS_ITEM_STATUSES, RESOURCES_KEY, type OpsItemFilter} from '../../fleet/opsitems/opsitem.js';
import type {OpsItemsPort} from '../../fleet/opsitems/port.js';
import {formatJson, formatTable} from '../headless-output.js';
import type {ResourceCommandContext} from '../resources.js';
import {auditIdentity, booleanFlag, positional, runVerb, stringFlag, type Verb} from '../resource-verbs.js';
import {UsageError} from '../usage-error.js';
import {sanitizeMultiline} from '../../fleet/sanitize.js';

const iso = (ms: number) => new Date(ms).toISOString();

const ls: Verb<OpsItemsPort> = async (ctx, api) => {
  positional(ctx, 0, 0, '[--status S] [--all]', 'opsitems');
  const status = stringFlag(ctx, 'status');
  if (status !== undefined && !(OPS_ITEM_STATUSES as readonly string[]).includes(status)) {
    throw new UsageError(`--status must be one of ${OPS_ITEM_STATUSES.join(', ')} (got "${status}")`);
  }
  // Like the console: open work (Open, In progress) unless asked for everything.
  const filters: OpsItemFilter[] = status !== undefined ? [{key: 'Status', values: [status], operator: 'Equal'}]
    : booleanFlag(ctx, 'all') ? [] : [{key: 'Status', values: ['Open', 'InProgress'], operator: 'Equal'}];
  const rows = await (await api()).port.list(filters);
  if (ctx.output === 'json') {
    ctx.stdout.write(formatJson(rows.map((o) => ({OpsItemId: o.opsItemId, Title: o.title, Status: o.status, Severity: o.severity ?? '',
      Priority: o.priority ?? null, Category: o.category ?? '', Source: o.source, LastModifiedTime: iso(o.lastModifiedTime)}))));
  } else {
    ctx.stdout.write(formatTable(['ID', 'STATUS', 'SEV', 'PRI', 'CATEGORY', 'SOURCE', 'TITLE', 'MODIFIED'], rows.map((o) => [
      o.opsItemId, o.status, o.severity ?? '', o.priority === undefined ? '' : String(o.priority), o.category ?? '', o.source,
      o.title, iso(o.lastModifiedTime)])));
  }
  return 0;
};

const show: Verb<OpsItemsPort> = async (ctx, api) => {
  const [id = ''] = positional(ctx, 1, 1, 'OPSITEM-ID', 'opsitems');
  const o = await (await api()).port.get(id);
  if (ctx.output === 'json') {
    ctx.stdout.write(formatJson({OpsItemId: o.opsItemId, Title: o.title, Description: o.description, Status: o.status, Source: o.source,
      Severity: o.severity ?? '', Priority: o.priority ?? null, Category: o.category ?? '', CreatedTime: iso(o.createdTime),
      LastModifiedTime: iso(o.lastModifiedTime), OperationalData: Object.fromEntries(Object.entries(o.operationalData)
        .map(([k, v]) => [k, {Value: v.value, Type: v.type}])), RelatedOpsItems: o.relatedOpsItems}));
    return 0;
  }
  const data = Object.entries(o.operationalData).map(([k, v]): [string, string] => [k, v.value.replace(/\s+/g, ' ')]);
  ctx.stdout.write(formatTable(['FIELD', 'VALUE'], [
    ['OpsItem', o.opsItemId], ['Title', o.title], ['Status', o.status], ['Severity', o.severity ?? ''],
    ['Priority', o.priority === undefined ? '' : String(o.priority)], ['Category', o.category ?? ''], ['Source', o.source],
    ['Created', `${iso(o.createdTime)}${o.createdBy ? ` by ${o.createdBy}` : ''}`], ['Modified', iso(o.lastModifiedTime)],
    ...data.filter(([k]) => k !== RESOURCES_KEY), ...(o.operationalData[RESOURCES_KEY] ? [['Related resources', o.operationalData[RESOURCES_KEY].value] as [string, string]] : []),
  ].filter(([, v]) => v !== '')));
  ctx.stdout.write(`\n${sanitizeMultiline(o.description)}\n`);
  return 0;
};

const resolve: Verb<OpsItemsPort> = async (ctx, api) => {
  const ids = positional(ctx, 1, 50, 'OPSITEM-ID [OPSITEM-ID…]', 'opsitems');
  const {port, aws} = await api();
  for (const id of ids) {
    await port.update(id, {status: 'Resolved'});
    appendAudit({action: 'UpdateOpsItem', identity: auditIdentity(aws), opsItemId: id, status: 'Resolved', via: 'headless'});
    if (ctx.output !== 'json') ctx.stdout.write(`resolved ${id}\n`);
  }
  if (ctx.output === 'json') ctx.stdout.write(formatJson({Resolved: ids}));
  return 0;
};

export function run(ctx: ResourceCommandContext): Promise<number> {
  return runVerb(ctx, 'opsitems', {ls, show, resolve}, async (aws) => (await import('../../aws/opsitems/opsitems-api.js')).opsItemsApi(aws));
}
