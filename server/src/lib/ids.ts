import { randomFillSync } from 'node:crypto';

/**
 * Random bytes drawn from the system's CSPRNG a few kilobytes at a time and handed out once
 * each, as Node's own randomUUID does: one call per id cost a twentieth of a scan (issue 7).
 */
const POOL = Buffer.alloc(4096);
let offset = POOL.length;

function random(bytes: number): Buffer {
  if (bytes > POOL.length) return randomFillSync(Buffer.alloc(bytes));
  if (offset + bytes > POOL.length) {
    randomFillSync(POOL);
    offset = 0;
  }
  const out = Buffer.from(POOL.subarray(offset, offset + bytes));
  // Spent bytes are wiped, so the pool never holds a secret already handed out.
  POOL.fill(0, offset, offset + bytes);
  offset += bytes;
  return out;
}

/**
 * Row ids made by the application (no reliance on auto-increment or RETURNING): UUIDv7, whose
 * time prefix keeps index inserts local and whose 74 random bits make neighbours unguessable.
 */
export function newId(now: number = Date.now()): string {
  const b = random(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A random url-safe token of `bytes` bytes (opaque code ids, API secrets, request ids). */
export function randomToken(bytes = 16): string {
  return random(bytes).toString('base64url');
}
