// Which managed instances an association's targets name, as State Manager resolves them: instance ids (`*` is every
// node), `tag:Key` with any of its values, `tag-key` (the key exists), all of an association's targets ANDed.
// Resource groups are only known to AWS: undefined.
import type {ManagedInstance} from '../instances/instance.js';
import type {AwsTarget} from './association.js';

const resolvable = (t: AwsTarget) => t.Key === 'InstanceIds' || t.Key === 'tag-key' || t.Key.startsWith('tag:');

function matches(i: ManagedInstance, t: AwsTarget): boolean {
  if (t.Key === 'InstanceIds') return t.Values.includes('*') || t.Values.includes(i.instanceId);
  if (t.Key === 'tag-key') return t.Values.some((k) => Object.hasOwn(i.tags, k));
  const v = i.tags[t.Key.slice(4)];
  return v !== undefined && t.Values.includes(v);
}

/** The instances of `fleet` the targets name (a legacy association: its one instance), or undefined when only AWS knows. */
export function targetedInstances(a: {targets: readonly AwsTarget[]; instanceId?: string}, fleet: readonly ManagedInstance[]): ManagedInstance[] | undefined {
  if (a.instanceId) return fleet.filter((i) => i.instanceId === a.instanceId);
  if (!a.targets.every(resolvable)) return undefined;
  if (a.targets.length === 0) return [];
  return fleet.filter((i) => a.targets.every((t) => matches(i, t)));
}
