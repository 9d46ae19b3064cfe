// `{{ssm:…}}` references in Run Command parameters are resolved when the command is sent, as SSM does.
import {PutParameterCommand, SendCommandCommand, type SSMClient} from '@aws-sdk/client-ssm';
import {expect, it} from 'vitest';
import {useFleetClients} from '../../../helpers/local-fleet.js';
import {expectSdkError} from '../../../helpers/fleet-clients.js';
import {linuxNodes, waitForInvocation} from '../../../helpers/run-command.js';

const f = useFleetClients({nodes: 6, seed: 'parameters-references'});
const ssm = (): SSMClient => f.aws.ssm;

function send(command: string): Promise<{Command?: {CommandId?: string; Parameters?: Record<string, string[]>}}> {
  const node = linuxNodes(f.fleet)[0];
  if (node === undefined) throw new Error('no Linux node');
  return ssm().send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript', InstanceIds: [node.instanceId], Parameters: {commands: [command]}}));
}

it('a command runs with the referenced value (and a pinned version)', async () => {
  await ssm().send(new PutParameterCommand({Name: '/refs/greeting', Value: 'hello-from-parameter-store', Type: 'String'}));
  await ssm().send(new PutParameterCommand({Name: '/refs/greeting', Value: 'second', Overwrite: true}));
  const out = await send('echo {{ssm:/refs/greeting}} {{ ssm:/refs/greeting:1 }}');
  const node = linuxNodes(f.fleet)[0];
  const inv = await waitForInvocation(ssm(), out.Command?.CommandId ?? '', node?.instanceId ?? '');
  expect(inv.Status).toBe('Success');
  expect(inv.StandardOutputContent?.trim()).toBe('second hello-from-parameter-store');
});

it('an unknown or SecureString reference is refused with InvalidParameters', async () => {
  const missing = await expectSdkError(send('echo {{ssm:/refs/missing}}'), 'InvalidParameters');
  expect(missing.message).toContain('/refs/missing');
  await ssm().send(new PutParameterCommand({Name: '/refs/secret', Value: 'do-not-print', Type: 'SecureString'}));
  const secret = await expectSdkError(send('echo {{ssm:/refs/secret}}'), 'InvalidParameters');
  expect(secret.message).not.toContain('do-not-print');
});
