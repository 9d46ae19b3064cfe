// Tags on parameters: AddTagsToResource, RemoveTagsFromResource and ListTagsForResource with ResourceType
// Parameter (the resource id is the parameter's name). At most 50 tags a resource.

import type {JsonOperation, OperationContext} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optObjectArray, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';
import {setTags} from './rules.js';
import type {ParameterStore, StoredParameter} from './store.js';

type StoreOf = (ctx: OperationContext) => ParameterStore;

const RESOURCE_TYPES = ['Document', 'ManagedInstance', 'MaintenanceWindow', 'Parameter', 'PatchBaseline', 'OpsItem', 'OpsMetadata', 'Automation', 'Association'];

function resource(input: JsonObject, ctx: OperationContext, storeOf: StoreOf, extra: (v: Violations) => void): StoredParameter {
  const type = optString(input, 'ResourceType');
  const id = optString(input, 'ResourceId');
  const v = new Violations();
  if (v.required('resourceType', type)) v.oneOf('resourceType', type, RESOURCE_TYPES);
  v.required('resourceId', id);
  extra(v);
  v.throwIfAny();
  if (type !== 'Parameter') throw new ServiceError('InvalidResourceType', `The resource type ${String(type)} is not supported by the local fleet.`);
  const p = storeOf(ctx).get(id ?? '', ctx.now());
  if (p === undefined || p.isPublic) throw new ServiceError('InvalidResourceId', "The resource ID isn't valid. Verify that you entered the correct ID and try again.");
  return p;
}

export function tagOperations(storeOf: StoreOf): Record<string, JsonOperation> {
  return {
    AddTagsToResource: (input, ctx) => {
      const tags = optObjectArray(input, 'Tags');
      const p = resource(input, ctx, storeOf, (v) => {
        if (v.required('tags', tags)) v.length('tags', tags, 0, 1000);
      });
      const next = new Map(p.tags);
      setTags(next, tags);
      for (const [k, val] of next) p.tags.set(k, val);
      return {};
    },
    RemoveTagsFromResource: (input, ctx) => {
      const keys = optStringArray(input, 'TagKeys');
      const p = resource(input, ctx, storeOf, (v) => v.required('tagKeys', keys));
      for (const k of keys ?? []) p.tags.delete(k);
      return {};
    },
  };
}

/** ListTagsForResource for ResourceType Parameter. */
export function listParameterTags(input: JsonObject, ctx: OperationContext, storeOf: StoreOf): unknown {
  const p = resource(input, ctx, storeOf, () => undefined);
  return {TagList: [...p.tags].map(([Key, Value]) => ({Key, Value}))};
}
