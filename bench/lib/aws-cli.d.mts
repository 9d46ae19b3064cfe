// Types for aws-cli.mjs.

/** Runs `aws <args> --endpoint-url <endpoint> --output json` with `env` over the inherited environment. */
export function awsCli<T = Record<string, unknown>>(target: {endpoint: string; env: Record<string, string>}, args: string[]): Promise<T>;
