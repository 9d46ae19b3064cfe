// The Amazon-owned Automation runbooks the local fleet ships, with AWS's names and parameters (Automation
// Runbook Reference: AWS-RestartEC2Instance, AWS-StartEC2Instance, AWS-StopEC2Instance; AWS-RestartEC2InstanceWithApproval
// as published in the runbook's content). Steps follow the published runbooks; descriptions are short. They are
// registered in the fleet's document store (document-store.ts) as Amazon documents of type Automation.

import {contentHash, type DocumentRecord, type DocumentVersion} from '../documents/document-store.js';
import type {DocumentParameter, LocalDocument} from '../documents/builtin-documents.js';

const AMAZON_CREATED = Date.UTC(2017, 0, 1);
const ASSUME_ROLE = {
  type: 'String', default: '',
  description: '(Optional) The ARN of the role that allows Automation to perform the actions on your behalf.',
};
const INSTANCE_IDS = {type: 'StringList', description: '(Required) EC2 Instance(s) to restart'};

const state = (name: string, desired: string): object => ({
  name, action: 'aws:changeInstanceState', inputs: {InstanceIds: '{{ InstanceId }}', DesiredState: desired},
});

const RUNBOOKS: readonly {name: string; content: object}[] = [
  {
    name: 'AWS-RestartEC2Instance',
    content: {
      description: 'Restart EC2 instances(s)', schemaVersion: '0.3', assumeRole: '{{ AutomationAssumeRole }}',
      parameters: {InstanceId: INSTANCE_IDS, AutomationAssumeRole: ASSUME_ROLE},
      mainSteps: [state('stopInstances', 'stopped'), state('startInstances', 'running')],
    },
  },
  {
    name: 'AWS-StartEC2Instance',
    content: {
      description: 'Start EC2 instances(s)', schemaVersion: '0.3', assumeRole: '{{ AutomationAssumeRole }}',
      parameters: {InstanceId: {...INSTANCE_IDS, description: '(Required) EC2 Instance(s) to start'}, AutomationAssumeRole: ASSUME_ROLE},
      mainSteps: [state('startInstances', 'running')],
    },
  },
  {
    name: 'AWS-StopEC2Instance',
    content: {
      description: 'Stop EC2 instances(s)', schemaVersion: '0.3', assumeRole: '{{ AutomationAssumeRole }}',
      parameters: {InstanceId: {...INSTANCE_IDS, description: '(Required) EC2 Instance(s) to stop'}, AutomationAssumeRole: ASSUME_ROLE},
      mainSteps: [state('stopInstances', 'stopped')],
    },
  },
  {
    name: 'AWS-RestartEC2InstanceWithApproval',
    content: {
      description: 'Restart EC2 instances(s) with approval', schemaVersion: '0.3', assumeRole: '{{ AutomationAssumeRole }}',
      parameters: {
        InstanceId: INSTANCE_IDS,
        Approvers: {type: 'StringList', description: '(Required) IAM user or user arn of approvers for the automation action'},
        SNSTopicArn: {type: 'String', description: '(Required) The SNS topic ARN used to send pending approval notification for instance restart. The SNS topic name must start with Automation.'},
        AutomationAssumeRole: ASSUME_ROLE,
      },
      mainSteps: [
        {
          name: 'approve', action: 'aws:approve', onFailure: 'Abort',
          inputs: {NotificationArn: '{{ SNSTopicArn }}', Message: 'Your approval is required to proceed with the restart of EC2 instances', MinRequiredApprovals: 1, Approvers: '{{ Approvers }}'},
        },
        state('stopInstances', 'stopped'),
        state('startInstances', 'running'),
      ],
    },
  },
];

function record(name: string, content: object): DocumentRecord {
  const text = JSON.stringify(content, null, 2);
  const c = content as {description: string; parameters: Record<string, DocumentParameter>};
  const parsed = {schemaVersion: '0.3', description: c.description, parameters: c.parameters, platformTypes: ['Windows', 'Linux', 'MacOS'] as const, plugins: {}};
  const doc: LocalDocument = {name, description: c.description, schemaVersion: '0.3', platformTypes: parsed.platformTypes, parameters: c.parameters, plugins: {}, content: text};
  const version: DocumentVersion = {version: '1', versionName: undefined, content: text, format: 'JSON', createdAt: AMAZON_CREATED, hash: contentHash(text), doc, parsed};
  return {
    name, owner: 'Amazon', documentType: 'Automation', targetType: undefined, createdAt: AMAZON_CREATED, tags: [],
    versions: new Map([['1', version]]), latest: 1, issued: 1, defaultVersion: '1', sharedWith: new Map(),
  };
}

/** A fresh record per fleet (records are mutable: permissions). */
export function amazonRunbookRecords(): DocumentRecord[] {
  return RUNBOOKS.map((r) => record(r.name, r.content));
}
