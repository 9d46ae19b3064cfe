// Distributor and OpsCenter in the built CLI under a real pty: two instances marked, AmazonCloudWatchAgent installed
// at a chosen version from :distributor through the Run Command form and its confirmation, then `:inventory
// Name=amazon-cloudwatch-agent Version=…` lists both; an OpsItem resolved from :opsitems (asked), as SSM then reports.
import {DescribeOpsItemsCommand, GetOpsItemCommand, ListInventoryEntriesCommand, SSMClient} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {filterTable} from '../helpers/table-filter.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {linuxNodes} from '../helpers/run-command.js';

const spawn = useTuis();
const t = useLocalFleet({nodes: 30, seed: 'distributor-e2e'});

const sdk = () => new SSMClient({region: t.fleet.region, endpoint: t.fleet.endpoint, credentials: t.fleet.credentials});

async function inventoried(count: number): Promise<string[]> {
  const out: string[] = [];
  for (const n of linuxNodes(t.fleet)) {
    const res = await sdk().send(new ListInventoryEntriesCommand({InstanceId: n.instanceId, TypeName: 'AWS:Application', MaxResults: 1}));
    if ((res.Entries ?? []).length > 0) out.push(n.instanceId);
    if (out.length === count) return out;
  }
  throw new Error('not enough inventoried Linux nodes');
}

describe('Distributor and OpsCenter from the terminal', () => {
  it('installs a package version on two marked instances and sees it in inventory; resolves an OpsItem', async () => {
    const nodes = await inventoried(2);
    const tui = await spawn({args: [CLI_PATH, '--endpoint-url', t.fleet.endpoint], cols: 200, rows: 40, env: t.env()});
    await tui.waitFor((s) => /Managed instances (\d+)\/\1 /.test(s) && !/loading the fleet/.test(tui.line(1)), {timeout: 30_000, description: 'the fleet loaded'});
    const filter = (text: string) => filterTable(tui, text);
    const go = async (view: string) => {
      await tui.press(':');
      await tui.type(view);
      await tui.press('enter');
    };
    for (const [n, id] of nodes.entries()) {
      await filter(id);
      await tui.waitFor((s) => new RegExp(`Managed instances 1/\\d+ /${id}`).test(s), {description: `${id} listed`});
      await tui.press('space');
      await tui.waitForText(`${n + 1} marked`, {description: `${id} marked`});
    }
    await go('dist');
    await tui.waitForText(/Distributor packages \d+\/\d+/, {description: 'the packages'});
    await filter('CloudWatch');
    await tui.press('enter');
    await tui.waitForText('Versions (3)', {description: 'the package'});
    await tui.press('I');
    await tui.type('1.300032.2');
    await tui.press('enter');
    await tui.waitForText(/Run Command on 2 instances/, {description: 'the form on the two marked instances'});
    await tui.waitForText('AWS-ConfigureAWSPackage');
    await tui.press('ctrl-s');
    await tui.waitForText(/Press enter to send/, {timeout: 20_000, description: 'the confirmation'});
    await tui.press('enter');
    await tui.waitForText(/run finished: 2 Success/, {timeout: 30_000, description: 'the run finished'});
    await go('inventory Name=amazon-cloudwatch-agent Version=1.300032.2');
    await tui.waitFor((s) => s.includes('Instances with') && nodes.every((id) => s.includes(id)), {timeout: 20_000, description: 'both in inventory at that version'});

    const items = (await sdk().send(new DescribeOpsItemsCommand({OpsItemFilters: [{Key: 'Title', Values: ['SSM Agent connection lost'], Operator: 'Equal'}]}))).OpsItemSummaries ?? [];
    const id = items[0]?.OpsItemId ?? '';
    expect(id).toMatch(/^oi-/);
    await go('ops');
    await tui.waitForText(/OpsItems \d+\/\d+/, {description: 'the OpsItems'});
    await filter(id);
    await tui.press('R');
    await tui.waitForText(`Set ${id} (SSM Agent connection lost) to Resolved?`, {description: 'the question'});
    await tui.press('y');
    await tui.waitForText(`${id} is Resolved`, {description: 'resolved'});
    expect((await sdk().send(new GetOpsItemCommand({OpsItemId: id}))).OpsItem?.Status).toBe('Resolved');
  }, 120_000);
});
