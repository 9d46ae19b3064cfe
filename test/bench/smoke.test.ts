// The benchmark suite cannot break silently: `npm run bench` in its smoke mode (every benchmark at a tiny size)
// must run to the end and print every metric it prints at full size. Only that the metrics exist is checked — their
// values at these sizes mean nothing, and timings never decide a test.
import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {expect, it} from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every benchmark's metrics, by benchmark. Each must appear at least once. */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'start': ['npm_start_unchanged_tree_first_screen_ms_p50'],
  'fleet.cold-start': ['first_full_screen_ms_p50', 'all_nodes_loaded_ms_p50', 'aws_cli_list_all_ms_p50',
    'first_screen_vs_aws_cli_ratio', 'all_loaded_vs_aws_cli_ratio'],
  'fleet.requests': ['requests_to_load_1000:ssm:DescribeInstanceInformation'],
  'fleet.50k': ['load_all_ms', 'cursor_key_to_frame_ms_p50', 'cursor_key_to_frame_ms_p95', 'filter_key_to_frame_ms_p50',
    'filter_key_to_frame_ms_p95', 'rss_mb'],
  'fleet.bytes': ['bytes_per_cursor_move_200x50_p50', 'bytes_per_cursor_move_200x50_max'],
  'fleet.headless': ['instances_json_peak_rss_mb', 'instances_json_peak_rss_growth'],
  'run-command.1000': ['ui_all_finished_ms', 'ui_job_endpoint_ms', 'ui_vs_endpoint_ratio', 'results_view_instances',
    'aws_cli_all_finished_ms', 'aws_cli_job_endpoint_ms', 'ui_vs_aws_cli_ratio'],
  'run-command.requests': ['ui_requests_total:ssm:SendCommand', 'ui_polling_rounds', 'ui_get_command_invocation_calls',
    'aws_cli_requests_total:ssm:SendCommand', 'aws_cli_polling_rounds', 'aws_cli_get_command_invocation_calls'],
  'run-command.latency': ['live_key_to_frame_ms_p50', 'live_key_to_frame_ms_p95', 'live_key_to_first_byte_ms_p95'],
  'compliance.5k': ['summary_on_screen_ms_first', 'summary_on_screen_ms_p50', 'package_below_version_query_ms_first',
    'package_below_version_query_ms_p50', 'fleet_packages_on_screen_ms_p50', 'headless_inventory_query_ms_p50'],
  'compliance.requests': ['summary:ssm:ListComplianceSummaries', 'package_query:ssm:GetInventory'],
  'port-forward': ['loopback-throughput', 'forward-throughput', 'throughput-vs-loopback', 'client-cpu-per-mb',
    'setup-p50', 'setup-p99'],
  'session-codec': ['cpu-per-1000-messages', 'one-core-throughput'],
  'sessions.echo': ['keystroke_echo_ms_p50', 'keystroke_echo_ms_p99', 'bytes_per_echoed_key_p50', 'bytes_per_echoed_key_max'],
  'sessions.memory': ['rss_per_pane_10k_scrollback_MB', 'heap_per_pane_10k_scrollback_MB'],
  'sessions.throughput': ['cat_50MB_fleetdeck_MBps', 'cat_50MB_tmux_MBps', 'cat_vs_tmux_ratio'],
  'parameters.10k': ['first_level_on_screen_ms_p50', 'flat_list_on_screen_ms_p50', 'filter_key_to_frame_ms_p95'],
  'parameters.requests': ['first_level:ssm:DescribeParameters', 'flat_list:ssm:DescribeParameters'],
  'automation.rate-control': ['engine_completion_ms', 'requests_per_refresh', 'requests_per_refresh:ssm:GetAutomationExecution',
    'list_requests_per_full_read', 'list_requests_per_round_live', 'list_requests_per_round_idle',
    'list_notice_ms', 'list_end_lag_ms', 'list_requests_per_second',
    'ui_completion_ms', 'ui_engine_completion_ms', 'ui_lag_ms', 'ui_vs_engine_ratio', 'ui_requests_per_round', 'ui_requests_per_second'],
  'windows.5k': ['windows_view_next_runs_on_screen_ms_p50'],
  'windows.requests': ['on_screen:ssm:DescribeMaintenanceWindows', 'settled:ssm:DescribeMaintenanceWindowExecutions'],
  'associations.2k': ['associations_view_on_screen_ms_p50', 'per_target_rows_on_screen_ms_p50', 'per_target_statuses_on_screen_ms_p50'],
  'associations.requests': ['list_on_screen:ssm:ListAssociations', 'per_target_statuses:ssm:DescribeAssociationExecutionTargets'],
  'baselines.5k': ['baseline_patch_state_summary_on_screen_ms_p50'],
  'baselines.requests': ['summary_on_screen:ssm:GetPatchBaseline', 'summary_on_screen:ssm:DescribeInstancePatchStatesForPatchGroup'],
  'contexts.6x5k': ['first_full_screen_ms', 'all_loaded_ms', 'slowest_context_alone_ms', 'all_loaded_vs_slowest_alone_ratio',
    'rss_mb', 'requests:local-1:us-east-1', 'requests:local-3:eu-west-1'],
};

interface Rec {
  bench: string;
  metric: string;
  value: number;
  target?: unknown;
  ok?: unknown;
}

function runSmoke(): Promise<{code: number | null; records: Rec[]; stderr: string}> {
  const env: Record<string, string | undefined> = {...process.env, BENCH_SMOKE: '1'};
  delete env.BENCH_ONLY;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', 'bench/run.mjs'], {cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe']});
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const records = out.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Rec);
      resolve({code, records, stderr: err});
    });
  });
}

it('every benchmark runs at a tiny size and prints all its metrics, each target with whether it was met', async () => {
  const {code, records, stderr} = await runSmoke();
  expect(code, stderr).toBe(0);

  const seen = new Map<string, Set<string>>();
  for (const r of records) {
    expect(Number.isFinite(r.value), `${r.bench}/${r.metric}`).toBe(true);
    if (r.target !== undefined) expect(typeof r.ok, `${r.bench}/${r.metric} says whether its target was met`).toBe('boolean');
    if (!seen.has(r.bench)) seen.set(r.bench, new Set());
    seen.get(r.bench)?.add(r.metric);
  }
  const missing = Object.entries(EXPECTED).flatMap(([bench, metrics]) =>
    metrics.filter((m) => !seen.get(bench)?.has(m)).map((m) => `${bench}/${m}`));
  expect(missing).toEqual([]);

  // Every benchmark file states at least one target.
  const withTarget = new Set(records.filter((r) => r.target !== undefined).map((r) => r.bench.split('.')[0]));
  expect([...new Set(Object.keys(EXPECTED).map((b) => b.split('.')[0]))].filter((b) => !withTarget.has(b))).toEqual([]);
  expect(stderr).toMatch(/targets met: \d+\/\d+/);
}, 180_000);
