import {describe, expect, it} from 'vitest';
import {
  associatedRunbooks, changeProblems, dedupString, instanceArn, instanceIdOfArn, newOpsItemProblems, relatedResourceArns,
  resourcesValue, severityLabel, statusLabel, type OperationalData,
} from '../../../src/fleet/opsitems/opsitem.js';

const searchable = (value: string) => ({value, type: 'SearchableString' as const});

describe('operational data conventions', () => {
  it('reads related resources, runbooks and the dedup string', () => {
    const data: OperationalData = {
      '/aws/resources': searchable(resourcesValue(['arn:aws:ec2:us-east-1:1:instance/i-0abc', 'arn:aws:s3:::bucket'])),
      '/aws/automations': searchable('[ { "automationType": "AWS:SSM:Automation", "automationId": "AWS-CopySnapshot" }, {"automationId": "AWS-RestartEC2Instance"} ]'),
      '/aws/dedup': searchable('{"dedupString":"SSMOpsItems-EBS-snapshot-copy-failed"}'),
    };
    expect(relatedResourceArns(data)).toEqual(['arn:aws:ec2:us-east-1:1:instance/i-0abc', 'arn:aws:s3:::bucket']);
    expect(associatedRunbooks(data)).toEqual([
      {automationId: 'AWS-CopySnapshot', automationType: 'AWS:SSM:Automation'},
      {automationId: 'AWS-RestartEC2Instance', automationType: 'AWS::SSM::Automation'},
    ]);
    expect(dedupString(data)).toBe('SSMOpsItems-EBS-snapshot-copy-failed');
  });

  it.each([
    ['not JSON', 'arn:aws:ec2:…'],
    ['an object, not an array', '{"arn":"x"}'],
    ['entries without arn', '[{"id":"x"}, 3, null]'],
  ])('yields no resources for %s', (_what, value) => {
    expect(relatedResourceArns({'/aws/resources': searchable(value)})).toEqual([]);
  });

  it('maps instance ARNs both ways, EC2 and hybrid', () => {
    const ec2 = instanceArn('eu-west-1', '123456789012', 'i-0123456789abcdef0');
    const hybrid = instanceArn('eu-west-1', '123456789012', 'mi-0123456789abcdef0');
    expect(ec2).toBe('arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0');
    expect(hybrid).toBe('arn:aws:ssm:eu-west-1:123456789012:managed-instance/mi-0123456789abcdef0');
    expect(instanceIdOfArn(ec2)).toBe('i-0123456789abcdef0');
    expect(instanceIdOfArn(hybrid)).toBe('mi-0123456789abcdef0');
    expect(instanceIdOfArn('arn:aws:s3:::bucket')).toBeUndefined();
    expect(instanceIdOfArn('arn:aws:ec2:eu-west-1:1:instance/i-0abc\u001b[2J')).toBeUndefined();
  });
});

describe('newOpsItemProblems and changeProblems', () => {
  const base = {title: 'Disk full', description: 'Log rotation failed', source: 'ec2'};

  it('accepts a valid item', () => {
    expect(newOpsItemProblems({...base, priority: 5, severity: '4', operationalData: {
      '/aws/resources': searchable('[]'), note: {value: 'x'.repeat(20 * 1024), type: 'String'},
    }})).toEqual([]);
  });

  it.each([
    [{title: ''}, 'the title must be 1 to 1024 characters'],
    [{description: 'd'.repeat(2049)}, 'the description must be 1 to 2048 characters'],
    [{source: 'Amazon EC2'}, 'the source may not start with aws, amazon or amzn'],
    [{priority: 0}, 'the priority must be 1 to 5'],
    [{severity: '5'}, 'the severity must be 1 to 4'],
    [{relatedOpsItems: Array.from({length: 11}, (_, i) => `oi-00000000000${i % 10}`)}, 'more than 10 related OpsItems'],
    [{operationalData: {'/aws/other': searchable('x')}}, 'the operational data key /aws/other may not start with aws, amazon, amzn or ssm'],
    [{operationalData: {SSMThing: searchable('x')}}, 'the operational data key SSMThing may not start with aws, amazon, amzn or ssm'],
    [{operationalData: {big: searchable('x'.repeat(20 * 1024 + 1))}}, 'the operational data value of big is larger than 20 KB'],
  ])('%o → %s', (change, problem) => {
    expect(newOpsItemProblems({...base, ...change})).toEqual([problem]);
  });

  it('checks updates: statuses from the API, notes, priority', () => {
    expect(changeProblems({status: 'Resolved', description: 'note'})).toEqual([]);
    expect(changeProblems({status: 'Done'})).toEqual(['unknown status Done']);
    expect(changeProblems({priority: 6, description: ' '})).toEqual(['the priority must be 1 to 5', 'the description must be 1 to 2048 characters']);
  });
});

describe('labels', () => {
  it.each([['InProgress', 'In progress'], ['Open', 'Open'], ['CompletedWithSuccess', 'Completed With Success']])('%s → %s', (s, label) => {
    expect(statusLabel(s)).toBe(label);
  });

  it('names severities', () => {
    expect(['1', '2', '3', '4', '7', undefined].map(severityLabel)).toEqual(['Critical', 'High', 'Medium', 'Low', '7', '']);
  });
});
