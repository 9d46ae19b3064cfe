import {describe, expect, it} from 'vitest';
import {createAwsClients} from '../../src/aws/clients.js';

describe('the SDK clients', () => {
  it('carry no SDK logger step: it would filter every answer for a log nobody reads (and fleetdeck logs to its own file)', async () => {
    const aws = createAwsClients({kind: 'local', region: 'us-east-1', endpoint: 'http://127.0.0.1:1',
      credentials: {accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x'}});
    try {
      const names = (stack: {identify(): string[]}) => stack.identify().join('\n');
      expect(names(aws.ssm.middlewareStack)).not.toMatch(/loggerMiddleware/);
      expect(names(aws.ssmSingleAttempt.middlewareStack)).not.toMatch(/loggerMiddleware/);
      expect(names((await aws.ec2()).middlewareStack)).not.toMatch(/loggerMiddleware/);
      expect(names((await aws.tagging()).middlewareStack)).not.toMatch(/loggerMiddleware/);
      // The step that explains timeouts is there.
      expect(names(aws.ssm.middlewareStack)).toMatch(/fleetdeckExplainTimeouts/);
    } finally {
      aws.destroy();
    }
  });
});
