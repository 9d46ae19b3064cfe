// EC2 DescribeTags over the instances' tags: filters key, value, resource-id, resource-type and tag:<k>
// (a resource-level filter: the tags of instances carrying that tag), MaxResults 5–1000 and NextToken.
// Items are ordered by resource id, then key.

import {compileFilters, dryRun, ec2Page, maxResultsParam, type AttributeReader} from './ec2-query-support.js';
import type {FleetNode} from '../model/fleet-model.js';
import type {QueryOperation} from '../protocol/operation-context.js';
import {ec2ResponseXml, filterParams, itemSet} from '../protocol/wire-query.js';

interface TagItem {
  node: FleetNode;
  key: string;
  value: string;
}

const READERS: Readonly<Record<string, AttributeReader<TagItem>>> = {
  key: (t) => t.key,
  value: (t) => t.value,
  'resource-id': (t) => t.node.instanceId,
  'resource-type': () => 'instance',
};

function tagReader(key: string): AttributeReader<TagItem> {
  return (t) => (Object.hasOwn(t.node.tags, key) ? t.node.tags[key] : undefined);
}

const cursorOf = (t: TagItem): string => `${t.node.instanceId}\u0000${t.key}`;

/**
 * The items a resource-id filter of exact ids can match, in order (EC2 looks them up by id): a page of a fleet's
 * instances asks for its own tags without every tag of the fleet being tested. All items otherwise.
 */
function ofResources(all: readonly TagItem[], filters: readonly {name: string; values: readonly string[]}[],
  ctx: Parameters<QueryOperation>[1]): readonly TagItem[] {
  const ids = filters.find((f) => f.name === 'resource-id' && f.values.every((v) => !/[*?\\]/.test(v)))?.values;
  if (ids === undefined) return all;
  // Where each instance's items start and end in `all` (they are contiguous: ordered by resource id, then key).
  const spans = ctx.model.memo('ec2:tag-item-spans', () => {
    const out = new Map<string, [number, number]>();
    all.forEach((t, i) => {
      const span = out.get(t.node.instanceId);
      if (span) span[1] = i + 1;
      else out.set(t.node.instanceId, [i, i + 1]);
    });
    return out;
  });
  return [...new Set(ids)].flatMap((id) => {
    const span = spans.get(id);
    return span ? [span] : [];
  }).sort((a, b) => a[0] - b[0]).flatMap(([from, to]) => all.slice(from, to));
}

export const describeTags: QueryOperation = (params, ctx) => {
  const filters = filterParams(params);
  const maxResults = maxResultsParam(params);
  const test = compileFilters(filters, READERS, tagReader);
  dryRun(params);
  const all = ctx.model.memo('ec2:tag-items', () => {
    const items: TagItem[] = [];
    for (const node of ctx.model.ec2Nodes()) {
      const keys = Object.keys(node.tags).sort();
      for (const key of keys) items.push({node, key, value: node.tags[key] ?? ''});
    }
    return items;
  });
  const scope = `ec2:DescribeTags:${JSON.stringify(filters)}`;
  const list = filters.length === 0 ? all : ctx.model.memo(scope, () => ofResources(all, filters, ctx).filter(test));
  const page = ec2Page(list, params, maxResults, scope, cursorOf, ctx);
  const body = {
    tagSet: itemSet(page.items.map((t) => ({resourceId: t.node.instanceId, resourceType: 'instance', key: t.key, value: t.value}))),
    nextToken: page.nextToken,
  };
  if (body.nextToken === undefined) delete body.nextToken;
  return ec2ResponseXml('DescribeTagsResponse', ctx.requestId, body);
};
