// Error messages from the endpoint reach the screen only sanitized: a CancelCommand, GetCommandInvocation or
// ListCommands that fails with escape sequences in its message is shown as text (Ink, real SDK, local fleet).
import {describe, expect, it} from 'vitest';
import {SendCommandCommand} from '@aws-sdk/client-ssm';
import {createAppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {runCommandApi} from '../../../src/aws/run-command/run-command-api.js';
import {RunRegistry} from '../../../src/fleet/run-command/run-registry.js';
import {initTable} from '../../../src/fleet/table-model.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';

const local = useFleetClients({nodes: 12, seed: 'hostile-view-errors'});
const renderApp = useAppRenderer();
const HOSTILE = 'denied \x1b]52;c;ZXZpbA==\x07\x1b]0;title\x07\x1b[2Jcleared\u202e';

/** Nothing in the frame a terminal would act on beyond Ink's own colours. */
function expectDisarmed(frame: string): void {
  expect(frame).not.toMatch(/\x1b\]|\x07|\x1b\[2J|\u202e/);
  expect(frame).toContain('denied ␛]52;c;ZXZpbA==␇␛]0;title␇␛[2Jcleared');
}

describe('hostile error text in the run results (Ink)', () => {
  it('"cancel failed:", "could not load the output:" and "could not read the command:" are sanitized', async () => {
    const {fleet, aws} = local;
    const store = createAppStore({size: {cols: 200, rows: 30}});
    const loader = new FleetLoader(aws);
    const services: Services = {loadFleet: (o) => loader.load(o), runCommand: runCommandApi(aws), identity: 'local', runs: new RunRegistry()};
    const app = renderApp({store, services, target: {kind: 'local', region: fleet.region, label: 'LOCAL FLEET', endpoint: fleet.endpoint}});
    await app.frame(() => store.getState().instances.length > 0, 'the fleet');
    const node = store.getState().instances.find((i) => i.platformType === 'Linux' && i.pingStatus === 'Online');
    const sent = await aws.ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript', InstanceIds: [node?.instanceId ?? ''],
      Parameters: {commands: ['exit 3']}}));
    store.getState().updateTable('command-results', () => initTable('status'));
    store.getState().push({view: 'command-results', arg: sent.Command?.CommandId ?? ''});
    await app.frame((s) => s.includes('Failed'), 'the failed invocation', 20_000);

    fleet.injectFault({kind: 'error', operation: 'CancelCommand', errorCode: 'InvalidCommandId', message: HOSTILE});
    await app.press('c');
    await app.frame((s) => s.includes('Cancel command'), 'the question');
    await app.press('y');
    await app.frame((s) => s.includes('cancel failed:'), 'the cancel error');
    expectDisarmed(app.ui.lastFrame() ?? '');

    fleet.injectFault({kind: 'error', operation: 'ListCommands', errorCode: 'InternalServerError', message: HOSTILE});
    await app.press('R');
    await app.frame((s) => s.includes('could not read the command:'), 'the re-run error');
    expectDisarmed(app.ui.lastFrame() ?? '');

    fleet.injectFault({kind: 'error', operation: 'GetCommandInvocation', errorCode: 'InvocationDoesNotExist', message: HOSTILE});
    await app.press('enter');
    await app.frame((s) => s.includes('could not load the output:'), 'the output error');
    expectDisarmed(app.ui.lastFrame() ?? '');
    fleet.clearFaults();
  }, 30_000);
});
