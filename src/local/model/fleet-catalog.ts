// Static catalogs the fleet generator draws from: platforms as SSM and EC2 report them, roles, teams,
// instance types, agent versions. Plain data, no logic.

export type PlatformType = 'Linux' | 'Windows' | 'MacOS';

export interface PlatformSpec {
  key: string;
  platformType: PlatformType;
  /** PlatformName as DescribeInstanceInformation reports it. */
  platformName: string;
  platformVersion: string;
  /** EC2 platformDetails. */
  platformDetails: string;
  /** EC2 rootDeviceName. */
  rootDevice: string;
  armCapable: boolean;
  weight: number;
}

export const PLATFORMS: readonly PlatformSpec[] = [
  {key: 'al2023', platformType: 'Linux', platformName: 'Amazon Linux', platformVersion: '2023', platformDetails: 'Linux/UNIX', rootDevice: '/dev/xvda', armCapable: true, weight: 38},
  {key: 'al2', platformType: 'Linux', platformName: 'Amazon Linux', platformVersion: '2', platformDetails: 'Linux/UNIX', rootDevice: '/dev/xvda', armCapable: true, weight: 6},
  {key: 'ubuntu2204', platformType: 'Linux', platformName: 'Ubuntu', platformVersion: '22.04', platformDetails: 'Linux/UNIX', rootDevice: '/dev/sda1', armCapable: true, weight: 16},
  {key: 'ubuntu2404', platformType: 'Linux', platformName: 'Ubuntu', platformVersion: '24.04', platformDetails: 'Linux/UNIX', rootDevice: '/dev/sda1', armCapable: true, weight: 14},
  {key: 'rhel9', platformType: 'Linux', platformName: 'Red Hat Enterprise Linux', platformVersion: '9.4', platformDetails: 'Red Hat Enterprise Linux', rootDevice: '/dev/sda1', armCapable: false, weight: 10},
];

export const WINDOWS_PLATFORMS: readonly PlatformSpec[] = [
  {key: 'win2022', platformType: 'Windows', platformName: 'Microsoft Windows Server 2022 Datacenter', platformVersion: '10.0.20348', platformDetails: 'Windows', rootDevice: '/dev/sda1', armCapable: false, weight: 3},
  {key: 'win2019', platformType: 'Windows', platformName: 'Microsoft Windows Server 2019 Datacenter', platformVersion: '10.0.17763', platformDetails: 'Windows', rootDevice: '/dev/sda1', armCapable: false, weight: 2},
];

/** The agent release the local fleet treats as latest; IsLatestVersion compares against it (Linux only). */
export const LATEST_AGENT_VERSION = '3.3.1345.0';
export const OUTDATED_AGENT_VERSIONS: readonly string[] = ['3.3.987.0', '3.2.2303.0', '3.1.1732.0', '3.0.1479.0'];

export const ENVIRONMENTS: readonly (readonly [string, number])[] = [
  ['prod', 45],
  ['staging', 25],
  ['dev', 30],
];

export interface RoleSpec {
  role: string;
  team: string;
  weight: number;
  /** Probability that an EC2 node in this role has a public IP. */
  publicIp: number;
  types: readonly string[];
}

export const ROLES: readonly RoleSpec[] = [
  {role: 'web', team: 'frontend', weight: 22, publicIp: 0.6, types: ['t3.medium', 'm6i.large', 't4g.medium']},
  {role: 'api', team: 'platform', weight: 20, publicIp: 0.1, types: ['m6i.large', 'm7g.large', 'c6i.xlarge']},
  {role: 'worker', team: 'platform', weight: 16, publicIp: 0, types: ['c6i.xlarge', 'c7g.2xlarge', 'm6i.xlarge']},
  {role: 'db', team: 'data', weight: 10, publicIp: 0, types: ['r6i.2xlarge', 'r6i.xlarge', 'r7g.xlarge']},
  {role: 'cache', team: 'data', weight: 8, publicIp: 0, types: ['r6g.large', 'r6i.large']},
  {role: 'queue', team: 'platform', weight: 6, publicIp: 0, types: ['m6i.large', 't3.large']},
  {role: 'batch', team: 'analytics', weight: 8, publicIp: 0, types: ['c6i.4xlarge', 'm6i.2xlarge']},
  {role: 'bastion', team: 'sre', weight: 3, publicIp: 1, types: ['t3.micro', 't4g.small']},
  {role: 'monitor', team: 'sre', weight: 4, publicIp: 0, types: ['t3.large', 'm6i.large']},
];

/** Instance types whose architecture is arm64 (Graviton). */
export const ARM_TYPES: ReadonlySet<string> = new Set([
  't4g.medium', 't4g.small', 'm7g.large', 'c7g.2xlarge', 'r7g.xlarge', 'r6g.large',
]);

export const HYBRID_SITES: readonly string[] = ['dc1', 'dc2', 'edge'];

export const HYBRID_IAM_ROLES: readonly string[] = ['SSMServiceRole', 'AmazonEC2RunCommandRoleForManagedInstances'];

/** The role Quick Setup host management assigns; SSM reports it as IamRole for those EC2 nodes. */
export const QUICK_SETUP_ROLE = 'AmazonSSMRoleForInstancesQuickSetup';

export const EC2_INSTANCE_PROFILE = 'fleet-ssm-instance-profile';

/**
 * The one node whose Name is hostile text: a screen clear, an OSC 52 clipboard write, BEL and CR.
 * The UI must sanitize it. It is always a hybrid node, so it only travels in JSON (SSM and tagging):
 * XML 1.0 cannot carry ESC or BEL even as character references, and real EC2 would not hand them out.
 */
export const HOSTILE_NAME = 'evil\u001b[2J\u001b]52;c;ZWNobyBwd25lZAo=\u0007\u0007\rweb-prod-01';
