// Domain types for managed instances: what the views, filters and headless commands work with.
// Built by aws/instances/fleet-loader/fleet-loader.ts from DescribeInstanceInformation merged with EC2 DescribeInstances;
// every string here has already been through sanitizeText (fleet/sanitize.ts).

export type PingStatus = 'Online' | 'ConnectionLost' | 'Inactive' | 'Unknown';
export type PlatformType = 'Linux' | 'Windows' | 'MacOS' | 'Unknown';
export type ResourceType = 'EC2Instance' | 'ManagedInstance' | 'Unknown';

export interface Ec2Details {
  state: string; // pending | running | stopping | stopped | shutting-down | terminated
  instanceType: string;
  availabilityZone: string;
  launchTime?: number; // epoch ms
  privateIp: string;
  publicIp: string;
  imageId: string;
  vpcId: string;
  subnetId: string;
  platformDetails: string;
}

export interface ManagedInstance {
  instanceId: string;
  /** The EC2 Name tag, or the hybrid node's Name; '' when neither exists. */
  name: string;
  pingStatus: PingStatus;
  lastPingAt?: number; // epoch ms
  platformType: PlatformType;
  platformName: string;
  platformVersion: string;
  agentVersion: string;
  /** From SSM (Linux only); undefined when SSM does not say. */
  isLatestVersion?: boolean;
  ipAddress: string;
  computerName: string;
  resourceType: ResourceType;
  associationStatus: string;
  lastAssociationAt?: number;
  registrationDate?: number;
  iamRole: string;
  activationId: string;
  sourceId: string;
  sourceType: string;
  tags: Readonly<Record<string, string>>;
  ec2?: Ec2Details;
}
