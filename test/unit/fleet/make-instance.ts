import type {ManagedInstance} from '../../../src/fleet/instance.js';

/** A plain online Linux EC2 instance; override what a test cares about. */
export function makeInstance(fields: Partial<ManagedInstance> = {}): ManagedInstance {
  return {
    instanceId: 'i-0123456789abcdef0',
    name: '',
    pingStatus: 'Online',
    platformType: 'Linux',
    platformName: 'Amazon Linux',
    platformVersion: '2023',
    agentVersion: '3.3.40.0',
    ipAddress: '10.0.0.1',
    computerName: 'ip-10-0-0-1.ec2.internal',
    resourceType: 'EC2Instance',
    associationStatus: 'Success',
    iamRole: '',
    activationId: '',
    sourceId: '',
    sourceType: 'AWS::EC2::Instance',
    tags: {},
    ...fields,
  };
}
