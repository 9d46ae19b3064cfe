// The EC2 and Resource Groups Tagging API pieces of the SDK that the app uses, in one module that clients.ts and
// instances.ts import on first use: named imports let the bundle leave out the thousand other EC2 operations.
export {DescribeInstancesCommand, DescribeTagsCommand, EC2Client} from '@aws-sdk/client-ec2';
export {GetResourcesCommand, ResourceGroupsTaggingAPIClient} from '@aws-sdk/client-resource-groups-tagging-api';
