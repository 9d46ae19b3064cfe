export function fleetEnv(
  fleet: {region: string; credentials: {accessKeyId: string; secretAccessKey: string; sessionToken: string}},
  stateDir: string,
): Record<string, string>;

export function isolatedEnv(prefix: string): {
  HOME: string;
  XDG_STATE_HOME: string;
  XDG_CONFIG_HOME: string;
} & Record<string, string | undefined>;
