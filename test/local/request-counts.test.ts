import {describe, expect, it} from 'vitest';
import {RequestCounts} from '../../src/local/request-counts.js';

describe('requests counted by partition', () => {
  it('lists the served partitions first, adds up a total, counts a partition not served apart, and resets', () => {
    const c = new RequestCounts(['111:us-east-1', '111:eu-west-1']);
    c.count('111:eu-west-1', 'ssm:DescribeInstanceInformation');
    c.count('111:eu-west-1', 'ssm:DescribeInstanceInformation');
    c.count('222:us-east-1', 'sts:GetCallerIdentity');
    c.count('111:us-east-1', 'ssm:DescribeInstanceInformation');
    expect(Object.keys(c.byPartition())).toEqual(['111:us-east-1', '111:eu-west-1', '222:us-east-1']);
    expect(c.byPartition()['111:eu-west-1']).toEqual({'ssm:DescribeInstanceInformation': 2});
    expect(c.total()).toEqual({'ssm:DescribeInstanceInformation': 3, 'sts:GetCallerIdentity': 1});
    c.reset();
    expect(c.total()).toEqual({});
    expect(c.byPartition()['111:us-east-1']).toEqual({});
  });
});
