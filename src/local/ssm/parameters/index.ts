// Parameter Store in the local fleet: the operations (registered in ssm-api.ts), the per-fleet store, and the
// `{{ssm:…}}` resolution Run Command uses.

import type {FleetModel} from '../../model/fleet-model.js';
import type {JsonOperation, OperationContext} from '../../protocol/operation-context.js';
import {SESSION_OWNER_NAME} from '../sessions/session-service.js';
import type {JsonObject} from '../../protocol/validation.js';
import {readOperations} from './reads.js';
import {resolveReferencesIn} from './references.js';
import {seedParameters} from './seed.js';
import {parameterStoreOf, type ParameterStore} from './store.js';
import {listParameterTags, tagOperations} from './tags.js';
import {writeOperations} from './writes.js';

/** The Parameter Store of a fleet (seeded on first use). */
export function parameterStore(model: FleetModel): ParameterStore {
  return parameterStoreOf(model, seedParameters);
}

const storeOf = (ctx: OperationContext): ParameterStore => parameterStore(ctx.model);

/** The local fleet has one set of credentials: the IAM user every session and write is attributed to. */
const callerOf = (ctx: OperationContext): string => `arn:aws:iam::${ctx.model.accountId}:user/${SESSION_OWNER_NAME}`;

export const parameterOperations: Readonly<Record<string, JsonOperation>> = {
  ...readOperations(storeOf),
  ...writeOperations(storeOf, callerOf),
  ...tagOperations(storeOf),
};

/** ListTagsForResource for ResourceType Parameter. */
export function listTagsForParameter(input: JsonObject, ctx: OperationContext): unknown {
  return listParameterTags(input, ctx, storeOf);
}

/** Run Command parameters with `{{ssm:…}}` references resolved (InvalidParameters for a missing or secret one). */
export function resolveSsmReferences(parameters: Readonly<Record<string, readonly string[]>>, ctx: OperationContext): Record<string, string[]> {
  return resolveReferencesIn(parameters, storeOf(ctx), ctx);
}
