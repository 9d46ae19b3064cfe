// Acting on the organisation's nodes where they live: each chosen node's account and region gets its context first
// (the connected one there, or one assuming org.roleName), then the shell opens there or the Run Command form splits
// the run by those contexts, exactly as for a merged instances table.
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import {placeRows, rowPlace} from '../../fleet/contexts/row-place.js';
import {openRunForm} from '../../fleet/run-command/run-form.js';
import {errorText} from '../../fleet/sanitize.js';
import type {ActionContext} from '../view.js';
import {routesOf} from '../contexts/services.js';
import type {OrgRow} from './org-nodes-view.js';

/** The marked rows, else the one under the cursor. */
function chosen(ctx: ActionContext): {rows: OrgRow[]; marked: boolean} {
  const st = ctx.store.getState().tables['org-nodes'];
  if (!st) return {rows: [], marked: false};
  const marked = (st.rows as readonly OrgRow[]).filter((n) => st.marks.has(n.instanceId));
  if (marked.length) return {rows: marked, marked: true};
  const cursor = st.visible[st.cursor] as OrgRow | undefined;
  return {rows: cursor ? [cursor] : [], marked: false};
}

/**
 * Makes (or finds) the context of every chosen node's account and region and places the rows there. Resolves with
 * false after saying why when one cannot be reached (no role configured, the role refused).
 */
async function reach(ctx: ActionContext, rows: readonly OrgRow[]): Promise<boolean> {
  const routes = routesOf(ctx.services);
  const flash = ctx.store.getState().setFlash;
  if (routes?.assume === undefined) {
    flash({text: 'acting on the organisation\'s nodes needs the dashboard\'s contexts', tone: 'warn'});
    return false;
  }
  const places = new Map<string, Promise<string>>();
  for (const r of rows) {
    const key = `${r.accountId}\u0000${r.region}`;
    if (!places.has(key)) places.set(key, routes.assume(r.accountId, r.region));
  }
  try {
    for (const r of rows) {
      const context = await places.get(`${r.accountId}\u0000${r.region}`);
      const place = rowPlace(r);
      if (context !== undefined && place && place.context !== context) placeRows([r], {...place, context});
    }
    return true;
  } catch (e) {
    flash({text: errorText(e), tone: 'error'});
    return false;
  }
}

export async function shellOnOrgNodes(ctx: ActionContext): Promise<void> {
  const {rows} = chosen(ctx);
  const shells = ctx.services.shells;
  if (!shells) return ctx.store.getState().setFlash({text: 'shells are not available here', tone: 'warn'});
  if (rows.length === 0 || !(await reach(ctx, rows))) return;
  // The launcher finds each node's clients through this table's placed rows.
  shells.open(rows.map((n) => ({instanceId: n.instanceId, name: n.name})));
}

/** A node as the Run Command form takes it (what ListNodes says of it; no tags). */
function asInstance(n: OrgRow): ManagedInstance {
  return {
    instanceId: n.instanceId, name: n.name, pingStatus: n.pingStatus, platformType: n.platformType, platformName: n.platformName,
    platformVersion: n.platformVersion, agentVersion: n.agentVersion, ipAddress: n.ipAddress, computerName: n.computerName,
    resourceType: n.resourceType, associationStatus: '', iamRole: '', activationId: '', sourceId: '', sourceType: '', tags: {},
    ...(n.capturedAt === undefined ? {} : {lastPingAt: n.capturedAt}),
  };
}

export async function runOnOrgNodes(ctx: ActionContext): Promise<void> {
  const {rows, marked} = chosen(ctx);
  if (rows.length === 0 || !(await reach(ctx, rows))) return;
  const targets = rows.map((n) => {
    const t = asInstance(n);
    const place = rowPlace(n);
    if (place) placeRows([t], place);
    return t;
  });
  ctx.store.getState().setRunForm(openRunForm(targets, {}, {kind: marked ? 'marked' : 'cursor'}));
}
