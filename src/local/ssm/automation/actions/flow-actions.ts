// Actions that steer an execution without touching resources: aws:sleep, aws:pause, aws:approve, aws:branch
// (UG automation-action-sleep, -pause, -approve, -branch).

import {isObject, type JsonObject} from '../../../protocol/validation.js';
import {StepFailure, type Action} from '../types.js';

const MAX_SLEEP_SECONDS = 604_799;

/** ISO 8601 durations as aws:sleep takes them: PnDTnHnMnS (weeks and years are not accepted here). */
export function isoDurationMs(text: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (m === null || text === 'P' || text.endsWith('T')) return undefined;
  const [d, h, min, s] = [m[1], m[2], m[3], m[4]].map((x) => Number(x ?? 0)) as [number, number, number, number];
  return (((d * 24 + h) * 60 + min) * 60 + s) * 1000;
}

const sleep: Action = async (a) => {
  const duration = a.inputs['Duration'];
  const timestamp = a.inputs['Timestamp'];
  let ms: number;
  if (typeof duration === 'string') {
    const parsed = isoDurationMs(duration);
    if (parsed === undefined) throw new StepFailure(`Duration ${duration} is not an ISO 8601 duration such as PT10M.`, 'Verification');
    ms = parsed;
  } else if (typeof timestamp === 'string') {
    const at = Date.parse(timestamp);
    if (Number.isNaN(at)) throw new StepFailure(`Timestamp ${timestamp} is not an ISO 8601 time such as 2026-01-01T00:00:00Z.`);
    ms = Math.max(0, at - a.clock.now());
  } else {
    throw new StepFailure('aws:sleep needs Duration or Timestamp.');
  }
  if (ms > MAX_SLEEP_SECONDS * 1000) throw new StepFailure(`aws:sleep sleeps at most ${MAX_SLEEP_SECONDS} seconds.`);
  await a.clock.sleep(ms, a.signal);
  return {};
};

const pause: Action = async (a) => {
  await a.waitForHuman('pause');
  return {};
};

const approve: Action = async (a) => {
  const required = Number(a.inputs['MinRequiredApprovals'] ?? 1);
  if (!Number.isInteger(required) || required < 1) throw new StepFailure('MinRequiredApprovals must be a positive integer.');
  const decisions: {approver: string; decision: string; comment: string}[] = [];
  // Approvals count once per principal: one operator approving twice is still one approval.
  const approvers = (): number => new Set(decisions.filter((d) => d.decision === 'Approved').map((d) => d.approver)).size;
  while (approvers() < required) {
    const {decision, comment, who} = await a.waitForHuman('approve');
    if (decision === 'Reject') {
      decisions.push({approver: who, decision: 'Rejected', comment});
      a.step.outputs.set('ApprovalStatus', 'Rejected');
      a.step.outputs.set('ApproverDecisions', decisions);
      throw new StepFailure(`The step was rejected by ${who}${comment === '' ? '' : `: ${comment}`}`, 'Verification');
    }
    decisions.push({approver: who, decision: 'Approved', comment});
  }
  return {outputs: {ApprovalStatus: 'Approved', ApproverDecisions: decisions}};
};

const STRING_OPS: Readonly<Record<string, (v: string, x: string) => boolean>> = {
  StringEquals: (v, x) => v === x,
  EqualsIgnoreCase: (v, x) => v.toLowerCase() === x.toLowerCase(),
  StartsWith: (v, x) => v.startsWith(x),
  EndsWith: (v, x) => v.endsWith(x),
  Contains: (v, x) => v.includes(x),
};
const NUMERIC_OPS: Readonly<Record<string, (v: number, x: number) => boolean>> = {
  NumericEquals: (v, x) => v === x,
  NumericGreater: (v, x) => v > x,
  NumericLesser: (v, x) => v < x,
  NumericGreaterOrEquals: (v, x) => v >= x,
  NumericLesserOrEquals: (v, x) => v <= x,
};

function text(v: unknown): string {
  return typeof v === 'string' ? v : Array.isArray(v) ? v.map(String).join(',') : JSON.stringify(v);
}

/** Whether a choice (or a nested And/Or/Not of them) is true. */
export function choiceMatches(choice: JsonObject): boolean {
  const and = choice['And'];
  if (Array.isArray(and)) return and.every((c) => isObject(c) && choiceMatches(c));
  const or = choice['Or'];
  if (Array.isArray(or)) return or.some((c) => isObject(c) && choiceMatches(c));
  const not = choice['Not'];
  if (isObject(not)) return !choiceMatches(not);
  const variable = choice['Variable'];
  for (const [op, test] of Object.entries(STRING_OPS)) if (op in choice) return test(text(variable), text(choice[op]));
  for (const [op, test] of Object.entries(NUMERIC_OPS)) {
    if (op in choice) {
      const v = Number(variable);
      const x = Number(choice[op]);
      return !Number.isNaN(v) && !Number.isNaN(x) && test(v, x);
    }
  }
  if ('BooleanEquals' in choice) return String(variable) === String(choice['BooleanEquals']);
  throw new StepFailure(`A choice has no operator this runbook engine knows: ${JSON.stringify(choice)}.`);
}

const branch: Action = async (a) => {
  const choices = a.inputs['Choices'];
  if (!Array.isArray(choices)) throw new StepFailure('aws:branch needs Choices.');
  for (const c of choices) {
    if (isObject(c) && choiceMatches(c) && typeof c['NextStep'] === 'string') return {nextStep: c['NextStep']};
  }
  const dflt = a.inputs['Default'];
  return typeof dflt === 'string' ? {nextStep: dflt} : {};
};

export const flowActions: Readonly<Record<string, Action>> = {
  'aws:sleep': sleep,
  'aws:pause': pause,
  'aws:approve': approve,
  'aws:branch': branch,
};
