// How a rate-controlled execution starts its children (UG running-automations-scale-controls): "the queueing system
// delivers the automation to a single resource and waits until the initial invocation is complete before sending the
// automation to two more resources", then exponentially more until MaxConcurrency — the ramp Run Command uses.
import {DescribeAutomationExecutionsCommand, StopAutomationExecutionCommand, type AutomationExecutionMetadata} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {useFleetClients} from '../../../helpers/local-fleet.js';
import {advanceClock, createRunbook, start, waitForEnd} from '../../../helpers/automation.js';
import {waitFor} from '../../../helpers/run-command.js';

const ctx = useFleetClients({nodes: 2, seed: 'automation-ramp'});
const ssm = () => ctx.aws.ssm;

async function children(parentId: string): Promise<AutomationExecutionMetadata[]> {
  const out = await ssm().send(new DescribeAutomationExecutionsCommand({Filters: [{Key: 'ParentExecutionId', Values: [parentId]}]}));
  return out.AutomationExecutionMetadataList ?? [];
}

const count = (kids: readonly AutomationExecutionMetadata[], status: string) => kids.filter((k) => k.AutomationExecutionStatus === status).length;

describe('a rate-controlled execution', () => {
  it('starts one child, two more once it has completed, then twice as many each time, up to MaxConcurrency', async () => {
    const name = await createRunbook(ssm(), {parameters: {Item: {type: 'String'}}, mainSteps: [{name: 'work', action: 'aws:sleep', inputs: {Duration: 'PT5M'}}]});
    const id = await start(ssm(), {DocumentName: name, TargetParameterName: 'Item', MaxConcurrency: '8', MaxErrors: '0',
      Targets: [{Key: 'ParameterValues', Values: Array.from({length: 10}, (_, i) => `item-${i}`)}]});
    const started: number[] = [];
    try {
      for (;;) {
        // Every child started so far has either completed or runs now; none is still on its way.
        const done = started.length === 0 ? 0 : (started[started.length - 1] ?? 0);
        const kids = await waitFor(() => children(id), (k) => count(k, 'Success') === done && count(k, 'InProgress') === k.length - done && k.length > done);
        started.push(kids.length);
        if (kids.length === 10) break;
        advanceClock(ctx.fleet, 5 * 60_000);
      }
      // 1, then 2 more, then 4; then 3 (what is left) — never more than 8 at once.
      expect(started).toEqual([1, 3, 7, 10]);
    } finally {
      await ssm().send(new StopAutomationExecutionCommand({AutomationExecutionId: id}));
      await waitForEnd(ssm(), id);
    }
  });
});
