import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Personal numbers at rest (R34): AES-256-GCM with a random IV, and a keyed hash (HMAC-SHA256)
 * for lookups, so equality can be tested without storing the number in clear.
 */
export class DataCrypto {
  private readonly dataKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(dataKeyB64: string, hashKeyB64: string) {
    this.dataKey = Buffer.from(dataKeyB64, 'base64');
    this.hashKey = Buffer.from(hashKeyB64, 'base64');
    if (this.dataKey.length !== 32 || this.hashKey.length !== 32) throw new Error('DATA_KEY and HASH_KEY must be 32 bytes');
  }

  /** v1.<iv>.<tag>.<ciphertext>, base64url parts. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.dataKey, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, ct] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || ct === undefined) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.dataKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Keyed lookup hash; `domain` keeps hashes of different kinds of number apart. */
  hash(domain: string, value: string): string {
    return createHmac('sha256', this.hashKey).update(`${domain}:${value}`).digest('hex');
  }
}
