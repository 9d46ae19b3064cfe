// The real inventory of THIS machine, served for one designated node of the local fleet: installed Debian
// packages (dpkg-query), network interfaces (os.networkInterfaces), services (systemctl, else /etc/init.d)
// and the CPU (os.cpus). Read lazily on first use and cached for the life of the process; every source
// degrades to "not available" (undefined) instead of failing, and the generated data is used instead.

import {execFileSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import os from 'node:os';
import {isoSeconds} from '../../protocol/list-paging.js';

export type Row = Record<string, string>;

export interface HostInventory {
  /** AWS:Application rows from dpkg, or undefined when dpkg-query is absent or fails. */
  applications: Row[] | undefined;
  network: Row[];
  /** AWS:Service rows, or undefined when neither systemctl nor /etc/init.d answers. */
  services: Row[] | undefined;
  detailed: Row;
}

const DPKG_FORMAT = '${db:Status-Abbrev}\\t${Package}\\t${Version}\\t${Architecture}\\t${Section}\\t${Maintainer}\\t${Homepage}\\t${db-fsys:Last-Modified}\\t${binary:Summary}\\n';

function run(cmd: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync(cmd, args, {encoding: 'utf8', timeout: 10_000, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore']});
  } catch {
    return undefined;
  }
}

/** Splits a Debian version into epoch, upstream version and revision ("1:8.9p1-3ubuntu0.10"). */
export function splitDebianVersion(full: string): {epoch: string; version: string; release: string} {
  const colon = full.indexOf(':');
  const epoch = colon > 0 && /^\d+$/.test(full.slice(0, colon)) ? full.slice(0, colon) : '';
  const rest = epoch === '' ? full : full.slice(colon + 1);
  const dash = rest.lastIndexOf('-');
  return dash > 0 ? {epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1)} : {epoch, version: rest, release: ''};
}

/** Parses `dpkg-query -W -f DPKG_FORMAT` output: installed ("ii") packages only, sorted by name. */
export function parseDpkg(text: string): Row[] {
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    const f = line.split('\t');
    if (f.length < 9 || !(f[0] ?? '').startsWith('ii')) continue;
    const [, name = '', full = '', arch = '', section = '', maintainer = '', homepage = '', modified = '', summary = ''] = f;
    const {epoch, version, release} = splitDebianVersion(full);
    const seconds = Number(modified);
    rows.push({
      Name: name,
      ApplicationType: section,
      Publisher: maintainer,
      Version: version,
      Release: release,
      Epoch: epoch,
      InstalledTime: Number.isFinite(seconds) && seconds > 0 ? isoSeconds(seconds * 1000) : '',
      Architecture: arch,
      URL: homepage,
      Summary: summary,
      PackageId: `${name}_${full.replace(/^\d+:/, '')}_${arch}.deb`,
    });
  }
  rows.sort((a, b) => ((a['Name'] ?? '') < (b['Name'] ?? '') ? -1 : (a['Name'] ?? '') > (b['Name'] ?? '') ? 1 : 0));
  return rows;
}

function readApplications(): Row[] | undefined {
  const out = run('dpkg-query', ['-W', '-f', DPKG_FORMAT]);
  if (out === undefined) return undefined;
  const rows = parseDpkg(out);
  return rows.length > 0 ? rows : undefined;
}

function prefixToMask(bits: number): string {
  const parts: number[] = [];
  for (let i = 0; i < 4; i++) {
    const take = Math.max(0, Math.min(8, bits - i * 8));
    parts.push(take === 0 ? 0 : (0xff << (8 - take)) & 0xff);
  }
  return parts.join('.');
}

function readNetwork(): Row[] {
  const rows: Row[] = [];
  const all = os.networkInterfaces();
  const names = Object.keys(all).sort();
  const external = names.filter((n) => (all[n] ?? []).some((a) => !a.internal));
  for (const name of external.length > 0 ? external : names) {
    const addrs = all[name] ?? [];
    const v4 = addrs.filter((a) => a.family === 'IPv4');
    const v6 = addrs.filter((a) => a.family === 'IPv6');
    const cidr = v4[0]?.cidr ?? '';
    const bits = Number(cidr.split('/')[1] ?? 'NaN');
    rows.push({
      Name: name,
      SubnetMask: Number.isFinite(bits) ? prefixToMask(bits) : '',
      Gateway: '',
      DHCPServer: '',
      DNSServer: '',
      MacAddress: addrs[0]?.mac ?? '',
      IPV4: v4.map((a) => a.address).join(','),
      IPV6: v6.map((a) => a.address).join(','),
    });
  }
  return rows;
}

/** `systemctl list-units --type=service --all --no-legend --plain` lines → AWS:Service rows. */
export function parseSystemctl(text: string): Row[] {
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\S+)\.service\s+(\S+)\s+(\S+)\s+(\S+)\s*(.*)$/.exec(line.trim());
    if (m === null) continue;
    const [, name = '', , active = '', sub = '', description = ''] = m;
    rows.push({
      Name: name,
      DisplayName: description,
      ServiceType: '',
      Status: sub === 'running' ? 'Running' : active === 'failed' ? 'Failed' : 'Stopped',
      DependentServices: '',
      ServicesDependedOn: '',
      StartType: '',
    });
  }
  return rows;
}

function readServices(): Row[] | undefined {
  const out = run('systemctl', ['list-units', '--type=service', '--all', '--no-legend', '--plain']);
  const fromSystemd = out === undefined ? [] : parseSystemctl(out);
  if (fromSystemd.length > 0) return fromSystemd;
  try {
    const scripts = readdirSync('/etc/init.d', {withFileTypes: true})
      .filter((e) => !e.isDirectory() && !e.name.startsWith('.') && e.name !== 'README' && e.name !== 'rc' && e.name !== 'rcS')
      .map((e) => e.name)
      .sort();
    if (scripts.length === 0) return undefined;
    return scripts.map((name) => ({
      Name: name, DisplayName: name, ServiceType: 'SysV', Status: 'Stopped', DependentServices: '', ServicesDependedOn: '', StartType: '',
    }));
  } catch {
    return undefined;
  }
}

function readDetailed(): Row {
  const cpus = os.cpus();
  return {
    CPUModel: cpus[0]?.model.trim() ?? '',
    CPUCores: String(cpus.length),
    CPUs: String(cpus.length),
    CPUSpeedMHz: String(cpus[0]?.speed ?? 0),
    CPUSockets: '1',
    CPUHyperThreadEnabled: 'false',
    OSServicePack: '',
  };
}

let cached: HostInventory | undefined;

/** This machine's inventory, read once per process. */
export function hostInventory(): HostInventory {
  cached ??= {applications: readApplications(), network: readNetwork(), services: readServices(), detailed: readDetailed()};
  return cached;
}
