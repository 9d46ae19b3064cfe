// Public surface of the local fleet endpoint (see server.ts for the endpoint, fleet-model.ts for nodes).

export {startLocalFleet, type LocalFleet, type LocalFleetOptions, type LocalPartition} from './server.js';
export type {Fault, FaultKind, FaultScope} from './faults.js';
export type {FleetCredentials} from './protocol/sigv4.js';
export {
  generateFleet,
  isManaged,
  FleetModel,
  DEFAULT_FLEET_NODES,
  DEFAULT_FLEET_SEED,
  DEFAULT_REGION,
  type AssociationStatus,
  type Ec2Details,
  type Ec2State,
  type FleetNode,
  type GenerateFleetOptions,
  type PingStatus,
  type PlatformType,
  type SourceType,
  type SsmResourceType,
} from './model/fleet-model.js';
export {HOSTILE_NAME, LATEST_AGENT_VERSION} from './model/fleet-catalog.js';
export {
  fleetControlClient, FleetControlError, type FleetConnection, type FleetControlClient, type RegisterRequest,
} from './control-client.js';
