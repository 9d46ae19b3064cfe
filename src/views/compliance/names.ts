// Instance names for views whose rows carry only an instance id (compliance, inventory matches, run results): looked
// up in the fleet the instances view loaded, then in the organisation's nodes (`:org`), which also name the nodes of
// accounts the dashboard has not connected. Each index is built once per load, on first use.
import type {ColumnContext, NamedNode} from '../view.js';

const indexes = new WeakMap<readonly NamedNode[], Map<string, string>>();

function nameIn(nodes: readonly NamedNode[] | undefined, id: string): string | undefined {
  if (!nodes) return undefined;
  let index = indexes.get(nodes);
  if (!index) indexes.set(nodes, (index = new Map(nodes.map((i) => [i.instanceId, i.name]))));
  return index.get(id);
}

export function instanceName(ctx: ColumnContext, id: string): string {
  return nameIn(ctx.fleet, id) || nameIn(ctx.orgNodes, id) || '';
}
