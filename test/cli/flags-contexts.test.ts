import {describe, expect, it} from 'vitest';
import {UsageError, validateArgs} from '../../src/cli/flags.js';

const v = (input: string[], flags: Record<string, unknown>) => validateArgs(input, flags, []);

describe('context flags', () => {
  it('keeps --profile and --region lists as typed (resolved with the config when connecting)', () => {
    expect(v([], {profile: 'a,b', region: 'us-east-1,eu-west-1'})).toMatchObject({profile: 'a,b', region: 'us-east-1,eu-west-1'});
    expect(v(['instances'], {context: 'prod,dev'}).context).toBe('prod,dev');
  });

  it('takes --local --accounts N --regions a,b for the local fleet', () => {
    expect(v([], {local: true, accounts: '3', regions: 'us-east-1,eu-west-1'})).toMatchObject({accounts: 3, regions: ['us-east-1', 'eu-west-1']});
    expect(v(['local-fleet'], {accounts: '2'}).accounts).toBe(2);
  });

  it.each([
    [{context: 'prod', profile: 'a'}, /--context cannot be combined with --profile or --region/],
    [{context: 'prod', local: true}, /--context .* cannot be combined with --local/],
    [{context: ' '}, /--context needs context or group names/],
    [{accounts: '3'}, /--accounts goes with --local or local-fleet/],
    [{regions: 'us-east-1'}, /--regions goes with --local or local-fleet; for AWS, list regions: --region/],
    [{local: true, accounts: '0'}, /--accounts must be a whole number from 1 to 20/],
    [{local: true, regions: 'us-east-1,,eu-west-1'}, /--regions has an empty name/],
    [{local: true, regions: 'us-east-1,us-east-1'}, /--regions names "us-east-1" twice/],
    [{local: true, regions: 'nowhere'}, /--regions: "nowhere" is not a valid AWS region/],
    [{local: true, profile: 'a'}, /--local and --profile cannot be combined/],
  ])('refuses %j', (flags, message) => {
    expect(() => v([], flags)).toThrow(UsageError);
    expect(() => v([], flags)).toThrow(message);
  });
});
