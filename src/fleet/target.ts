// Where the app is pointed (AWS or the local fleet, region, profile, account): what the header shows.
/** Where the app is pointed; the header shows `label`. */
export interface AwsTarget {
  kind: 'local' | 'aws';
  region: string;
  profile?: string;
  endpoint?: string;
  accountId?: string;
  label: string;
}
