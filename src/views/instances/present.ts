// Pure presentation of a managed instance: short platform names, agent status, the detail pane's fields.
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import {newestAgentByPlatform, type NewestAgentByPlatform} from '../../fleet/format.js';
import {perFleet} from '../../fleet/instances/per-fleet.js';

const PLATFORM_SHORT: readonly [RegExp, string][] = [
  [/^Amazon Linux$/i, 'Amazon Linux'],
  [/^Red Hat Enterprise Linux.*/i, 'RHEL'],
  [/^Microsoft Windows Server (\d{4}).*/i, 'Windows $1'],
  [/^SUSE Linux Enterprise Server.*/i, 'SLES'],
];

/** "Ubuntu 22.04", "RHEL 9.4", "Windows 2022", "Amazon Linux 2023": fits a narrow column. */
export function shortPlatform(i: Pick<ManagedInstance, 'platformName' | 'platformVersion' | 'platformType'>): string {
  const name = i.platformName || i.platformType;
  for (const [re, short] of PLATFORM_SHORT) {
    if (re.test(name)) {
      const s = name.replace(re, short);
      return s.startsWith('Windows') ? s : `${s} ${i.platformVersion}`.trim();
    }
  }
  return `${name} ${i.platformVersion}`.trim();
}

/** Newest agent version per platform type, memoised per fleet array (the columns ask on every render). */
export const newestAgents: (fleet: readonly ManagedInstance[]) => NewestAgentByPlatform = perFleet(newestAgentByPlatform);

export function pingLabel(p: ManagedInstance['pingStatus']): string {
  return p === 'ConnectionLost' ? 'Lost' : p;
}
