// Document sharing: DescribeDocumentPermission, ModifyDocumentPermission.

import {paginate} from '../../protocol/list-paging.js';
import type {JsonOperation} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optInteger, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';
import {ACCOUNT, amazonOwned, checkName, readPermissionType, recordOf} from './document-input.js';
import {MAX_SHARED_ACCOUNTS, MAX_SHARED_ACCOUNTS_PER_CALL} from './document-store.js';

export const describeDocumentPermission: JsonOperation = (input, ctx) => {
  const v = new Violations();
  checkName(v, 'name', optString(input, 'Name'));
  readPermissionType(v, input);
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 200);
  v.throwIfAny();
  const record = recordOf(ctx, optString(input, 'Name'));
  if (record.owner === 'Amazon') throw amazonOwned();
  const entries = [...record.sharedWith.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const page = paginate(entries, {ctx, scope: `ssm:DescribeDocumentPermission:${record.name}`, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 200, key: ([id]) => id});
  const out: JsonObject = {
    AccountIds: page.items.map(([id]) => id),
    AccountSharingInfoList: page.items.map(([AccountId, SharedDocumentVersion]) => ({AccountId, SharedDocumentVersion})),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const modifyDocumentPermission: JsonOperation = (input, ctx) => {
  const v = new Violations();
  checkName(v, 'name', optString(input, 'Name'));
  readPermissionType(v, input);
  const add = optStringArray(input, 'AccountIdsToAdd') ?? [];
  const remove = optStringArray(input, 'AccountIdsToRemove') ?? [];
  v.length('accountIdsToAdd', add, 0, MAX_SHARED_ACCOUNTS_PER_CALL);
  v.length('accountIdsToRemove', remove, 0, MAX_SHARED_ACCOUNTS_PER_CALL);
  for (const [path, list] of [['accountIdsToAdd', add], ['accountIdsToRemove', remove]] as const) {
    list.forEach((id, i) => {
      if (!ACCOUNT.test(id)) v.add(`${path}.${i + 1}.member`, id, 'Member must satisfy regular expression pattern: (?i)all|[0-9]{12}');
    });
  }
  const shared = optString(input, 'SharedDocumentVersion');
  if (shared !== undefined && !/^([$]LATEST|[$]DEFAULT|[$]ALL)$/.test(shared)) {
    v.add('sharedDocumentVersion', shared, 'Member must satisfy regular expression pattern: ([$]LATEST|[$]DEFAULT|[$]ALL)');
  }
  v.throwIfAny();
  const record = recordOf(ctx, optString(input, 'Name'));
  if (record.owner === 'Amazon') throw amazonOwned();
  const norm = (id: string): string => (id.toLowerCase() === 'all' ? 'all' : id);
  const next = new Map(record.sharedWith);
  for (const id of add) next.set(norm(id), shared ?? '$DEFAULT');
  for (const id of remove) next.delete(norm(id));
  if (next.size > MAX_SHARED_ACCOUNTS) {
    throw new ServiceError('DocumentPermissionLimit', 'The document can\'t be shared with more Amazon Web Services accounts: at most 1,000 accounts per document, 20 per call.');
  }
  record.sharedWith.clear();
  for (const [id, ver] of next) record.sharedWith.set(id, ver);
  return {};
};
