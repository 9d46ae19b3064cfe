// AWS's predefined patch baselines, one per operating system (three for Windows), with the approval rules the user
// guide documents (UG: patch-manager-predefined-and-custom-patch-baselines). They live in an AWS account, so they are
// addressed by full ARN; the ids the API reference quotes are used where it quotes them, the rest are stable per
// region.
import {createHash} from 'node:crypto';
import type {BaselineRules, OperatingSystem, PatchFilter, PatchRule} from '../../../fleet/baselines/baseline.js';

/** The accounts the API reference shows AWS's baselines in, per region (others: a stand-in). */
const AWS_ACCOUNTS: Readonly<Record<string, string>> = {'us-east-2': '733109147000', 'us-west-2': '280605243866'};
const STAND_IN_ACCOUNT = '075727635805';
/** Baseline ids quoted by the API reference (GetPatchBaseline, RegisterDefaultPatchBaseline, the CLI examples). */
const QUOTED_IDS: Readonly<Record<string, string>> = {
  'us-east-2:AWS-AmazonLinuxDefaultPatchBaseline': 'pb-0e392de35e7c563b7',
  'us-east-2:AWS-CentOSDefaultPatchBaseline': 'pb-0574b43a65ea646ed',
  'us-west-2:AWS-DefaultPatchBaseline': 'pb-04fb4ae6142167966',
};

export interface PredefinedBaseline {
  name: string;
  description: string;
  rules: BaselineRules;
  /** The default for its operating system until another baseline is registered as default. */
  isDefault: boolean;
}

const f = (key: PatchFilter['key'], ...values: string[]): PatchFilter => ({key, values});
const rule = (days: number, ...filters: PatchFilter[]): PatchRule => ({filters, complianceLevel: 'UNSPECIFIED', approveAfterDays: days, enableNonSecurity: false});
const immediate = (...filters: PatchFilter[]): PatchRule => ({filters, complianceLevel: 'UNSPECIFIED', enableNonSecurity: false});

function baseline(os: OperatingSystem, rules: PatchRule[]): BaselineRules {
  return {
    operatingSystem: os, globalFilters: [], rules, approvedPatches: [], approvedPatchesComplianceLevel: 'UNSPECIFIED',
    approvedPatchesEnableNonSecurity: false, rejectedPatches: [], rejectedPatchesAction: 'ALLOW_AS_DEPENDENCY',
  };
}

/** Security Critical/Important and Bugfix, 7 days after release (Amazon Linux, RHEL, Rocky, Alma). */
const securityAndBugfix = (os: OperatingSystem, severities = ['Critical', 'Important']): BaselineRules =>
  baseline(os, [rule(7, f('PRODUCT', '*'), f('CLASSIFICATION', 'Security'), f('SEVERITY', ...severities)), rule(7, f('PRODUCT', '*'), f('CLASSIFICATION', 'Bugfix'))]);
const debianFamily = (os: OperatingSystem): BaselineRules =>
  baseline(os, [immediate(f('PRODUCT', '*'), f('SECTION', '*'), f('PRIORITY', 'Required', 'Important', 'Standard', 'Optional', 'Extra'))]);
const windowsOs = (): BaselineRules =>
  baseline('WINDOWS', [rule(7, f('PRODUCT', '*'), f('CLASSIFICATION', 'CriticalUpdates', 'SecurityUpdates'), f('MSRC_SEVERITY', 'Critical', 'Important'))]);

const provided = (what: string): string => `Default Patch Baseline for ${what} Provided by AWS.`;

export const PREDEFINED_BASELINES: readonly PredefinedBaseline[] = [
  {name: 'AWS-AlmaLinuxDefaultPatchBaseline', description: provided('Alma Linux'), rules: securityAndBugfix('ALMA_LINUX'), isDefault: true},
  {name: 'AWS-AmazonLinuxDefaultPatchBaseline', description: provided('Amazon Linux'), rules: securityAndBugfix('AMAZON_LINUX'), isDefault: true},
  {name: 'AWS-AmazonLinux2DefaultPatchBaseline', description: provided('Amazon Linux 2'), rules: securityAndBugfix('AMAZON_LINUX_2'), isDefault: true},
  {name: 'AWS-AmazonLinux2022DefaultPatchBaseline', description: provided('Amazon Linux 2022'), rules: securityAndBugfix('AMAZON_LINUX_2022'), isDefault: true},
  {name: 'AWS-AmazonLinux2023DefaultPatchBaseline', description: provided('Amazon Linux 2023'), rules: securityAndBugfix('AMAZON_LINUX_2023'), isDefault: true},
  {
    name: 'AWS-CentOSDefaultPatchBaseline', description: provided('CentOS'), isDefault: true,
    rules: baseline('CENTOS', [{...rule(7, f('PRODUCT', '*'), f('CLASSIFICATION', '*'), f('SEVERITY', '*')), enableNonSecurity: true}]),
  },
  {name: 'AWS-DebianDefaultPatchBaseline', description: provided('Debian'), rules: debianFamily('DEBIAN'), isDefault: true},
  {name: 'AWS-DefaultRaspbianPatchBaseline', description: provided('Raspberry Pi OS'), rules: debianFamily('RASPBIAN'), isDefault: true},
  {name: 'AWS-MacOSDefaultPatchBaseline', description: provided('macOS'), rules: baseline('MACOS', [rule(0, f('PRODUCT', '*'), f('CLASSIFICATION', '*'))]), isDefault: true},
  {name: 'AWS-OracleLinuxDefaultPatchBaseline', description: provided('Oracle Linux'), rules: securityAndBugfix('ORACLE_LINUX', ['Important', 'Moderate']), isDefault: true},
  {name: 'AWS-RedHatDefaultPatchBaseline', description: provided('Redhat Enterprise Linux'), rules: securityAndBugfix('REDHAT_ENTERPRISE_LINUX'), isDefault: true},
  {name: 'AWS-RockyLinuxDefaultPatchBaseline', description: provided('Rocky Linux'), rules: securityAndBugfix('ROCKY_LINUX'), isDefault: true},
  {
    name: 'AWS-SuseDefaultPatchBaseline', description: provided('Suse Linux Enterprise Server'), isDefault: true,
    rules: baseline('SUSE', [rule(7, f('PRODUCT', '*'), f('CLASSIFICATION', 'Security'), f('SEVERITY', 'Critical', 'Important'))]),
  },
  {name: 'AWS-UbuntuDefaultPatchBaseline', description: provided('Ubuntu'), rules: debianFamily('UBUNTU'), isDefault: true},
  {name: 'AWS-DefaultPatchBaseline', description: 'Default Patch Baseline Provided by AWS.', rules: windowsOs(), isDefault: true},
  {name: 'AWS-WindowsPredefinedPatchBaseline-OS', description: 'Windows Server patch baseline for operating system updates only.', rules: windowsOs(), isDefault: false},
  {
    name: 'AWS-WindowsPredefinedPatchBaseline-OS-Applications', description: 'Windows Server patch baseline for operating system and Microsoft application updates.', isDefault: false,
    rules: baseline('WINDOWS', [
      rule(7, f('PATCH_SET', 'OS'), f('PRODUCT', '*'), f('CLASSIFICATION', 'CriticalUpdates', 'SecurityUpdates'), f('MSRC_SEVERITY', 'Critical', 'Important')),
      rule(7, f('PATCH_SET', 'APPLICATION'), f('PRODUCT_FAMILY', '*'), f('PRODUCT', '*'), f('CLASSIFICATION', '*'), f('MSRC_SEVERITY', '*')),
    ]),
  },
];

/** The full ARN of a predefined baseline in a region. */
export function predefinedBaselineArn(region: string, name: string): string {
  const id = QUOTED_IDS[`${region}:${name}`] ?? `pb-0${createHash('sha256').update(`${region}:${name}`).digest('hex').slice(0, 16)}`;
  return `arn:aws:ssm:${region}:${AWS_ACCOUNTS[region] ?? STAND_IN_ACCOUNT}:patchbaseline/${id}`;
}
