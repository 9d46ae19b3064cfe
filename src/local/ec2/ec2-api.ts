// The EC2 operations the local fleet answers (Query protocol: form field Action, Version 2016-11-15).

import {describeInstances} from './ec2-instances.js';
import {describeTags} from './ec2-tags.js';
import type {QueryOperation} from '../protocol/operation-context.js';
import {ServiceError} from '../protocol/service-error.js';
import {EC2_API_VERSION, type QueryParams} from '../protocol/wire-query.js';

export const EC2_SIGNING_NAME = 'ec2';

export const ec2Operations: Readonly<Record<string, QueryOperation>> = {
  DescribeInstances: describeInstances,
  DescribeTags: describeTags,
};

/** The operation named by Action, after checking Action and Version as EC2 does. */
export function resolveEc2Operation(params: QueryParams): {action: string; run: QueryOperation} {
  const action = params.get('Action');
  if (action === undefined || action === '') {
    throw new ServiceError('MissingAction', 'The request must contain the parameter Action');
  }
  const run = Object.hasOwn(ec2Operations, action) ? ec2Operations[action] : undefined;
  if (run === undefined) throw new ServiceError('InvalidAction', `The action ${action} is not valid for this web service.`);
  const version = params.get('Version');
  if (version === undefined || version === '') {
    throw new ServiceError('MissingParameter', 'The request must contain the parameter Version');
  }
  if (version !== EC2_API_VERSION) {
    throw new ServiceError('NoSuchVersion', `The requested version (${version}) of service AmazonEC2 does not exist`);
  }
  return {action, run};
}
