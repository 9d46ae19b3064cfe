// aws:executeAwsApi, aws:waitForAwsResourceProperty and aws:assertAwsResourceProperty against the local fleet's
// own operations, called in-process: SSM through the endpoint's operation table (the same handlers a request
// reaches), EC2 through ec2-json.ts. A failed call fails the step with boto3's sentence
// ("An error occurred (Code) when calling the Api operation: message"), which is what AWS shows.

import {randomUUID} from 'node:crypto';
import {type JsonObject} from '../../../protocol/validation.js';
import {StepFailure, type Action, type ActionContext} from '../types.js';
import {select} from '../values.js';
import {callEc2} from './ec2-json.js';

const CONTROL_KEYS = new Set(['Service', 'Api', 'PropertySelector', 'DesiredValues']);
const WAIT_POLL_MS = 1_000;

/** `describe_instances` → `DescribeInstances` (runbooks use either spelling). */
function apiName(api: string): string {
  return api.includes('_') || /^[a-z]/.test(api) ? api.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') : api;
}

function failedCall(code: string, api: string, message: string): StepFailure {
  return new StepFailure(`An error occurred (${code}) when calling the ${api} operation: ${message}`, 'Invocation');
}

/** Calls Service.Api with the step's other inputs as the request; the response as plain JSON. */
export async function callApi(a: ActionContext): Promise<unknown> {
  const service = a.inputs['Service'];
  const api = a.inputs['Api'];
  if (typeof service !== 'string' || typeof api !== 'string') throw new StepFailure('The step needs Service and Api inputs.');
  const name = apiName(api);
  const request: JsonObject = Object.fromEntries(Object.entries(a.inputs).filter(([k]) => !CONTROL_KEYS.has(k)));
  try {
    if (service.toLowerCase() === 'ec2') return callEc2(a.model, a.clock, name, request);
    if (service.toLowerCase() !== 'ssm') {
      throw failedCall('UnknownService', name, `the local fleet answers the ssm and ec2 services, not ${service}.`);
    }
    // Loaded when called: the operation table includes Automation's own operations.
    const {ssmOperations} = await import('../../../ssm-api.js');
    const op = Object.hasOwn(ssmOperations, name) ? ssmOperations[name] : undefined;
    if (op === undefined) throw failedCall('InvalidAction', name, `the local fleet's SSM does not answer ${name}.`);
    const result: unknown = await op(request, {...a.ctx, requestId: randomUUID()});
    return JSON.parse(JSON.stringify(result ?? {})) as unknown;
  } catch (err) {
    if (err instanceof StepFailure) throw err;
    const e = err as {code?: unknown; message?: unknown};
    throw failedCall(typeof e.code === 'string' ? e.code : 'InternalError', name, typeof e.message === 'string' ? e.message : String(err));
  }
}

function desiredValues(a: ActionContext): string[] {
  const v = a.inputs['DesiredValues'];
  if (!Array.isArray(v) || v.length === 0) throw new StepFailure('The step needs DesiredValues (a list).');
  return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
}

function selected(a: ActionContext, response: unknown): string[] {
  const selector = a.inputs['PropertySelector'];
  if (typeof selector !== 'string') throw new StepFailure('The step needs a PropertySelector.');
  try {
    return select(response, selector).flatMap((v) => (Array.isArray(v) ? v : [v])).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  } catch (err) {
    throw new StepFailure((err as Error).message);
  }
}

/** Every selected value is one of the desired ones (and there is at least one). */
function matches(values: readonly string[], desired: readonly string[]): boolean {
  return values.length > 0 && values.every((v) => desired.includes(v));
}

const executeAwsApi: Action = async (a) => ({response: await callApi(a)});

const waitForAwsResourceProperty: Action = async (a) => {
  const desired = desiredValues(a);
  for (;;) {
    const response = await callApi(a);
    if (matches(selected(a, response), desired)) return {response};
    await a.clock.sleep(WAIT_POLL_MS, a.signal);
  }
};

const assertAwsResourceProperty: Action = async (a) => {
  const desired = desiredValues(a);
  const response = await callApi(a);
  const values = selected(a, response);
  if (!matches(values, desired)) {
    throw new StepFailure(`Verification failed: ${String(a.inputs['PropertySelector'])} is [${values.join(', ')}], expected one of [${desired.join(', ')}].`);
  }
  return {response};
};

export const apiActions: Readonly<Record<string, Action>> = {
  'aws:executeAwsApi': executeAwsApi,
  'aws:waitForAwsResourceProperty': waitForAwsResourceProperty,
  'aws:assertAwsResourceProperty': assertAwsResourceProperty,
};
