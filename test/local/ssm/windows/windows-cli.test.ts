// The real AWS CLI against the local fleet's Maintenance Windows: what `aws ssm create-maintenance-window` and
// `describe-maintenance-window-schedule` (the anchors of the Maintenance Windows console) send and read.
import {expect, it} from 'vitest';
import {awsCli} from '../../../helpers/aws-cli.js';
import {useLocalFleet} from '../../../helpers/local-fleet.js';

const local = useLocalFleet({nodes: 10, seed: 'windows-cli'});
const aws = (args: string[]): Promise<unknown> => awsCli(local.fleet, args);

it('`aws ssm create-maintenance-window` in a time zone, then `describe-maintenance-window-schedule` pages through its openings', async () => {
  const created = (await aws([
    'ssm', 'create-maintenance-window', '--name', 'cli-window', '--schedule', 'cron(0 9 ? * WED *)', '--schedule-timezone', 'America/Los_Angeles',
    '--duration', '3', '--cutoff', '1', '--allow-unassociated-targets', '--start-date', '2031-01-01T00:00:00-08:00',
  ])) as {WindowId: string};
  expect(created.WindowId).toMatch(/^mw-[0-9a-f]{17}$/);
  local.fleet.resetRequestCounts();
  const schedule = (await aws(['ssm', 'describe-maintenance-window-schedule', '--window-id', created.WindowId, '--page-size', '2', '--max-items', '3'])) as {
    ScheduledWindowExecutions: {WindowId: string; Name: string; ExecutionTime: string}[];
  };
  // Wednesdays 09:00 in Los Angeles (PST, UTC−8) from the start date on.
  expect(schedule.ScheduledWindowExecutions.map((s) => s.ExecutionTime)).toEqual(['2031-01-01T17:00Z', '2031-01-08T17:00Z', '2031-01-15T17:00Z']);
  expect(local.fleet.requestCounts()['ssm:DescribeMaintenanceWindowSchedule']).toBe(2);
  const listed = (await aws(['ssm', 'describe-maintenance-windows', '--filters', 'Key=Name,Values=cli-window'])) as {WindowIdentities: {WindowId: string; NextExecutionTime: string}[]};
  expect(listed.WindowIdentities).toEqual([expect.objectContaining({WindowId: created.WindowId, NextExecutionTime: '2031-01-01T17:00:00.000Z'})]);
});
