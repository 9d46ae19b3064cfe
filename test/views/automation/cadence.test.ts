// How often the Automation screens poll: every LIVE_MS while a run on them is live (or one was just started here),
// IDLE_MS once everything has ended; the list's rounds between full reads read one DescribeAutomationExecutions page
// and the live parent behind it, however many pages a rate-controlled run's children fill.
import {describe, expect, it} from 'vitest';
import {StopAutomationExecutionCommand} from '@aws-sdk/client-ssm';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {automationApi} from '../../../src/aws/automation/automation-api.js';
import {cadenceFor, IDLE_MS, LIVE_MS, noteStarted} from '../../../src/views/automation/cadence.js';
import {automationsView} from '../../../src/views/automation/automation-view.js';
import {automationStepsView} from '../../../src/views/automation/steps.js';
import type {Services} from '../../../src/views/view.js';
import {startFanOut, waitForExecution} from '../../helpers/automation.js';

const local = useFleetClients({nodes: 2, seed: 'automation-cadence'});

describe('automation polling cadence', () => {
  it('is fast while a run is live or was just started here, the normal cadence once all have ended', () => {
    expect(cadenceFor(['Success', 'InProgress'], 0)).toBe(LIVE_MS);
    expect(cadenceFor(['Waiting'], 0)).toBe(LIVE_MS);
    expect(cadenceFor(['Success', 'Failed', 'Cancelled', undefined], 0)).toBe(IDLE_MS);
    noteStarted(1_000_000);
    expect(cadenceFor([], 1_000_500)).toBe(LIVE_MS);
    expect(cadenceFor([], 1_060_000)).toBe(IDLE_MS);
  });

  it('the list reads one page per live round, every page once per full round; the steps view follows the run', async () => {
    // 120 children (the newest page and more), the last still running: the parent is live behind them.
    const id = await startFanOut(local.aws.ssm, 120);
    const services = {automation: automationApi(local.aws)} as unknown as Services;
    const fetch = automationsView.fetch;
    const pollMs = automationsView.pollMs;
    if (!fetch || !pollMs) throw new Error('the list has no adaptive poll');
    const reads = () => local.fleet.requestCounts()['ssm:DescribeAutomationExecutions'] ?? 0;
    try {
      local.fleet.resetRequestCounts();
      const full = await fetch(services, {});
      expect(full.map((e) => e.executionId)).toContain(id);
      expect(reads()).toBeGreaterThan(1);
      expect(pollMs(full)).toBe(LIVE_MS);
      local.fleet.resetRequestCounts();
      const quick = await fetch(services, {});
      // The newest page (120 children) and the parent behind them, by id.
      expect(reads()).toBe(2);
      expect(quick.map((e) => e.executionId)).toContain(id);

      const steps = automationStepsView.fetch;
      if (!steps || !automationStepsView.pollMs) throw new Error('the steps view has no adaptive poll');
      const rows = await steps(services, {arg: id});
      expect(automationStepsView.pollMs(rows)).toBe(LIVE_MS);
    } finally {
      await local.aws.ssm.send(new StopAutomationExecutionCommand({AutomationExecutionId: id}));
    }
    await waitForExecution(local.aws.ssm, id, (e) => e.AutomationExecutionStatus === 'Cancelled');
    const fetchSteps = automationStepsView.fetch;
    if (!fetchSteps) throw new Error('the steps view cannot fetch');
    expect(automationStepsView.pollMs?.(await fetchSteps(services, {arg: id}))).toBe(IDLE_MS);
  });
});
