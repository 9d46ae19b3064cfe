import {describe, expect, it} from 'vitest';
import {
  activationProblems, MAX_EXPIRY_MS, registrationRefusal, registrationsLabel,
} from '../../../src/fleet/activations/activation.js';
import {registerCommands, RegisterCommandError} from '../../../src/fleet/activations/register-command.js';

const NOW = Date.UTC(2026, 0, 10);

describe('registerCommands', () => {
  it('gives the Linux line and the PowerShell lines of the user guide', () => {
    const c = registerCommands('Zqr175DJ+sPQRHsmbzzf', '5b9e0074-65d3-4587-8620-3e0b0938db9e', 'eu-west-1');
    expect(c.linux).toBe('sudo -E amazon-ssm-agent -register -code "Zqr175DJ+sPQRHsmbzzf" ' +
      '-id "5b9e0074-65d3-4587-8620-3e0b0938db9e" -region "eu-west-1"');
    expect(c.windows).toEqual([
      `'yes' | & 'C:\\Program Files\\Amazon\\SSM\\amazon-ssm-agent.exe' -register -code "Zqr175DJ+sPQRHsmbzzf" ` +
        '-id "5b9e0074-65d3-4587-8620-3e0b0938db9e" -region "eu-west-1"',
      'Restart-Service AmazonSSMAgent',
    ]);
  });

  it.each([
    ['a code that would break out of its quotes', 'abc"; rm -rf / #', 'id', 'us-east-1'],
    ['a PowerShell subexpression in the id', 'code', '$(Invoke-Evil)', 'us-east-1'],
    ['an escape sequence in the region', 'code', 'id', 'us-east-1\u001b[2J'],
    ['an empty code', '', 'id', 'us-east-1'],
  ])('refuses %s', (_what, code, id, region) => {
    expect(() => registerCommands(code, id, region)).toThrow(RegisterCommandError);
  });
});

describe('activationProblems', () => {
  it('accepts a minimal activation and the documented extremes', () => {
    expect(activationProblems({iamRole: 'SSMServiceRole'}, NOW)).toEqual([]);
    expect(activationProblems({iamRole: 'service-role/Role', registrationLimit: 1000, expirationDate: NOW + MAX_EXPIRY_MS,
      defaultInstanceName: 'Web servers: dc-1/rack_2@site+3'}, NOW)).toEqual([]);
  });

  it.each([
    [{iamRole: ' '}, 'an IAM role is required'],
    [{iamRole: 'arn:aws:iam::1:role/x'}, 'the IAM role is a role name, not an ARN'],
    [{iamRole: 'r'.repeat(65)}, 'the IAM role name is longer than 64 characters'],
    [{iamRole: 'r', registrationLimit: 0}, 'the registration limit must be a whole number from 1 to 1000'],
    [{iamRole: 'r', registrationLimit: 1001}, 'the registration limit must be a whole number from 1 to 1000'],
    [{iamRole: 'r', registrationLimit: 2.5}, 'the registration limit must be a whole number from 1 to 1000'],
    [{iamRole: 'r', expirationDate: NOW}, 'the expiration date is in the past'],
    [{iamRole: 'r', expirationDate: NOW + MAX_EXPIRY_MS + 1}, 'the expiration date is more than 30 days ahead'],
    [{iamRole: 'r', defaultInstanceName: 'a;b'}, 'the default instance name may hold only letters, digits, spaces and _.:/=+-@'],
    [{iamRole: 'r', description: 'd'.repeat(257)}, 'the description is longer than 256 characters'],
  ])('%o → %s', (input, problem) => {
    expect(activationProblems(input, NOW)).toEqual([problem]);
  });
});

describe('registrationRefusal and registrationsLabel', () => {
  it('refuses when expired or full, and labels used/limit', () => {
    const a = {expirationDate: NOW + 1, registrationLimit: 2, registrationsCount: 1};
    expect(registrationRefusal(a, NOW)).toBeUndefined();
    expect(registrationRefusal(a, NOW + 1)).toBe('the activation has expired');
    expect(registrationRefusal({...a, registrationsCount: 2}, NOW)).toBe('the activation has reached its registration limit');
    expect(registrationsLabel(a)).toBe('1/2');
  });
});

describe('the activation code in logs', () => {
  it('is masked wherever a log record carries it, in the SDK\'s spelling and ours', async () => {
    const {redact} = await import('../../../src/log.js');
    const out = redact({output: {ActivationId: 'id-1', ActivationCode: 'Zqr175DJ+sPQRHsmbzzf'}, created: {activationCode: 'Zqr175DJ+sPQRHsmbzzf'}});
    expect(out).toEqual({output: {ActivationId: 'id-1', ActivationCode: '***'}, created: {activationCode: '***'}});
  });
});
