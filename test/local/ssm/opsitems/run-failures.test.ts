// A Run Command that fails on some nodes leaves one OpsItem (as an EventBridge rule with an OpsItem target would),
// read through the real SDK: one per command, naming each failed node, none for a command that succeeds.
import {DescribeOpsItemsCommand, GetOpsItemCommand, SendCommandCommand} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {instanceIdOfArn, relatedResourceArns} from '../../../../src/fleet/opsitems/opsitem.js';
import {useFleetClients} from '../../../helpers/local-fleet.js';
import {linuxNodes, waitForCommand} from '../../../helpers/run-command.js';

const ctx = useFleetClients({nodes: 30, seed: 'opsitems-runs'});

async function send(commands: string, instanceIds: string[]): Promise<string> {
  const out = await ctx.aws.ssm.send(new SendCommandCommand({
    DocumentName: 'AWS-RunShellScript', InstanceIds: instanceIds, Parameters: {commands: [commands]},
  }));
  const id = out.Command?.CommandId ?? '';
  await waitForCommand(ctx.aws.ssm, id);
  return id;
}

async function itemsOf(commandId: string) {
  const out = await ctx.aws.ssm.send(new DescribeOpsItemsCommand({
    OpsItemFilters: [{Key: 'Title', Values: [commandId], Operator: 'Contains'}],
  }));
  return out.OpsItemSummaries ?? [];
}

describe('OpsItems for failed runs', () => {
  it('a command failing on two nodes opens one OpsItem naming both; a successful one opens none', async () => {
    const nodes = linuxNodes(ctx.fleet).slice(0, 3).map((n) => n.instanceId);
    const failing = await send('exit 3', nodes.slice(0, 2));
    const items = await itemsOf(failing);
    expect(items).toHaveLength(1);
    const item = (await ctx.aws.ssm.send(new GetOpsItemCommand({OpsItemId: items[0]?.OpsItemId}))).OpsItem;
    expect(item).toMatchObject({Status: 'Open', Source: 'aws.ssm', Category: 'Availability'});
    expect(item?.Title).toContain('AWS-RunShellScript');
    const data = Object.fromEntries(Object.entries(item?.OperationalData ?? {})
      .map(([k, v]) => [k, {value: v.Value ?? '', type: 'SearchableString' as const}]));
    expect(relatedResourceArns(data).map((a) => instanceIdOfArn(a)).sort()).toEqual(nodes.slice(0, 2).sort());
    expect(item?.OperationalData?.['/aws/dedup']?.Value).toContain(failing);

    const fine = await send('true', [nodes[2] ?? '']);
    expect(await itemsOf(fine)).toHaveLength(0);
  });
});
