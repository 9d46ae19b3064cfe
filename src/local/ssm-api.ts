// The SSM operations the local fleet answers (X-Amz-Target: AmazonSSM.<Op>). Run Command, sessions and
// the rest join this table as they are built.

import type {JsonOperation} from './protocol/operation-context.js';
import {ServiceError} from './protocol/service-error.js';
import {sessionOperations} from './ssm/sessions/session-api.js';
import {documentOperations} from './ssm/documents/document-api.js';
import {associationOperations} from './ssm/associations/association-api.js';
import {runCommandOperations} from './ssm/run-command/operations.js';
import {complianceOperations} from './ssm/compliance/compliance-api.js';
import {inventoryOperations} from './ssm/inventory/inventory-api.js';
import {describeInstanceInformation} from './ssm/instances/describe-instances.js';
import {optString, Violations} from './protocol/validation.js';
import {listTagsForParameter, parameterOperations} from './ssm/parameters/index.js';
import {activationOperations} from './ssm/activations/index.js';
import {opsItemOperations} from './ssm/opsitems/index.js';
import {baselineOperations} from './ssm/baselines/index.js';
import {automationOperations} from './ssm/automation/index.js';
import {windowOperations} from './ssm/windows/index.js';
import {nodeOperations} from './ssm/nodes/index.js';

export const SSM_TARGET_PREFIX = 'AmazonSSM';
export const SSM_SIGNING_NAME = 'ssm';

const TAGGABLE_TYPES = [
  'Document', 'ManagedInstance', 'MaintenanceWindow', 'Parameter', 'PatchBaseline', 'OpsItem', 'OpsMetadata',
  'Automation', 'Association',
];

/** ListTagsForResource: tags of hybrid (`mi-`) nodes; EC2 instances' tags come from EC2. */
export const listTagsForResource: JsonOperation = (input, ctx) => {
  const resourceType = optString(input, 'ResourceType');
  const resourceId = optString(input, 'ResourceId');
  const v = new Violations();
  if (v.required('resourceType', resourceType)) v.oneOf('resourceType', resourceType, TAGGABLE_TYPES);
  v.required('resourceId', resourceId);
  v.throwIfAny();
  if (resourceType === 'Parameter') return listTagsForParameter(input, ctx);
  if (resourceType !== 'ManagedInstance') {
    throw new ServiceError('InvalidResourceType', `The resource type ${String(resourceType)} is not supported by the local fleet.`);
  }
  const node = ctx.model.get(resourceId ?? '');
  if (node === undefined || node.ec2 !== undefined || !node.instanceId.startsWith('mi-')) {
    throw new ServiceError('InvalidResourceId', `The resource ID ${String(resourceId)} is not a managed (hybrid) node in this account.`);
  }
  return {TagList: Object.entries(node.tags).map(([Key, Value]) => ({Key, Value}))};
};

export const ssmOperations: Readonly<Record<string, JsonOperation>> = {
  DescribeInstanceInformation: describeInstanceInformation,
  ListTagsForResource: listTagsForResource,
  ...documentOperations, // List/Describe/Get/Create/Update/DeleteDocument, ListDocumentVersions, UpdateDocumentDefaultVersion, Describe/ModifyDocumentPermission
  ...associationOperations, // Create/Update/Delete/Describe/ListAssociation(s), ListAssociationVersions, StartAssociationsOnce, DescribeAssociationExecutions(/Targets), DescribeInstanceAssociationsStatus
  ...runCommandOperations, // SendCommand, ListCommands, ListCommandInvocations, GetCommandInvocation, CancelCommand
  ...sessionOperations,
  ...inventoryOperations, // GetInventory, ListInventoryEntries, GetInventorySchema
  ...complianceOperations, // compliance summaries/items, patch states/patches/baselines
  ...parameterOperations, // Parameter Store: Put/Get/Describe/History/Label/Delete parameters, tags on parameters
  ...activationOperations, // Create/Describe/DeleteActivation, DeregisterManagedInstance
  ...opsItemOperations, // OpsCenter: Create/Get/Describe/UpdateOpsItem(s)
  ...baselineOperations, // Patch Manager: baselines, default baselines, patch groups, effective and available patches
  ...automationOperations, // Start/Get/Describe/StopAutomationExecution(s), DescribeAutomationStepExecutions, SendAutomationSignal
  ...windowOperations, // Maintenance Windows: windows, targets, tasks, executions, schedule
  ...nodeOperations, // Create/List/DeleteResourceDataSync, ListNodes, ListNodesSummary (across accounts and regions with a sync)
};
