// Builds ManagedInstance values for view and unit tests (the loader builds them from the SDK in real runs).
import type {ManagedInstance} from '../../src/fleet/instance.js';

export function makeInstance(over: Partial<ManagedInstance> = {}): ManagedInstance {
  return {
    instanceId: 'i-0123456789abcdef0',
    name: 'web-1',
    pingStatus: 'Online',
    lastPingAt: Date.now() - 30_000,
    platformType: 'Linux',
    platformName: 'Ubuntu',
    platformVersion: '22.04',
    agentVersion: '3.3.1142.0',
    isLatestVersion: true,
    ipAddress: '10.0.1.10',
    computerName: 'ip-10-0-1-10.ec2.internal',
    resourceType: 'EC2Instance',
    associationStatus: 'Success',
    iamRole: 'SSMInstanceRole',
    activationId: '',
    sourceId: '',
    sourceType: 'AWS::EC2::Instance',
    tags: {Name: 'web-1', Env: 'prod'},
    ...over,
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
      tags: {Name: `node-${String(i).padStart(3, '0')}`, Env: envs[i % 3] ?? 'dev'},
    }),
  );
}
