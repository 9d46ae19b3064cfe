export function fleetEnv(
  fleet: {region: string; credentials: {accessKeyId: string; secretAccessKey: string; sessionToken: string}},
  stateDir: string,
): Record<string, string>;
