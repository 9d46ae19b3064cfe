// Parameter Store's documented limits and validation errors on the local fleet, through the real SDK.
import {PutParameterCommand, GetParameterCommand, type SSMClient} from '@aws-sdk/client-ssm';
import {expect, it} from 'vitest';
import {useFleetClients} from '../../../helpers/local-fleet.js';
import {expectSdkError} from '../../../helpers/fleet-clients.js';

const f = useFleetClients({nodes: 2, seed: 'parameters-limits'});
const ssm = (): SSMClient => f.aws.ssm;
const put = (input: Record<string, unknown>): Promise<unknown> =>
  ssm().send(new PutParameterCommand({Type: 'String', Value: 'x', ...input} as ConstructorParameters<typeof PutParameterCommand>[0]));

it('values: 4 KB on Standard, 8 KB on Advanced, Intelligent-Tiering upgrades only when it must', async () => {
  await put({Name: '/lim/std', Value: 'a'.repeat(4096)});
  const err = await expectSdkError(put({Name: '/lim/std2', Value: 'a'.repeat(4097)}), 'ValidationException');
  expect(err.message).toContain('advanced-parameter tier');
  expect(await put({Name: '/lim/adv', Value: 'a'.repeat(8192), Tier: 'Advanced'})).toMatchObject({Tier: 'Advanced'});
  await expectSdkError(put({Name: '/lim/adv2', Value: 'a'.repeat(8193), Tier: 'Advanced'}), 'ValidationException');
  expect(await put({Name: '/lim/it-small', Value: 'small', Tier: 'Intelligent-Tiering'})).toMatchObject({Tier: 'Standard'});
  expect(await put({Name: '/lim/it-big', Value: 'a'.repeat(5000), Tier: 'Intelligent-Tiering'})).toMatchObject({Tier: 'Advanced'});
});

it('a secret value is never quoted back in an error', async () => {
  const secret = `s3cr3t-${'z'.repeat(9000)}`;
  const err = await expectSdkError(put({Name: '/lim/secret', Type: 'SecureString', Value: secret, Tier: 'Advanced'}), 'ValidationException');
  expect(err.message).not.toContain('s3cr3t');
  const mismatch = await expectSdkError(put({Name: '/lim/pat', Type: 'SecureString', Value: 's3cr3t', AllowedPattern: '^[0-9]+$'}), 'ParameterPatternMismatchException');
  expect(mismatch.message).toBe('Parameter value, cannot be validated against allowedPattern: ^[0-9]+$');
});

it('names: characters, reserved prefixes, fully qualified paths, 15 levels', async () => {
  for (const name of ['/has space', 'awsThing', '/ssm/x', '/a//b', '/bad*char', '/trailing/']) {
    await expectSdkError(put({Name: name}), 'ValidationException');
  }
  const partial = await expectSdkError(put({Name: 'a/b'}), 'ValidationException');
  expect(partial.message).toContain('fully qualified');
  const fifteen = `/${Array.from({length: 15}, (_, i) => `l${i}`).join('/')}`;
  await put({Name: fifteen});
  await expectSdkError(put({Name: `${fifteen}/l15`}), 'HierarchyLevelLimitExceededException');
  await expectSdkError(put({Name: `/${'n'.repeat(1011)}`}), 'ValidationException');
  await put({Name: 'plainName'});
  expect((await ssm().send(new GetParameterCommand({Name: 'plainName'}))).Parameter?.ARN).toMatch(/:parameter\/plainName$/);
});

it('allowed patterns, nested references, data types, policies and keys are checked', async () => {
  await put({Name: '/lim/port', Value: '5432', AllowedPattern: '^[0-9]+$'});
  // The pattern is kept: a later overwrite must match it too.
  await expectSdkError(put({Name: '/lim/port', Value: 'http', Overwrite: true}), 'ParameterPatternMismatchException');
  await expectSdkError(put({Name: '/lim/badpat', AllowedPattern: '(['}), 'InvalidAllowedPatternException');
  await expectSdkError(put({Name: '/lim/nest', Value: 'x {{ssm:/other}}'}), 'ValidationException');
  await expectSdkError(put({Name: '/lim/dt', DataType: 'Text'}), 'ValidationException');
  await expectSdkError(put({Name: '/lim/pol', Tier: 'Advanced', Policies: '[{"Type":"Nope","Version":"1.0","Attributes":{}}]'}), 'InvalidPolicyTypeException');
  await expectSdkError(put({Name: '/lim/pol', Tier: 'Advanced', Policies: '[{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"soon"}}]'}), 'InvalidPolicyAttributeException');
  const exp = '{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2099-01-01T00:00:00Z"}}';
  await expectSdkError(put({Name: '/lim/pol', Tier: 'Advanced', Policies: `[${exp},${exp}]`}), 'IncompatiblePolicyException');
  await expectSdkError(put({Name: '/lim/pol', Tier: 'Standard', Policies: `[${exp}]`}), 'ValidationException');
  expect(await put({Name: '/lim/pol', Tier: 'Intelligent-Tiering', Policies: `[${exp}]`})).toMatchObject({Tier: 'Advanced'});
  await expectSdkError(put({Name: '/lim/key', KeyId: 'alias/aws/ssm'}), 'ValidationException');
  await expectSdkError(put({Name: '/lim/key', Type: 'SecureString', KeyId: 'arn:aws:kms:us-east-1:000000000000:key/nope'}), 'InvalidKeyId');
  await expectSdkError(put({Name: '/lim/empty', Value: ''}), 'ValidationException');
  await expectSdkError(put({Name: '/lim/type', Type: 'Number'}), 'ValidationException');
});
