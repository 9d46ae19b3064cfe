// Distributor packages as data: manifests, the platform key a node matches, inventory names, request parameters.
import {describe, expect, it} from 'vitest';
import {
  configurePackageParameters, configurePackageProblems, inventoryNameOf, manifestFileFor, manifestPlatformOf, parseManifest,
} from '../../../src/fleet/distributor/package.js';

const manifest = {
  schemaVersion: '2.0', version: '1.2.3', packages: {
    amazon: {_any: {x86_64: {file: 'a-x86.zip'}, arm64: {file: 'a-arm.zip'}}},
    ubuntu: {'22': {_any: {file: 'u22.zip'}}},
    windows: {_any: {_any: {file: 'w.zip'}}},
  },
  files: {'a-x86.zip': {checksums: {sha256: 'ab'}}},
};

describe('manifests', () => {
  it('parse, and pick the file for a node', () => {
    const parsed = parseManifest(JSON.stringify(manifest));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.manifest.publisher).toBe('');
    const node = (platformName: string, platformVersion: string, architecture = 'x86_64', platformType = 'Linux') => ({platformType, platformName, platformVersion, architecture});
    expect(manifestFileFor(parsed.manifest, node('Amazon Linux', '2023', 'arm64'))).toBe('a-arm.zip');
    expect(manifestFileFor(parsed.manifest, node('Ubuntu', '22.04'))).toBe('u22.zip');
    expect(manifestFileFor(parsed.manifest, node('Ubuntu', '24.04'))).toBeUndefined();
    expect(manifestFileFor(parsed.manifest, node('Red Hat Enterprise Linux', '9.4'))).toBeUndefined();
    expect(manifestFileFor(parsed.manifest, node('Microsoft Windows Server 2022 Datacenter', '10.0.20348', 'x86_64', 'Windows'))).toBe('w.zip');
  });

  it.each([
    ['{"schemaVersion":"1.0","version":"1","packages":{"a":{}}}', 'The manifest schemaVersion must be "2.0".'],
    ['{"schemaVersion":"2.0","version":"1 0","packages":{"a":{}}}', 'The manifest version is up to 128 letters, digits, _ . and -.'],
    ['{"schemaVersion":"2.0","version":"1","packages":{}}', 'The manifest has no packages.'],
    ['{"schemaVersion":"2.0","version":"1","packages":{"a":{"_any":{"_any":{}}}}}', 'packages.a._any._any needs a file.'],
  ])('refuses %s', (content, error) => {
    expect(parseManifest(content)).toEqual({ok: false, error});
  });
});

describe('packages on nodes', () => {
  it('name platforms and inventory entries as the agent and inventory do', () => {
    expect(manifestPlatformOf({platformType: 'Linux', platformName: 'Red Hat Enterprise Linux'})).toBe('redhat');
    expect(manifestPlatformOf({platformType: 'Windows', platformName: 'Microsoft Windows Server 2019 Datacenter'})).toBe('windows');
    expect(inventoryNameOf('AmazonCloudWatchAgent', 'Linux')).toBe('amazon-cloudwatch-agent');
    expect(inventoryNameOf('AmazonCloudWatchAgent', 'Windows')).toBe('Amazon CloudWatch Agent');
    expect(inventoryNameOf('MyAgent', 'Linux')).toBe('MyAgent');
  });

  it('build AWS-ConfigureAWSPackage parameters and check them first', () => {
    expect(configurePackageParameters({action: 'Install', name: 'AWSCodeDeployAgent', version: '', installationType: 'In-place update'}))
      .toEqual({action: ['Install'], name: ['AWSCodeDeployAgent'], installationType: ['In-place update']});
    expect(configurePackageProblems({action: 'Uninstall', name: 'arn:aws:ssm:eu-west-1:123456789012:package/MyAgent'})).toEqual([]);
    expect(configurePackageProblems({action: 'Install', name: '1bad', version: 'a b'})).toHaveLength(2);
  });
});
