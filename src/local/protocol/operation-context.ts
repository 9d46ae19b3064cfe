// What every local-fleet operation handler receives, and the handler shapes per protocol. New services
// (Run Command, sessions, …) add a handler table of the same shape and register it in server.ts.

import type {FleetModel} from '../model/fleet-model.js';
import type {PageTokens} from './page-token.js';
import type {JsonObject} from './validation.js';
import type {QueryParams} from './wire-query.js';

export interface OperationContext {
  model: FleetModel;
  tokens: PageTokens;
  region: string;
  requestId: string;
  /** The endpoint's clock (epoch ms). */
  now: () => number;
  /** Who signed the request (absent when an operation runs on the fleet's own behalf). */
  caller?: {userName: string; arn: string};
  /** Every partition of the fleet (account × region), the first account's first: what a resource data sync reads. */
  partitions?: readonly PartitionView[];
}

/** One account's nodes in one region, as seen from another partition. */
export interface PartitionView {
  accountId: string;
  region: string;
  model: FleetModel;
}

/** An AWS JSON 1.1 operation: parsed input → output object (serialized as JSON). Throws ServiceError. */
export type JsonOperation = (input: JsonObject, ctx: OperationContext) => unknown;

/** An EC2 Query operation: form parameters → the complete XML response document. Throws ServiceError. */
export type QueryOperation = (params: QueryParams, ctx: OperationContext) => string;
