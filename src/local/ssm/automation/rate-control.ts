// Rate-controlled executions (UG running-automations-map-targets, running-automations-scale-controls): one
// child execution per resolved target, with the target in TargetParameterName; at most MaxConcurrency children
// run at once, and no new child starts once the failed children pass MaxErrors. Concurrency and the error
// threshold mean what they mean for Run Command, and children start on the same ramp, through the same dispatch
// engine (fleet/run-command/run-plan): "the queueing system delivers the automation to a single resource and waits
// until the initial invocation is complete before sending the automation to two more resources", then
// exponentially more until MaxConcurrency. For Automation a child counts as delivered once it has completed.

import type {InvocationStatusDetails} from '../../../fleet/run-command/command-status.js';
import {parseRateValue} from '../../../fleet/run-command/rate-control.js';
import {createDispatch} from '../../../fleet/run-command/run-plan.js';
import type {FleetModel} from '../../model/fleet-model.js';
import {isManaged} from '../../model/fleet-model.js';
import {ServiceError} from '../../protocol/service-error.js';
import type {Execution} from './types.js';

export const DEFAULT_MAX_CONCURRENCY = '10';
/** UNVERIFIED: SSM's default when MaxErrors is not given; the local fleet stops after the first failed child. */
export const DEFAULT_MAX_ERRORS = '0';

/** The values a rate-controlled execution fans out on (Targets holds at most one target). */
export function resolveAutomationTargets(model: FleetModel, target: {Key: string; Values: string[]}): string[] {
  const {Key: key, Values: values} = target;
  if (key === 'ParameterValues') return [...values];
  const nodes = model.all().filter(isManaged);
  if (key === 'InstanceIds') return values.includes('*') ? nodes.map((n) => n.instanceId) : [...values];
  if (key === 'AWS::EC2::Instance' && values.length === 1 && values[0] === '*') return model.ec2Nodes().filter((n) => n.ec2?.state !== 'terminated').map((n) => n.instanceId);
  if (key === 'tag-key') return nodes.filter((n) => values.some((k) => Object.hasOwn(n.tags, k))).map((n) => n.instanceId);
  if (key.startsWith('tag:') && key.length > 4) {
    const tag = key.slice(4);
    return nodes.filter((n) => Object.hasOwn(n.tags, tag) && values.includes(n.tags[tag] ?? '')).map((n) => n.instanceId);
  }
  throw new ServiceError('InvalidTarget', `The target key ${key} is not supported by the local fleet (use ParameterValues, InstanceIds, tag:<key>, tag-key or AWS::EC2::Instance).`);
}

export function rateOrInvalid(kind: 'maxConcurrency' | 'maxErrors', text: string): ReturnType<typeof parseRateValue> & {ok: true} {
  const parsed = parseRateValue(kind, text);
  if (!parsed.ok) throw new ServiceError('ValidationException', parsed.error);
  return parsed;
}

/** A child's end as the dispatch engine counts it: Failed and TimedOut are errors, Cancelled is not. */
function dispatchStatus(status: string): InvocationStatusDetails {
  if (status === 'Success') return 'Success';
  if (status === 'TimedOut') return 'ExecutionTimedOut';
  return status === 'Cancelled' ? 'Cancelled' : 'Failed';
}

/**
 * Runs the children of a parent execution. `startChild` starts one child and resolves when it has ended.
 * Resolves with the parent's final status.
 */
export async function runChildren(parent: Execution, startChild: (target: string) => Promise<Execution>): Promise<string> {
  const targets = parent.resolvedTargets;
  // Keyed by position: the same value may be given twice, and each is a child of its own.
  const dispatch = createDispatch({targets: targets.map((_, i) => String(i)), maxConcurrency: rateOrInvalid('maxConcurrency', parent.maxConcurrency).value,
    maxErrors: rateOrInvalid('maxErrors', parent.maxErrors).value});
  let started = 0;
  let errors = 0;
  let stopped = false;
  parent.stopChildren = () => {
    stopped = true;
    dispatch.cancel();
  };
  await new Promise<void>((resolve) => {
    let running = 0;
    const pump = (): void => {
      for (const key of stopped ? [] : dispatch.next()) {
        running++;
        started++;
        void startChild(targets[Number(key)] as string).then((child) => {
          running--;
          if (child.status === 'Failed' || child.status === 'TimedOut') errors++;
          dispatch.report(key, dispatchStatus(child.status));
          pump();
        });
      }
      if (running === 0) resolve();
    };
    pump();
  });
  parent.stopChildren = undefined;
  if (parent.stopping === 'Cancel' || stopped) return 'Cancelled';
  return errors > 0 || started < targets.length ? 'Failed' : 'Success';
}
