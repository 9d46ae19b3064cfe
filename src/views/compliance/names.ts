// Instance names for views whose rows carry only an instance id (compliance, inventory matches): looked up in the
// fleet the instances view loaded. The index is built once per fleet load, on first use.
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import type {ColumnContext} from '../view.js';

const indexes = new WeakMap<readonly ManagedInstance[], Map<string, string>>();

export function instanceName(ctx: ColumnContext, id: string): string {
  const fleet = ctx.fleet;
  if (!fleet) return '';
  let index = indexes.get(fleet);
  if (!index) indexes.set(fleet, (index = new Map(fleet.map((i) => [i.instanceId, i.name]))));
  return index.get(id) ?? '';
}
