// The real AWS CLI against a local fleet: `aws <args> --endpoint-url … --output json`, parsed. Types: aws-cli.d.mts.
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';

const run = promisify(execFile);

/**
 * @param {{endpoint: string; env: Record<string, string>}} target
 * @param {string[]} args
 * @returns {Promise<any>}
 */
export const awsCli = async (target, args) => {
  const {stdout} = await run('aws', [...args, '--endpoint-url', target.endpoint, '--output', 'json'],
    {env: {...process.env, ...target.env}, maxBuffer: 256 << 20, timeout: 120_000});
  return JSON.parse(stdout);
};
