// The executions list between full reads: each round reads the newest page, plus — by id — the live rows the page did
// not bring (a rate-controlled run behind its own children); when the newest page holds nothing it has seen before,
// more may lie beyond it and the round reads every page.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {StopAutomationExecutionCommand} from '@aws-sdk/client-ssm';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {automationApi} from '../../../src/aws/automation/automation-api.js';
import type {ExecutionSummary} from '../../../src/fleet/automation/execution.js';
import {automationsView} from '../../../src/views/automation/automation-view.js';
import type {Services} from '../../../src/views/view.js';
import {createRunbook, start, startFanOut, waitForEnd} from '../../helpers/automation.js';

const local = useFleetClients({nodes: 2, seed: 'automation-view-rounds'});

/** The list's clock, read once at the start of each fetch: far ahead forces a full read, just after it a quick round. */
let clock = 0;
const FULL = 1e12;
async function round(at: number): Promise<readonly ExecutionSummary[]> {
  const fetch = automationsView.fetch;
  if (!fetch) throw new Error('the list cannot fetch');
  clock = at;
  vi.spyOn(Date, 'now').mockReturnValueOnce(at);
  const rows = await fetch({automation: automationApi(local.aws)} as unknown as Services, {});
  automationsView.pollMs?.(rows);
  return rows;
}
const reads = () => local.fleet.requestCounts()['ssm:DescribeAutomationExecutions'] ?? 0;
const statusOf = (rows: readonly ExecutionSummary[], id: string) => rows.find((e) => e.executionId === id)?.status;

const fanOut = (children: number) => startFanOut(local.aws.ssm, children);

async function stop(id: string): Promise<void> {
  await local.aws.ssm.send(new StopAutomationExecutionCommand({AutomationExecutionId: id}));
  await waitForEnd(local.aws.ssm, id);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the executions list between full reads', () => {
  it('shows a rate-controlled run end in the next round, though its children fill the newest page', async () => {
    const id = await fanOut(120);
    try {
      const full = await round(clock + FULL);
      expect(statusOf(full, id)).toBe('InProgress');
    } finally {
      await stop(id);
    }
    local.fleet.resetRequestCounts();
    const next = await round(clock + 1);
    expect(statusOf(next, id)).toBe('Cancelled');
    // The newest page, then the parent by id: not every page again.
    expect(reads()).toBe(2);
  });

  it('lists a run started elsewhere in the next round from the newest page alone', async () => {
    await round(clock + FULL);
    const name = await createRunbook(local.aws.ssm, {mainSteps: [{name: 'wait', action: 'aws:sleep', inputs: {Duration: 'PT10M'}}]});
    const id = await start(local.aws.ssm, {DocumentName: name});
    try {
      local.fleet.resetRequestCounts();
      const next = await round(clock + 1);
      expect(statusOf(next, id)).toBe('InProgress');
      expect(reads()).toBe(1);
    } finally {
      await stop(id);
    }
  });

  it('reads every page when the newest page holds only executions it has not seen', async () => {
    await round(clock + FULL);
    const first = await fanOut(60);
    const second = await fanOut(60);
    try {
      local.fleet.resetRequestCounts();
      const next = await round(clock + 1);
      expect(statusOf(next, first)).toBe('InProgress');
      expect(statusOf(next, second)).toBe('InProgress');
      expect(reads()).toBeGreaterThan(2);
    } finally {
      await stop(first);
      await stop(second);
    }
  });
});
