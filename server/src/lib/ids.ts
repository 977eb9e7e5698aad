import { randomBytes } from 'node:crypto';

/**
 * Row ids made by the application (no reliance on auto-increment or RETURNING): UUIDv7, whose
 * time prefix keeps index inserts local and whose 74 random bits make neighbours unguessable.
 */
export function newId(now: number = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A random url-safe token of `bytes` bytes (opaque code ids, API secrets, request ids). */
export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}
