// DescribeAutomationExecutions and DescribeAutomationStepExecutions filters (API reference
// AutomationExecutionFilter, StepExecutionFilter): keys, their values, and what each matches.

import {ServiceError} from '../../protocol/service-error.js';
import {optObjectArray, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';
import {AUTOMATION_STATUSES} from '../../../fleet/automation/execution.js';
import type {Execution, StepRun} from './types.js';

export interface Filter {
  readonly key: string;
  readonly values: readonly string[];
}

const EXECUTION_KEYS = [
  'DocumentNamePrefix', 'ExecutionStatus', 'ExecutionId', 'ParentExecutionId', 'CurrentAction', 'StartTimeBefore', 'StartTimeAfter',
  'AutomationType', 'AutomationSubtype', 'TagKey', 'TargetResourceGroup', 'OpsItemId',
];
const STEP_KEYS = ['StartTimeBefore', 'StartTimeAfter', 'StepExecutionStatus', 'StepExecutionId', 'StepName', 'Action', 'ParentStepExecutionId', 'ParentStepIteration', 'ParentStepIteratorValue'];

function time(value: string, key: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new ServiceError('InvalidFilterValue', `The value ${value} of filter ${key} is not an ISO 8601 time.`);
  return ms;
}

/** The request's Filters, checked (1–10 values each; known keys; statuses SSM knows). */
export function readFilters(input: JsonObject, kind: 'execution' | 'step'): Filter[] {
  const raw = optObjectArray(input, 'Filters') ?? [];
  const v = new Violations();
  v.length('filters', raw, 1, kind === 'execution' ? 10 : 6);
  const filters = raw.map((f, i) => {
    const key = optString(f, 'Key');
    const values = optStringArray(f, 'Values');
    v.required(`filters.${i + 1}.member.key`, key);
    if (v.required(`filters.${i + 1}.member.values`, values)) v.length(`filters.${i + 1}.member.values`, values, 1, 10);
    return {key: key ?? '', values: values ?? []};
  });
  if (input['Filters'] !== undefined) v.throwIfAny();
  for (const f of filters) {
    if (!(kind === 'execution' ? EXECUTION_KEYS : STEP_KEYS).includes(f.key)) throw new ServiceError('InvalidFilterKey', `The filter key ${f.key} is not valid.`);
    if (f.key === 'ExecutionStatus' || f.key === 'StepExecutionStatus') {
      const bad = f.values.find((s) => !(AUTOMATION_STATUSES as readonly string[]).includes(s));
      if (bad !== undefined) throw new ServiceError('InvalidFilterValue', `The filter value ${bad} is not a valid ${f.key}.`);
    }
    if (f.key.startsWith('StartTime')) for (const s of f.values) time(s, f.key);
    if (f.key === 'AutomationType' && f.values.some((s) => s !== 'CrossAccount' && s !== 'Local')) {
      throw new ServiceError('InvalidFilterValue', 'AutomationType is CrossAccount or Local.');
    }
  }
  return filters;
}

function timeMatches(f: Filter, startedAt: number | undefined): boolean {
  if (startedAt === undefined) return false;
  return f.values.every((s) => (f.key === 'StartTimeBefore' ? startedAt <= time(s, f.key) : startedAt >= time(s, f.key)));
}

export function executionMatches(exec: Execution, filters: readonly Filter[]): boolean {
  return filters.every((f) => {
    switch (f.key) {
      case 'DocumentNamePrefix': return f.values.some((p) => exec.runbook.name.startsWith(p));
      case 'ExecutionStatus': return f.values.includes(exec.status);
      case 'ExecutionId': return f.values.includes(exec.id);
      case 'ParentExecutionId': return exec.parentId !== undefined && f.values.includes(exec.parentId);
      case 'CurrentAction': return exec.current !== undefined && f.values.includes(exec.current.def.action);
      case 'StartTimeBefore':
      case 'StartTimeAfter': return timeMatches(f, exec.startedAt);
      case 'AutomationType': return f.values.includes('Local');
      case 'TagKey': return exec.tags.some((t) => f.values.includes(t.Key));
      default: return false; // resource groups, subtypes and OpsItems: nothing local has them
    }
  });
}

export function stepMatches(run: StepRun, filters: readonly Filter[]): boolean {
  return filters.every((f) => {
    switch (f.key) {
      case 'StepExecutionStatus': return f.values.includes(run.status);
      case 'StepExecutionId': return f.values.includes(run.stepExecutionId);
      case 'StepName': return f.values.includes(run.def.name);
      case 'Action': return f.values.includes(run.def.action);
      case 'StartTimeBefore':
      case 'StartTimeAfter': return timeMatches(f, run.startedAt);
      default: return false;
    }
  });
}
