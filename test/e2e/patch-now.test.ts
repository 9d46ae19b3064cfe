// Patching from the terminal in the built CLI under a real pty: two instances with missing patches marked in the
// compliance view, "install now" (AWS-RunPatchBaseline Install through the Run Command form and its confirmation),
// and when the run finishes the instances table's MISS column shows what the node reports now, not the count from
// before the run; the compliance view counts Patch as SSM does after it.
import {DescribeInstancePatchStatesCommand, ListComplianceSummariesCommand, SSMClient} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {filterTable} from '../helpers/table-filter.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {linuxNodes} from '../helpers/run-command.js';
import {nodeOperatingSystem} from '../../src/local/ssm/baselines/store.js';

const spawn = useTuis();
const t = useLocalFleet({nodes: 30, seed: 'patch-now'});

const sdk = () => new SSMClient({region: t.fleet.region, endpoint: t.fleet.endpoint, credentials: t.fleet.credentials});
const missingOf = async (id: string) => (await sdk().send(new DescribeInstancePatchStatesCommand({InstanceIds: [id]}))).InstancePatchStates?.[0]?.MissingCount;

/** The MISS cell of the row of `id` on the instances screen (right-aligned under the header's MISS). */
function missCell(screen: string, id: string): string | undefined {
  const lines = screen.split('\n');
  const header = lines.find((l) => /\bMISS\b/.test(l));
  const row = lines.find((l) => new RegExp(`^[ ●]+${id} `).test(l));
  if (!header || !row) return undefined;
  const at = header.search(/\bMISS\b/);
  return row.slice(at, at + 4).trim();
}

describe('patching from the terminal', () => {
  it('installs now on instances marked in the compliance view, and the instances table\'s MISS column follows', async () => {
    // Two Amazon Linux 2023 nodes with approved patches missing.
    const candidates = linuxNodes(t.fleet).filter((n) => n.ec2 !== undefined && nodeOperatingSystem(n) === 'AMAZON_LINUX_2023');
    const withMissing: string[] = [];
    for (const n of candidates) if ((await missingOf(n.instanceId) ?? 0) > 0 && withMissing.length < 2) withMissing.push(n.instanceId);
    expect(withMissing).toHaveLength(2);
    const [a = '', b = ''] = withMissing;
    const tui = await spawn({args: [CLI_PATH, '--endpoint-url', t.fleet.endpoint], cols: 200, rows: 40, env: t.env()});
    await tui.waitFor((s) => /Managed instances (\d+)\/\1 /.test(s) && !/loading the fleet/.test(tui.line(1)), {timeout: 30_000, description: 'the fleet loaded'});
    const filter = (text: string) => filterTable(tui, text);
    // Before: the MISS column shows the count the node reports.
    await filter(a);
    const before = String(await missingOf(a));
    await tui.waitFor((s) => missCell(s, a) === before, {description: `MISS ${before} for ${a}`});
    // The compliance view: Patch, its non-compliant instances, both marked, install now.
    await tui.press(':');
    await tui.type('compliance');
    await tui.press('enter');
    await tui.waitForText(/Compliance [1-9]\d*\/\d+/, {description: 'the summary'});
    await filter('Patch');
    await tui.press('enter');
    await tui.waitForText(/Non-compliant Patch [1-9]\d*\//, {description: 'non-compliant instances'});
    for (const id of [a, b]) {
      await filter(id);
      await tui.waitFor((s) => s.split('\n').some((l) => l.includes(id) && !/^●/.test(l)), {description: `${id} listed`});
      await tui.press('space');
      await tui.waitFor((s) => s.split('\n').some((l) => l.includes(id) && /^● /.test(l)), {description: `${id} marked`});
    }
    expect(tui.screen()).toMatch(/<s> scan now/);
    await tui.press('r');
    await tui.waitForText(/Run Command on 2 instances/, {description: 'the form on the two marked instances'});
    await tui.waitForText('AWS-RunPatchBaseline');
    await tui.waitForText('RebootIfNeeded', {description: 'the reboot option prefilled'});
    await tui.press('ctrl-s');
    await tui.waitForText(/Press enter to send/, {timeout: 20_000, description: 'the confirmation'});
    await tui.press('enter');
    await tui.waitForText(/run finished: 2 Success/, {timeout: 30_000, description: 'the run finished'});
    expect(await missingOf(a)).toBe(0);
    // Back on the instances table: the MISS column shows what the node reports now.
    await tui.press(':');
    await tui.type('instances');
    await tui.press('enter');
    await filter(a);
    await tui.waitFor((s) => missCell(s, a) === '0', {timeout: 20_000, description: `MISS 0 for ${a} after the install`});
    // The compliance view counts Patch as SSM does after the run.
    const patch = (await sdk().send(new ListComplianceSummariesCommand({}))).ComplianceSummaryItems?.find((c) => c.ComplianceType === 'Patch');
    await tui.press(':');
    await tui.type('compliance');
    await tui.press('enter');
    await tui.waitForText(new RegExp(`Patch\\s+${patch?.CompliantSummary?.CompliantCount}\\s+${patch?.NonCompliantSummary?.NonCompliantCount}\\s`),
      {description: 'the Patch counts after the run'});
  }, 90_000);
});
