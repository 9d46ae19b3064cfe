// Builds ManagedInstance values for view and unit tests (the loader builds them from the SDK in real runs).
import type {ManagedInstance} from '../../src/fleet/instances/instance.js';

/** A plain online Linux EC2 instance with no name or tags; override what a test cares about. */
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

export function makeFleet(n: number): ManagedInstance[] {
  const envs = ['prod', 'staging', 'dev'];
  return Array.from({length: n}, (_, i) =>
    makeInstance({
      instanceId: `i-${i.toString(16).padStart(17, '0')}`,
      name: `node-${String(i).padStart(3, '0')}`,
      pingStatus: i % 7 === 3 ? 'ConnectionLost' : 'Online',
      platformType: i % 10 === 9 ? 'Windows' : 'Linux',
      platformName: i % 10 === 9 ? 'Microsoft Windows Server 2022 Datacenter' : 'Amazon Linux',
      platformVersion: i % 10 === 9 ? '10.0.20348' : '2023',
      ipAddress: `10.0.${Math.floor(i / 200)}.${i % 200}`,
      lastPingAt: Date.now() - 30_000,
      tags: {Name: `node-${String(i).padStart(3, '0')}`, Env: envs[i % 3] ?? 'dev'},
    }),
  );
}
