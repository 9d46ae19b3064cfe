// Run Command over three accounts in the built dashboard under a real PTY, on the local fleet of 3 accounts × 2
// regions: marks in three contexts make one confirmation with the breakdown by account and region, one run whose
// results list every node with its account and region, and one audit record per context's SendCommand.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {filterTable} from '../helpers/table-filter.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';

const spawn = useTuis();


describe('Run Command over several accounts in the dashboard', () => {
  it('runs on marks in three accounts as one run: the breakdown, one results view with ACCOUNT and REGION, audit per context', async () => {
    const env = isolatedEnv('fd-run-ctx-e2e-');
    const tui = await spawn({args: [CLI_PATH, '--local', '--accounts', '3', '--regions', 'us-east-1,eu-west-1', '--nodes', '10'],
      cols: 200, rows: 45, env: {...env, CI: undefined}});
    await tui.waitFor((s) => /local-3:eu-west-1 [1-9]\d*/.test(s) && /Managed instances (\d+)\/\1 /.test(s),
      {description: 'every context loaded', timeout: 30_000});
    const marked: string[] = [];
    for (const place of ['account:local-1 region:us-east-1', 'account:local-2 region:eu-west-1', 'account:local-3 region:us-east-1']) {
      await filterTable(tui, `${place} ping:online platform:linux`);
      await tui.waitForText(new RegExp(`/${place} ping:online platform:linux`), {description: `the filter ${place}`});
      await tui.press('space');
      await tui.waitForText(`${marked.length + 1} marked`);
      // The row just marked is the only one marked among this context's rows on screen.
      const id = /^● \d{12}\s+\S+\s+((?:i|mi)-[0-9a-f]{17})/m.exec(tui.screen())?.[1];
      expect(id).toBeDefined();
      marked.push(id ?? '');
    }
    await filterTable(tui, '');
    await tui.press('r');
    await tui.waitForText(/Run Command on 3 instances/);
    await tui.type('echo "hi $FLEETDECK_INSTANCE_ID"');
    await tui.press('ctrl-s');
    await tui.waitForText(/Confirm: run AWS-RunShellScript on 3 instances/, {timeout: 20_000});
    const confirm = tui.screen();
    expect(confirm).toContain('3 nodes: local-1 us-east-1 1 · local-2 eu-west-1 1 · local-3 us-east-1 1');
    // The CLI preview: one line per context, each with its own region.
    expect(confirm).toMatch(new RegExp(`--instance-ids ${marked[1]} [\\s\\S]*--region 'eu-west-1'`));
    expect(confirm).toContain('ctrl+y copies 3 commands, one set per context');
    await tui.press('enter');
    await tui.waitForText(/Results .*3\/3 .*3 Success/, {timeout: 30_000, description: 'every node finished'});
    const results = tui.screen();
    expect(results).toMatch(/ACCOUNT\s+REGION\s+INSTANCE/);
    for (const id of marked) expect(results).toContain(id);
    expect(results.split('\n').filter((l) => marked.some((id) => l.includes(id)) && /\d{12}\s+(us-east-1|eu-west-1)/.test(l))).toHaveLength(3);
    // The output of the row under the cursor, fetched from its own context.
    await tui.press('enter');
    await tui.waitForText(/exit code 0[\s\S]*hi (?:i|mi)-[0-9a-f]{17}/, {description: 'the full output'});
    const node = /hi ((?:i|mi)-[0-9a-f]{17})/.exec(tui.screen())?.[1] ?? '';
    expect(marked).toContain(node);
    expect(tui.screen()).toMatch(new RegExp(`Output \\S+/${node} @ local-\\d:(us-east-1|eu-west-1)`));
    // One SendCommand record per context, each with that context's identity.
    const audit = fs.readFileSync(path.join(env.XDG_STATE_HOME, 'fleetdeck', 'audit.jsonl'), 'utf8').trim().split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e['action'] === 'SendCommand');
    expect(audit.map((e) => e['identity']).sort()).toEqual(['local · context local-1:us-east-1', 'local · context local-2:eu-west-1',
      'local · context local-3:us-east-1']);
    expect(new Set(audit.map((e) => e['commandId'])).size).toBe(3);
  }, 90_000);
});
