// The local fleet's stand-in for KMS: SecureString values are sealed with AES-256-GCM under a key generated when
// the fleet starts, so what the store holds (and what a read without WithDecryption returns) never contains the
// plaintext. The key ids a put may name are the AWS managed key `alias/aws/ssm` and one customer managed key, in
// any of the forms KMS accepts (alias name, alias ARN, key id, key ARN).

import {createCipheriv, createDecipheriv, randomBytes} from 'node:crypto';

export const DEFAULT_KEY_ID = 'alias/aws/ssm';
/** The customer managed key of the local account (fixed, so seeded parameters and tests can name it). */
export const LOCAL_CMK_ID = '7f3c2a1e-5b4d-4c8e-9a0f-1d2e3f4a5b6c';
export const LOCAL_CMK_ALIAS = 'alias/fleetdeck/app-secrets';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Whether `keyId` names a key of this account and region (KMS accepts ids, ARNs and aliases). */
export function isKnownKeyId(keyId: string, region: string, accountId: string): boolean {
  const arn = `arn:aws:kms:${region}:${accountId}:`;
  return [
    DEFAULT_KEY_ID, `${arn}${DEFAULT_KEY_ID}`,
    LOCAL_CMK_ID, `${arn}key/${LOCAL_CMK_ID}`, LOCAL_CMK_ALIAS, `${arn}${LOCAL_CMK_ALIAS}`,
  ].includes(keyId);
}

/** Seals and opens SecureString values; one instance per fleet, its key never leaves the process. */
export class LocalKms {
  private readonly key: Buffer;

  constructor(key: Buffer = randomBytes(32)) {
    this.key = key;
  }

  /** The ciphertext blob (IV ‖ tag ‖ ciphertext), bound to the key id and parameter name as associated data. */
  encrypt(plaintext: string, context: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(blob: Buffer, context: string): string {
    const iv = blob.subarray(0, IV_BYTES);
    const tag = blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
