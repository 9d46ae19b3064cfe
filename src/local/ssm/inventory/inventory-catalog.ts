// Static catalogs inventory-data.ts draws from: packages per platform (with the versions the fleet spreads
// across its nodes), services, CPU models. Plain data, no logic. Versions are "version-release" strings;
// the first entry of a list is the newest and the most common.

export type PackageFamily = 'rpm' | 'deb' | 'win';

/** [name, versions ("version-release"; first = newest), summary, group/section, epoch]. */
export type PackageSpec = readonly [name: string, versions: readonly string[], summary: string, group: string, epoch?: string];

export interface PlatformPackages {
  family: PackageFamily;
  publisher: string;
  /** Packages every node of the platform has, at one fleet-wide version. */
  base: readonly PackageSpec[];
  /** Packages whose version differs across the fleet (openssl, openssh, kernel, …). */
  variable: readonly PackageSpec[];
}

const AL2023: PlatformPackages = {
  family: 'rpm',
  publisher: 'Amazon Linux',
  base: [
    ['bash', ['5.2.15-1.amzn2023.0.2'], 'The GNU Bourne Again shell', 'System Environment/Shells'],
    ['coreutils', ['8.32-30.amzn2023.0.3'], 'A set of basic GNU tools commonly used in shell scripts', 'System Environment/Base'],
    ['glibc', ['2.34-52.amzn2023.0.11'], 'The GNU libc libraries', 'System Environment/Libraries'],
    ['systemd', ['252.23-2.amzn2023'], 'System and Service Manager', 'System Environment/Base'],
    ['python3', ['3.9.16-1.amzn2023.0.9'], 'Python 3.9 interpreter', 'Development/Languages'],
    ['sudo', ['1.9.15-1.p5.amzn2023.0.1'], 'Allows restricted root access for specified users', 'Applications/System'],
    ['chrony', ['4.3-1.amzn2023.0.4'], 'An NTP client/server', 'System Environment/Daemons'],
    ['ca-certificates', ['2023.2.68-1.0.amzn2023.0.1'], 'The Mozilla CA root certificate bundle', 'System Environment/Base'],
    ['tzdata', ['2024a-1.amzn2023.0.1'], 'Timezone data', 'System Environment/Base'],
    ['dnf', ['4.14.0-1.amzn2023.0.5'], 'Package manager', 'System Environment/Base'],
    ['cloud-init', ['22.2.2-1.amzn2023.1.14'], 'Cloud instance init scripts', 'System Environment/Base'],
    ['ec2-instance-connect', ['1.1-19.amzn2023'], 'EC2 instance scripting and configuration for EC2 Instance Connect', 'System Environment/Base'],
  ],
  variable: [
    ['openssl', ['3.0.8-1.amzn2023.0.14', '3.0.8-1.amzn2023.0.12', '3.0.8-1.amzn2023.0.9'], 'Utilities from the general purpose cryptography library with TLS implementation', 'System Environment/Libraries', '1'],
    ['openssh-server', ['8.7p1-8.amzn2023.0.11', '8.7p1-8.amzn2023.0.10', '8.7p1-8.amzn2023.0.4'], 'An open source SSH server daemon', 'System Environment/Daemons'],
    ['kernel', ['6.1.112-122.189.amzn2023', '6.1.109-118.189.amzn2023', '6.1.102-111.182.amzn2023'], 'The Linux kernel', 'System Environment/Kernel'],
    ['curl', ['8.5.0-1.amzn2023.0.4', '8.3.0-1.amzn2023.0.5'], 'A utility for getting files from remote servers', 'Applications/Internet'],
  ],
};

const AL2: PlatformPackages = {
  family: 'rpm',
  publisher: 'Amazon Linux',
  base: [
    ['bash', ['4.2.46-34.amzn2'], 'The GNU Bourne Again shell', 'System Environment/Shells'],
    ['coreutils', ['8.22-24.amzn2'], 'A set of basic GNU tools commonly used in shell scripts', 'System Environment/Base'],
    ['glibc', ['2.26-64.amzn2.0.2'], 'The GNU libc libraries', 'System Environment/Libraries'],
    ['systemd', ['219-78.amzn2.0.22'], 'A System and Service Manager', 'System Environment/Base'],
    ['python', ['2.7.18-1.amzn2.0.8'], 'An interpreted, interactive, object-oriented programming language', 'Development/Languages'],
    ['sudo', ['1.8.23-10.amzn2.3.3'], 'Allows restricted root access for specified users', 'Applications/System'],
    ['chrony', ['4.2-5.amzn2.0.2'], 'An NTP client/server', 'System Environment/Daemons'],
    ['yum', ['3.4.3-158.amzn2.0.7'], 'RPM package installer/updater/manager', 'System Environment/Base'],
    ['ca-certificates', ['2023.2.62-1.amzn2.0.1'], 'The Mozilla CA root certificate bundle', 'System Environment/Base'],
  ],
  variable: [
    ['openssl', ['1.0.2k-24.amzn2.0.13', '1.0.2k-24.amzn2.0.12', '1.0.2k-24.amzn2.0.7'], 'Utilities from the general purpose cryptography library with TLS implementation', 'System Environment/Libraries', '1'],
    ['openssh-server', ['7.4p1-22.amzn2.0.6', '7.4p1-22.amzn2.0.5', '7.4p1-22.amzn2.0.1'], 'An open source SSH server daemon', 'System Environment/Daemons'],
    ['kernel', ['5.10.226-219.880.amzn2', '5.10.225-213.878.amzn2', '4.14.352-268.568.amzn2'], 'The Linux kernel', 'System Environment/Kernel'],
    ['curl', ['8.3.0-1.amzn2.0.6', '7.88.1-1.amzn2.0.1'], 'A utility for getting files from remote servers', 'Applications/Internet'],
  ],
};

const RHEL9: PlatformPackages = {
  family: 'rpm',
  publisher: 'Red Hat, Inc.',
  base: [
    ['bash', ['5.1.8-9.el9'], 'The GNU Bourne Again shell', 'Unspecified'],
    ['coreutils', ['8.32-35.el9'], 'A set of basic GNU tools commonly used in shell scripts', 'Unspecified'],
    ['glibc', ['2.34-100.el9_4.4'], 'The GNU libc libraries', 'Unspecified'],
    ['systemd', ['252-32.el9_4.7'], 'System and Service Manager', 'Unspecified'],
    ['python3', ['3.9.18-3.el9_4.5'], 'Python 3.9 interpreter', 'Unspecified'],
    ['sudo', ['1.9.5p2-10.el9_3'], 'Allows restricted root access for specified users', 'Unspecified'],
    ['chrony', ['4.5-1.el9'], 'An NTP client/server', 'Unspecified'],
    ['dnf', ['4.14.0-9.el9'], 'Package manager', 'Unspecified'],
  ],
  variable: [
    ['openssl', ['3.0.7-28.el9_4', '3.0.7-27.el9', '3.0.7-25.el9_3'], 'Utilities from the general purpose cryptography library with TLS implementation', 'Unspecified', '1'],
    ['openssh-server', ['8.7p1-38.el9_4.4', '8.7p1-38.el9', '8.7p1-34.el9_3.3'], 'An open source SSH server daemon', 'Unspecified'],
    ['kernel', ['5.14.0-427.40.1.el9_4', '5.14.0-427.37.1.el9_4', '5.14.0-362.24.1.el9_3'], 'The Linux kernel, based on version 5.14.0, heavily modified with backports', 'Unspecified'],
  ],
};

function ubuntu(release: '22.04' | '24.04'): PlatformPackages {
  const jammy = release === '22.04';
  return {
    family: 'deb',
    publisher: 'Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>',
    base: [
      ['bash', [jammy ? '5.1-6ubuntu1.1' : '5.2.21-2ubuntu4'], 'GNU Bourne Again SHell', 'shells'],
      ['coreutils', [jammy ? '8.32-4.1ubuntu1.2' : '9.4-3ubuntu6'], 'GNU core utilities', 'utils'],
      ['libc6', [jammy ? '2.35-0ubuntu3.8' : '2.39-0ubuntu8.3'], 'GNU C Library: Shared libraries', 'libs'],
      ['systemd', [jammy ? '249.11-0ubuntu3.12' : '255.4-1ubuntu8.4'], 'system and service manager', 'admin'],
      ['python3', [jammy ? '3.10.6-1~22.04.1' : '3.12.3-0ubuntu2'], 'interactive high-level object-oriented language (default python3 version)', 'python'],
      ['sudo', [jammy ? '1.9.9-1ubuntu2.4' : '1.9.15p5-3ubuntu5'], 'Provide limited super user privileges to specific users', 'admin'],
      ['chrony', [jammy ? '4.2-2ubuntu2' : '4.5-1ubuntu4.1'], 'Versatile implementation of the Network Time Protocol', 'net'],
      ['apt', [jammy ? '2.4.13' : '2.7.14build2'], 'commandline package manager', 'admin'],
      ['ca-certificates', [jammy ? '20240203~22.04.1' : '20240203'], 'Common CA certificates', 'misc'],
      ['snapd', [jammy ? '2.63+22.04ubuntu0.1' : '2.63.1+24.04'], 'Daemon and tooling that enable snap packages', 'devel'],
    ],
    variable: [
      ['openssl', jammy ? ['3.0.2-0ubuntu1.18', '3.0.2-0ubuntu1.15', '3.0.2-0ubuntu1.12'] : ['3.0.13-0ubuntu3.4', '3.0.13-0ubuntu3.1'], 'Secure Sockets Layer toolkit - cryptographic utility', 'utils'],
      ['openssh-server', jammy ? ['1:8.9p1-3ubuntu0.10', '1:8.9p1-3ubuntu0.7', '1:8.9p1-3ubuntu0.4'] : ['1:9.6p1-3ubuntu13.5', '1:9.6p1-3ubuntu13.4'], 'secure shell (SSH) server, for secure access from remote machines', 'net'],
      [jammy ? 'linux-image-aws' : 'linux-image-aws', jammy ? ['5.15.0.1070.70', '5.15.0.1068.68', '5.15.0.1064.64'] : ['6.8.0.1016.17', '6.8.0.1015.16', '6.8.0.1012.13'], 'Linux kernel image for Amazon Web Services (AWS) systems.', 'kernel'],
      ['curl', jammy ? ['7.81.0-1ubuntu1.18', '7.81.0-1ubuntu1.16'] : ['8.5.0-2ubuntu10.4', '8.5.0-2ubuntu10.1'], 'command line tool for transferring data with URL syntax', 'web'],
    ],
  };
}

const WINDOWS: PlatformPackages = {
  family: 'win',
  publisher: 'Microsoft Corporation',
  base: [
    ['Microsoft Visual C++ 2015-2022 Redistributable (x64)', ['14.38.33135.0'], '', ''],
    ['AWS PV Drivers', ['8.4.3'], '', ''],
    ['Amazon Elastic Network Adapter', ['2.6.0'], '', ''],
    ['EC2Launch v2', ['2.0.1981.0'], '', ''],
  ],
  variable: [
    ['Microsoft Edge', ['130.0.2849.68', '129.0.2792.89', '128.0.2739.79'], '', ''],
    ['AWS Tools for Windows', ['3.15.2248', '3.15.2172', '3.15.2072'], '', ''],
    ['Amazon CloudWatch Agent', ['1.300049.1', '1.300042.1'], '', ''],
  ],
};

export const PLATFORM_PACKAGES: Readonly<Record<string, PlatformPackages>> = {
  'Amazon Linux 2023': AL2023,
  'Amazon Linux 2': AL2,
  'Red Hat Enterprise Linux 9.4': RHEL9,
  'Ubuntu 22.04': ubuntu('22.04'),
  'Ubuntu 24.04': ubuntu('24.04'),
  Windows: WINDOWS,
};

/** Role-specific software: [rpm spec, deb spec, windows spec]. */
export const ROLE_PACKAGES: Readonly<Record<string, readonly (PackageSpec | undefined)[]>> = {
  web: [
    ['nginx', ['1.24.0-1.amzn2023.0.4', '1.24.0-1.amzn2023.0.2'], 'A high performance web server and reverse proxy server', 'System Environment/Daemons', '1'],
    ['nginx', ['1.18.0-6ubuntu14.5', '1.18.0-6ubuntu14.4'], 'small, powerful, scalable web/proxy server', 'httpd'],
    ['IIS 10.0 Express', ['10.0.1737'], '', ''],
  ],
  api: [
    ['java-17-amazon-corretto-headless', ['17.0.13+11-1.amzn2023.1', '17.0.12+7-1.amzn2023.1'], 'Amazon Corretto headless development environment', 'Development/Languages', '1'],
    ['openjdk-17-jre-headless', ['17.0.12+7-1ubuntu2~22.04', '17.0.11+9-1~22.04.1'], 'OpenJDK Java runtime, using Hotspot JIT (headless)', 'java'],
    undefined,
  ],
  worker: [
    ['docker', ['25.0.6-1.amzn2023.0.2', '25.0.5-1.amzn2023.0.1'], 'Automates deployment of containerized applications', 'System Environment/Base'],
    ['docker.io', ['24.0.7-0ubuntu2~22.04.1', '24.0.5-0ubuntu1~22.04.1'], 'Linux container runtime', 'admin'],
    undefined,
  ],
  db: [
    ['postgresql15-server', ['15.8-1.amzn2023.0.1', '15.6-1.amzn2023.0.1'], 'The programs needed to create and run a PostgreSQL server', 'Applications/Databases'],
    ['postgresql-14', ['14.13-0ubuntu0.22.04.1', '14.12-0ubuntu0.22.04.1'], 'The World\'s Most Advanced Open Source Relational Database', 'database'],
    ['Microsoft SQL Server 2019 (64-bit)', ['15.0.2000.5'], '', ''],
  ],
  cache: [
    ['redis6', ['6.2.14-1.amzn2023.0.1', '6.2.7-1.amzn2023.0.1'], 'A persistent key-value database', 'Applications/Databases'],
    ['redis-server', ['5:6.0.16-1ubuntu1', '5:6.0.16-1ubuntu1'], 'Persistent key-value database with network interface', 'database'],
    undefined,
  ],
  monitor: [
    ['amazon-cloudwatch-agent', ['1.300049.1-1', '1.300042.1-1'], 'Amazon CloudWatch Agent', 'Applications/System'],
    ['prometheus-node-exporter', ['1.3.1-1ubuntu0.22.04.3', '1.3.1-1ubuntu0.22.04.2'], 'Prometheus exporter for machine metrics', 'net'],
    undefined,
  ],
};

/** [name, display name, role (undefined = every node)] per family. */
export const SERVICES: Readonly<Record<PackageFamily, readonly (readonly [string, string, string | undefined])[]>> = {
  rpm: [
    ['amazon-ssm-agent', 'amazon-ssm-agent', undefined],
    ['sshd', 'OpenSSH server daemon', undefined],
    ['chronyd', 'NTP client/server', undefined],
    ['crond', 'Command Scheduler', undefined],
    ['rsyslog', 'System Logging Service', undefined],
    ['nginx', 'The nginx HTTP and reverse proxy server', 'web'],
    ['docker', 'Docker Application Container Engine', 'worker'],
    ['postgresql', 'PostgreSQL database server', 'db'],
    ['redis6', 'Redis persistent key-value database', 'cache'],
    ['amazon-cloudwatch-agent', 'Amazon CloudWatch Agent', 'monitor'],
  ],
  deb: [
    ['snap.amazon-ssm-agent.amazon-ssm-agent', 'Service for snap application amazon-ssm-agent.amazon-ssm-agent', undefined],
    ['ssh', 'OpenBSD Secure Shell server', undefined],
    ['chrony', 'chrony, an NTP client/server', undefined],
    ['cron', 'Regular background program processing daemon', undefined],
    ['unattended-upgrades', 'Unattended Upgrades Shutdown', undefined],
    ['nginx', 'A high performance web server and a reverse proxy server', 'web'],
    ['docker', 'Docker Application Container Engine', 'worker'],
    ['postgresql', 'PostgreSQL RDBMS', 'db'],
    ['redis-server', 'Advanced key-value store', 'cache'],
    ['prometheus-node-exporter', 'Prometheus exporter for machine metrics', 'monitor'],
  ],
  win: [
    ['AmazonSSMAgent', 'Amazon SSM Agent', undefined],
    ['W32Time', 'Windows Time', undefined],
    ['WinRM', 'Windows Remote Management (WS-Management)', undefined],
    ['EventLog', 'Windows Event Log', undefined],
    ['wuauserv', 'Windows Update', undefined],
    ['W3SVC', 'World Wide Web Publishing Service', 'web'],
    ['MSSQLSERVER', 'SQL Server (MSSQLSERVER)', 'db'],
  ],
};

/** CPU model, clock (MHz) and whether SMT is on, by instance family prefix. */
export const CPU_MODELS: readonly (readonly [prefix: string, model: string, mhz: number, smt: boolean])[] = [
  ['t3', 'Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz', 2500, true],
  ['m6i', 'Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz', 2900, true],
  ['c6i', 'Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz', 2900, true],
  ['r6i', 'Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz', 2900, true],
  ['t4g', 'Neoverse-N1', 2500, false],
  ['r6g', 'Neoverse-N1', 2500, false],
  ['m7g', 'Neoverse-V1', 2600, false],
  ['c7g', 'Neoverse-V1', 2600, false],
  ['r7g', 'Neoverse-V1', 2600, false],
];

/** vCPUs by instance size. */
export const SIZE_VCPUS: Readonly<Record<string, number>> = {
  micro: 2, small: 2, medium: 2, large: 2, xlarge: 4, '2xlarge': 8, '4xlarge': 16,
};
