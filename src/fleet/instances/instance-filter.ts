// The filter schema of the managed-instances view (and of headless commands that select instances).
// Syntax: see filter.ts. Keys here:
//   ping:online|connectionlost|inactive   (alias lost; prefixes like ping:on work)
//   platform:linux|windows|macos           the platform type exactly — or any other word, matched as a substring
//                                          of the OS name: platform:ubuntu, platform:"server 2022", platform:rhel*
//   id:i-0ab*   name:web   ip:10.0.*       id and name match a substring; ip a prefix of any of the node's
//                                          addresses (SSM's, and EC2's private and public)
//   agent:3.2   agent:3.3.*                prefix of the agent version (no `outdated`: that needs the fleet's
//                                          newest version, which one row cannot know — see agentOutdated)
//   type:ec2|hybrid                        EC2 instance, or hybrid/on-premises node (mi-…)
//   tag:Env=prod,staging  tag:Owner  tag-key:Owner  tag:Env=
// Free text searches: id, name, ping status, platform type/name/version, agent version, IP addresses, computer
// name, and tag values.
import {cachedHaystack, type FilterSchema} from '../filter.js';
import type {ManagedInstance} from './instance.js';

const PLATFORM_TYPES = ['linux', 'windows', 'macos'];

/** `ec2` or `hybrid`; a node whose resource type SSM did not say is judged by its id (`mi-` is hybrid). */
export function instanceKind(i: ManagedInstance): 'ec2' | 'hybrid' {
  switch (i.resourceType) {
    case 'EC2Instance': return 'ec2';
    case 'ManagedInstance': return 'hybrid';
    case 'Unknown': return i.instanceId.startsWith('mi-') ? 'hybrid' : 'ec2';
  }
}

/** Every address the node is known by, without blanks or repeats. */
export function instanceAddresses(i: ManagedInstance): string[] {
  const all = [i.ipAddress, i.ec2?.privateIp ?? '', i.ec2?.publicIp ?? ''];
  return [...new Set(all.filter((a) => a !== ''))];
}

const haystack = cachedHaystack<ManagedInstance>((i) => [
  i.instanceId, i.name, i.pingStatus, i.platformType, i.platformName, i.platformVersion, i.agentVersion,
  ...instanceAddresses(i), i.computerName, ...Object.values(i.tags),
]);

export const instanceFilterSchema: FilterSchema<ManagedInstance> = {
  keys: {
    ping: {
      describe: 'ping status: online, connectionlost (lost), inactive',
      values: ['online', 'connectionlost', 'inactive'],
      valueAliases: {lost: 'connectionlost'},
      valueNoun: 'a ping status',
      get: (i) => i.pingStatus,
    },
    platform: {
      describe: 'linux, windows, macos — or a word of the OS name (ubuntu, rhel, "server 2022")',
      aliases: ['os'],
      example: 'platform:linux',
      get: (i) => [i.platformType, i.platformName],
      match: (i, v) => {
        const lower = v.text.toLowerCase();
        if (!v.glob && PLATFORM_TYPES.includes(lower)) return i.platformType.toLowerCase() === lower;
        return v.exact(i.platformType) || v.substring(i.platformName);
      },
    },
    id: {
      describe: 'instance id (substring; * globs): id:i-0ab*, id:mi-*',
      example: 'id:i-0ab*',
      get: (i) => i.instanceId,
    },
    name: {
      describe: 'Name tag (substring; * globs): name:web, name:"web 0*"',
      example: 'name:web*',
      get: (i) => i.name,
    },
    ip: {
      describe: 'IP address prefix, private or public (* globs): ip:10.0.1., ip:*.15',
      example: 'ip:10.0.*',
      // Allocation-free in the common case (this runs 50,000 times a keystroke); repeats are harmless here.
      get: (i) => (i.ec2 ? [i.ipAddress, i.ec2.privateIp, i.ec2.publicIp] : i.ipAddress),
      match: 'prefix',
    },
    agent: {
      describe: 'SSM agent version prefix (* globs): agent:3.2, agent:3.3.*',
      example: 'agent:3.3',
      get: (i) => i.agentVersion,
      match: 'prefix',
    },
    type: {
      describe: 'ec2 or hybrid (on-premises, mi-…)',
      values: ['ec2', 'hybrid'],
      valueAliases: {onprem: 'hybrid', 'on-prem': 'hybrid'},
      valueNoun: 'a node type',
      get: instanceKind,
    },
  },
  text: haystack,
  tags: (i) => i.tags,
};
