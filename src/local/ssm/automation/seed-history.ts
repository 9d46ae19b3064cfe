// The past executions a fresh local fleet shows: successes, a failure, a cancellation and a rejected approval
// of the Amazon runbooks on the fleet's own EC2 instances, ended minutes to days before the fleet started.

import {randomUUID} from 'node:crypto';
import type {FleetModel} from '../../model/fleet-model.js';
import {SESSION_OWNER_NAME} from '../sessions/session-service.js';
import {amazonRunbookRecords} from './amazon-runbooks.js';
import {parseRunbook, type Runbook} from './runbook.js';
import type {Execution, StepRun} from './types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface PastStep {
  status: string;
  ms: number;
  failure?: string;
}

function runbooks(): Map<string, Runbook> {
  return new Map(amazonRunbookRecords().map((r) => {
    const v = r.versions.get('1');
    return [r.name, parseRunbook(r.name, '1', v?.content ?? '{}', 'JSON')];
  }));
}

/** Seeded executions (without `seq`), oldest first. */
export function seedHistory(model: FleetModel, now: number): Omit<Execution, 'seq'>[] {
  const ids = model.ec2Nodes().filter((n) => n.ec2?.state === 'running').slice(0, 3).map((n) => n.instanceId);
  if (ids.length === 0) return [];
  const books = runbooks();
  const executedBy = `arn:aws:iam::${model.accountId}:user/${SESSION_OWNER_NAME}`;
  const past = (name: string, parameters: Record<string, string[]>, agoMs: number, steps: PastStep[], status: string, failureMessage = ''): Omit<Execution, 'seq'> => {
    const runbook = books.get(name) as Runbook;
    const startedAt = now - agoMs;
    let t = startedAt;
    const runs: StepRun[] = steps.map((s, i) => {
      const def = runbook.steps[i] as Runbook['steps'][number];
      const run: StepRun = {
        stepExecutionId: randomUUID(), def, status: s.status, startedAt: t, endedAt: t + s.ms, inputs: {...def.inputs, ...(def.inputs['InstanceIds'] === undefined ? {} : {InstanceIds: parameters['InstanceId'] ?? []})},
        outputs: new Map(), failureMessage: s.failure ?? '', failureType: s.failure === undefined ? '' : 'Verification', response: '', attempts: 1, commandIds: [],
      };
      t += s.ms;
      return run;
    });
    return {
      id: randomUUID(), runbook, mode: 'Auto', status, startedAt, endedAt: t, executedBy, parameters, vars: new Map(), steps: runs, outputs: {},
      failureMessage, parentId: undefined, children: [], targetParameterName: '', targets: [], resolvedTargets: [], maxConcurrency: '', maxErrors: '',
      tags: [], clientToken: undefined,
    };
  };
  const one = [ids[0] as string];
  const all = [...ids];
  return [
    past('AWS-RestartEC2Instance', {InstanceId: all, AutomationAssumeRole: ['']}, 50 * HOUR, [{status: 'Success', ms: 62_000}, {status: 'Success', ms: 48_000}], 'Success'),
    past('AWS-StopEC2Instance', {InstanceId: one, AutomationAssumeRole: ['']}, 26 * HOUR, [{status: 'Success', ms: 55_000}], 'Success'),
    past('AWS-StartEC2Instance', {InstanceId: one, AutomationAssumeRole: ['']}, 25 * HOUR, [{status: 'Success', ms: 41_000}], 'Success'),
    past('AWS-RestartEC2Instance', {InstanceId: one, AutomationAssumeRole: ['']}, 6 * HOUR, [
      {status: 'Failed', ms: 3_000, failure: `An error occurred (IncorrectInstanceState) when calling the StopInstances operation: The instance '${one[0] ?? ''}' is not in a state from which it can be stopped.`},
    ], 'Failed', 'Step fails when it is executing. Please refer to Automation Service Troubleshooting Guide for more diagnosis details.'),
    past('AWS-RestartEC2InstanceWithApproval', {InstanceId: all, Approvers: [executedBy], SNSTopicArn: [`arn:aws:sns:${model.region}:${model.accountId}:AutomationApproval`], AutomationAssumeRole: ['']}, 3 * HOUR, [
      {status: 'Failed', ms: 12 * MINUTE, failure: `The step was rejected by ${executedBy}: not during business hours`},
    ], 'Failed', 'Step fails when it is waiting for approval. Please refer to Automation Service Troubleshooting Guide for more diagnosis details.'),
    past('AWS-RestartEC2Instance', {InstanceId: all, AutomationAssumeRole: ['']}, 2 * HOUR, [{status: 'Cancelled', ms: 20_000, failure: 'Step cancelled'}], 'Cancelled'),
    past('AWS-RestartEC2InstanceWithApproval', {InstanceId: one, Approvers: [executedBy], SNSTopicArn: [`arn:aws:sns:${model.region}:${model.accountId}:AutomationApproval`], AutomationAssumeRole: ['']}, 40 * MINUTE, [
      {status: 'Success', ms: 4 * MINUTE}, {status: 'Success', ms: 58_000}, {status: 'Success', ms: 44_000},
    ], 'Success'),
  ];
}
