// The EC2 and Resource Groups Tagging API pieces of the SDK that the app uses, in one module that clients.ts and
// instances.ts import on first use: named imports let the bundle leave out the thousand other EC2 operations.
import {EC2Client as SdkEC2Client, type EC2ClientConfig} from '@aws-sdk/client-ec2';
import {readDescribeTagsDirectly} from './describe-tags.js';

export {DescribeInstancesCommand, DescribeTagsCommand} from '@aws-sdk/client-ec2';
export {GetResourcesCommand, ResourceGroupsTaggingAPIClient} from '@aws-sdk/client-resource-groups-tagging-api';

/** The SDK's EC2 client, reading DescribeTags answers with describe-tags.ts (a fleet's tags cost a fraction of the CPU). */
export class EC2Client extends SdkEC2Client {
  constructor(config: EC2ClientConfig) {
    super(config);
    readDescribeTagsDirectly(this);
  }
}
