// Finding the association an operation names: by AssociationId, or (legacy) by document Name and InstanceId.

import type {OperationContext} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optString, Violations, type JsonObject} from '../../protocol/validation.js';
import {documentStore} from '../documents/document-store.js';
import {ASSOCIATION_ID} from './association-input.js';
import {associationStore} from './association-store.js';
import type {AssociationRecord} from './association-types.js';

export function doesNotExist(): ServiceError {
  return new ServiceError('AssociationDoesNotExist', 'The specified association does not exist.');
}

export function recordById(ctx: OperationContext, id: string | undefined): AssociationRecord {
  const r = associationStore(ctx.model).get(id ?? '');
  if (r === undefined) throw doesNotExist();
  return r;
}

/** AssociationId, or Name + InstanceId (a legacy association), as Describe/DeleteAssociation take them. */
export function findAssociation(input: JsonObject, ctx: OperationContext): AssociationRecord {
  const id = optString(input, 'AssociationId');
  const name = optString(input, 'Name');
  const instanceId = optString(input, 'InstanceId');
  const v = new Violations();
  if (id !== undefined && !ASSOCIATION_ID.test(id)) v.add('associationId', id, 'Member must satisfy regular expression pattern: [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}');
  v.throwIfAny();
  if (id !== undefined) return recordById(ctx, id);
  if (name === undefined || instanceId === undefined) throw new ServiceError('ValidationException', 'Give AssociationId, or Name and InstanceId.');
  if (documentStore(ctx.model).get(name) === undefined) throw new ServiceError('InvalidDocument', 'The specified document does not exist.');
  if (ctx.model.get(instanceId) === undefined) throw new ServiceError('InvalidInstanceId', `The instance ${instanceId} is not valid.`);
  const r = associationStore(ctx.model).all().find((x) => x.current.documentName === name && x.current.instanceId === instanceId);
  if (r === undefined) throw doesNotExist();
  return r;
}
