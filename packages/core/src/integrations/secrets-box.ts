import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM under ENCRYPTION_KEY: `version | iv | tag | ciphertext`. The integration id is bound
 * as associated data, so a secret copied onto another integration's row does not decrypt.
 */
export function sealSecrets(key: Buffer, integrationId: string, value: unknown): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(integrationId));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

export class SecretsUnreadableError extends Error {
  constructor() {
    super(
      'The stored credentials cannot be decrypted; was ENCRYPTION_KEY changed? Enter the credentials again.',
    );
    this.name = 'SecretsUnreadableError';
  }
}

export function openSecrets(key: Buffer, integrationId: string, sealed: Uint8Array): unknown {
  const box = Buffer.from(sealed);
  if (box[0] !== VERSION) throw new SecretsUnreadableError();
  const iv = box.subarray(1, 1 + IV_BYTES);
  const tag = box.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(integrationId));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([
      decipher.update(box.subarray(1 + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
    return JSON.parse(plain.toString('utf8'));
  } catch {
    throw new SecretsUnreadableError();
  }
}
