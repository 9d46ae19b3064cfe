import {describe, expect, it} from 'vitest';
import {compileFilter} from '../../../src/fleet/filter.js';
import {instanceAddresses, instanceFilterSchema, instanceKind} from '../../../src/fleet/instances/instance-filter.js';
import type {ManagedInstance} from '../../../src/fleet/instances/instance.js';
import {makeInstance} from '../../helpers/instances.js';

const ec2 = {
  state: 'running', instanceType: 't3.micro', availabilityZone: 'eu-west-1a', privateIp: '10.0.1.15',
  publicIp: '54.10.20.30', imageId: 'ami-1', vpcId: 'vpc-1', subnetId: 'subnet-1', platformDetails: 'Linux/UNIX',
};

const fleet: ManagedInstance[] = [
  makeInstance({
    instanceId: 'i-0abc111', name: 'web-01', platformName: 'Ubuntu', platformVersion: '22.04',
    agentVersion: '3.3.40.0', ipAddress: '10.0.1.15', ec2, tags: {Env: 'prod', Team: 'edge'},
  }),
  makeInstance({
    instanceId: 'i-0abd222', name: 'web-02', pingStatus: 'ConnectionLost', platformName: 'Red Hat Enterprise Linux',
    platformVersion: '9.2', agentVersion: '3.2.1000.0', ipAddress: '10.0.1.16', tags: {Env: 'staging'},
  }),
  makeInstance({
    instanceId: 'i-0fff333', name: 'DC01', platformType: 'Windows',
    platformName: 'Microsoft Windows Server 2022 Datacenter', platformVersion: '10.0.20348', agentVersion: '3.3.40.0',
    ipAddress: '10.0.2.5', computerName: 'DC01.corp.example', tags: {Env: 'prod', Owner: ''},
  }),
  makeInstance({
    instanceId: 'mi-0123abcd', name: 'rack7-node', pingStatus: 'Inactive', resourceType: 'ManagedInstance',
    platformName: 'Debian GNU/Linux', platformVersion: '12', agentVersion: '3.1.0.0', ipAddress: '192.168.7.10',
    computerName: 'rack7', tags: {},
  }),
  makeInstance({
    instanceId: 'i-0mac444', name: 'build-mac', platformType: 'MacOS', platformName: 'macOS',
    platformVersion: '14.4', agentVersion: '3.3.40.0', ipAddress: '10.0.3.3', tags: {Env: 'ci'},
  }),
];

function ids(filter: string): string[] {
  const f = compileFilter(filter, instanceFilterSchema);
  if (!f.ok) throw new Error(`${f.error} at ${f.position}`);
  return fleet.filter(f.predicate).map((i) => i.instanceId);
}

describe('instanceFilterSchema', () => {
  it.each<[string, string[]]>([
    ['ping:online', ['i-0abc111', 'i-0fff333', 'i-0mac444']],
    ['ping:on', ['i-0abc111', 'i-0fff333', 'i-0mac444']],
    ['ping:connectionlost', ['i-0abd222']],
    ['ping:lost', ['i-0abd222']],
    ['ping:inactive', ['mi-0123abcd']],
    ['!ping:online', ['i-0abd222', 'mi-0123abcd']],
    ['platform:linux', ['i-0abc111', 'i-0abd222', 'mi-0123abcd']],
    ['platform:Windows', ['i-0fff333']],
    ['platform:macos', ['i-0mac444']],
    ['os:macos', ['i-0mac444']],
    ['platform:ubuntu', ['i-0abc111']],
    ['platform:"red hat"', ['i-0abd222']],
    ['platform:"server 2022"', ['i-0fff333']],
    ['platform:debian*', ['mi-0123abcd']],
    ['platform:lin', ['i-0abd222', 'mi-0123abcd']], // not a type: a substring of the OS name
    ['id:i-0ab*', ['i-0abc111', 'i-0abd222']],
    ['id:mi-*', ['mi-0123abcd']],
    ['id:333', ['i-0fff333']],
    ['name:web', ['i-0abc111', 'i-0abd222']],
    ['name:dc*', ['i-0fff333']],
    ['ip:10.0.1.', ['i-0abc111', 'i-0abd222']],
    ['ip:54.10', ['i-0abc111']],
    ['ip:*.10', ['mi-0123abcd']],
    ['ip:10.0.*', ['i-0abc111', 'i-0abd222', 'i-0fff333', 'i-0mac444']],
    ['agent:3.3', ['i-0abc111', 'i-0fff333', 'i-0mac444']],
    ['agent:3.2.*', ['i-0abd222']],
    ['type:ec2', ['i-0abc111', 'i-0abd222', 'i-0fff333', 'i-0mac444']],
    ['type:hybrid', ['mi-0123abcd']],
    ['type:onprem', ['mi-0123abcd']],
    ['tag:Env=prod', ['i-0abc111', 'i-0fff333']],
    ['tag:Owner', ['i-0fff333']],
    ['tag:Owner=', ['i-0fff333']],
    ['!tag:Env', ['mi-0123abcd']],
    // free text: id, name, ping, platform, agent, addresses, computer name, tag values
    ['abd', ['i-0abd222']],
    ['connectionlost', ['i-0abd222']],
    ['22.04', ['i-0abc111']],
    ['3.1.0', ['mi-0123abcd']],
    ['54.10.20', ['i-0abc111']],
    ['corp.example', ['i-0fff333']],
    ['staging', ['i-0abd222']],
    ['edge', ['i-0abc111']],
    ['ping:online tag:Env=prod platform:linux', ['i-0abc111']],
  ])('%j', (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['foo:1', 'unknown filter key "foo" — use one of: tag, tag-key, ping, platform, id, name, ip, agent, type'],
    ['ping:bogus', 'ping: "bogus" is not a ping status — use online, connectionlost, inactive'],
    ['type:vm', 'type: "vm" is not a node type — use ec2, hybrid'],
    ['tag:', 'tag: needs a key, e.g. tag:Env=prod'],
    ['platform:', 'platform: needs a value, e.g. platform:linux'],
  ])('%j → error', (filter, error) => {
    expect(compileFilter(filter, instanceFilterSchema)).toMatchObject({ok: false, error});
  });

  it('treats a node whose resource type is unknown by its id', () => {
    expect(instanceKind(makeInstance({resourceType: 'Unknown', instanceId: 'mi-1'}))).toBe('hybrid');
    expect(instanceKind(makeInstance({resourceType: 'Unknown', instanceId: 'i-1'}))).toBe('ec2');
  });

  it('lists every address once', () => {
    expect(instanceAddresses(fleet[0]!)).toEqual(['10.0.1.15', '54.10.20.30']);
    expect(instanceAddresses(makeInstance({ipAddress: ''}))).toEqual([]);
  });
});
