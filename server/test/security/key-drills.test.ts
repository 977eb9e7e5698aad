/**
 * Issue 8 item 5: the signing-key drills, as an operator runs them (docs/operations.md, "Signing
 * keys"). The server runs in-process over a database that the key tool opens too (a SQLite file,
 * or a MariaDB database); the operator's step is the real `npm run keys -- rotate | revoke`
 * (scripts/keys.ts) in its own process; everything else goes through HTTP as the app, the
 * checkpoint and a venue owner do, and the offline checkpoint is the shared verifyCode over the
 * published JWKS. Each drill has its own server and database.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { keySetFromJwks, makeCode, verifyCode, type CodeJwks } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { createTestDatabase } from '../helpers/database';
import { bearer, loginAs, registerResident, type Actor, type ResidentActor } from '../helpers/actors';
import { binary, passedVenue } from '../venues/helpers';

jest.setTimeout(90_000);

const ROOT = resolve(__dirname, '../../..');
/** How long a running server may take to see a key change made by another process (KeysService's cache is 10 s). */
const SEEN_WITHIN_MS = 12_000;

interface Drill {
  t: TestContext;
  resident: ResidentActor;
  owner: ResidentActor;
  checkpoint: Actor;
  venueId: string;
}

async function setUp(tag: string): Promise<Drill> {
  const t = await createTestContext({ database: await createTestDatabase({ sqliteFile: true }) });
  await t.services.keys.ensureActiveKey();
  const resident = await registerResident(t, { code: `${tag}-resident`, seq: 401, name: '王小明' });
  const owner = await registerResident(t, { code: `${tag}-owner`, seq: 402, name: '李店长' });
  const checkpoint = await loginAs(t, `${tag}-checkpoint`, 'checkpoint');
  const official = await loginAs(t, `${tag}-official`, 'official');
  const venue = await passedVenue(t, owner, official, { name: `${tag === 'rotate' ? '轮换' : '吊销'}演练便利店` });
  return { t, resident, owner, checkpoint, venueId: venue.id };
}

/** The operator's command, in its own process against the same database: `npm run keys -- <args>`. */
function keysTool(t: TestContext, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/keys.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.databaseUrl, USER: 'drill' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

/** Polls `probe` until it answers something other than null; fails after `ms`. */
async function within<T>(ms: number, what: string, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function credential(d: Drill) {
  const res = await d.t.request().post('/api/v1/me/credential').set(bearer(d.resident)).send({});
  expect(res.status).toBe(201);
  return res.body as { credential: string; kid: string; expiresAt: string; deviceKey: { privateKey: string } };
}

const liveQr = (d: Drill, c: { credential: string; deviceKey: { privateKey: string } }) => makeCode(c.credential, c.deviceKey.privateKey, d.t.clock.now());

function verifyOnline(d: Drill, qr: string, checkpoint: Actor = d.checkpoint) {
  return d.t.request().post('/api/v1/checkpoint/verify').set(bearer(checkpoint)).set('Accept-Language', 'en').send({ code: qr });
}

/** What an offline checkpoint holds: the published key list, as fetched now. */
async function fetchJwks(d: Drill): Promise<CodeJwks> {
  const res = await d.t.request().get('/.well-known/jwks.json');
  expect(res.status).toBe(200);
  expect(res.headers['cache-control']).toBe('public, max-age=300');
  return res.body as CodeJwks;
}

const verifyOffline = (d: Drill, qr: string, jwks: CodeJwks, now = d.t.clock.now()) => verifyCode(qr, { keys: keySetFromJwks(jwks), now });

/** The owner downloads the venue poster and a phone camera reads its QR (R13, R14). */
async function posterCode(d: Drill): Promise<{ text: string; kid: string }> {
  const res = await d.t.request().get(`/api/v1/me/venues/${d.venueId}/poster.png`).set(bearer(d.owner)).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  const image = PNG.sync.read(res.body as Buffer);
  const text = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
  if (!text) throw new Error('the poster did not decode');
  const header = JSON.parse(Buffer.from(text.slice('HCV1:'.length).split('.')[0], 'base64url').toString()) as { kid: string };
  return { text, kid: header.kid };
}

let rid = 0;
function scanIn(d: Drill, venueCode: string) {
  return d.t.request().post('/api/v1/scans').set(bearer(d.resident)).set('Accept-Language', 'en').send({ venueCode, clientRequestId: `drill-${process.pid}-${(rid += 1)}` });
}

describe('key rotation drill', () => {
  it('R5/R8/R14: after `npm run keys -- rotate`, new codes and posters use the new key; codes and posters of the old key still verify, online and offline, until the codes expire', async () => {
    const d = await setUp('rotate');
    try {
      // Before: a resident's code and a venue's poster, both signed by the active key; an offline checkpoint's key list.
      const old = await credential(d);
      const oldPoster = await posterCode(d);
      expect(oldPoster.kid).toBe(old.kid);
      const jwksBefore = await fetchJwks(d);

      // The operator rotates.
      const rotated = await keysTool(d.t, 'rotate');
      expect(rotated).toMatchObject({ code: 0, stdout: expect.stringMatching(/^active key is now \S+\n$/) });
      const newKid = /active key is now (\S+)/.exec(rotated.stdout)![1];
      expect(newKid).not.toBe(old.kid);

      // The running server signs with the new key within its key cache's 10 s.
      const fresh = await within(SEEN_WITHIN_MS, 'new credentials signed by the new key', async () => {
        const c = await credential(d);
        return c.kid === newKid ? c : null;
      });
      const jwks = await fetchJwks(d);
      expect(jwks.keys.map((k) => k.kid).sort()).toEqual([old.kid, newKid].sort());
      expect(jwks.revoked).toEqual([]);

      // The old key's code still verifies: online, and offline with the refreshed key list and with the one fetched before.
      const oldQr = liveQr(d, old);
      const online = await verifyOnline(d, oldQr);
      expect({ status: online.status, colour: online.body.colour }).toEqual({ status: 200, colour: 'green' });
      expect(verifyOffline(d, oldQr, jwks).ok).toBe(true);
      expect(verifyOffline(d, oldQr, jwksBefore).ok).toBe(true);

      // The new key's code verifies online and with the refreshed key list; a list fetched before
      // the rotation does not know the key yet: checkpoints must refresh theirs (max-age=300).
      const freshQr = liveQr(d, fresh);
      expect((await verifyOnline(d, freshQr)).status).toBe(200);
      expect(verifyOffline(d, freshQr, jwks).ok).toBe(true);
      expect(verifyOffline(d, freshQr, jwksBefore)).toEqual({ ok: false, refusal: 'CODE_UNKNOWN_KEY' });

      // Venue posters: the printed one still scans in (R14); a new download is signed by the new key.
      expect((await scanIn(d, oldPoster.text)).status).toBe(201);
      const newPoster = await posterCode(d);
      expect(newPoster.kid).toBe(newKid);
      expect((await scanIn(d, newPoster.text)).status).toBe(201);

      // The rotation is audited under the operator (R33).
      const audit = await d.t.db('audit_log').where({ action: 'signing_key.rotate', target_id: newKid });
      expect(audit).toHaveLength(1);
      expect(audit[0].actor_role).toBe('operator:drill');

      // The old key's codes end with their own lives: past the credential's expiry it is refused, online and offline.
      d.t.clock.set(new Date(new Date(old.expiresAt).getTime() + 1000));
      const expiredQr = liveQr(d, old);
      const checkpointAgain = await loginAs(d.t, 'rotate-checkpoint');
      const late = await verifyOnline(d, expiredQr, checkpointAgain);
      expect({ status: late.status, code: late.body.error?.code }).toEqual({ status: 422, code: 'CODE_CREDENTIAL_EXPIRED' });
      expect(verifyOffline(d, expiredQr, jwks)).toEqual({ ok: false, refusal: 'CODE_CREDENTIAL_EXPIRED' });
    } finally {
      await d.t.close();
    }
  });
});

describe('key revocation drill', () => {
  it('R8/R14: after `npm run keys -- revoke`, the key\'s codes are refused online within 10 s and offline once the key list is refreshed; new codes and reprinted posters use the new key', async () => {
    const d = await setUp('revoke');
    try {
      const leaked = await credential(d);
      const leakedQr = liveQr(d, leaked);
      const oldPoster = await posterCode(d);
      expect((await verifyOnline(d, leakedQr)).status).toBe(200);
      const jwksBefore = await fetchJwks(d);

      // The operator revokes the (active) key: the tool rotates first.
      const revoked = await keysTool(d.t, 'revoke', leaked.kid, 'drill: private key presumed leaked');
      expect(revoked.code).toBe(0);
      const [, revokedKid, newKid] = /^revoked (\S+); active key is (\S+)\n$/.exec(revoked.stdout) ?? [];
      expect(revokedKid).toBe(leaked.kid);
      expect(newKid).not.toBe(leaked.kid);

      // Online: the running server refuses the key's codes within its key cache's 10 s.
      const refusal = await within(SEEN_WITHIN_MS, 'online refusal of the revoked key', async () => {
        const res = await verifyOnline(d, leakedQr);
        return res.status === 200 ? null : res;
      });
      expect({ status: refusal.status, code: refusal.body.error.code }).toEqual({ status: 422, code: 'CODE_KEY_REVOKED' });

      // Offline: the refreshed key list names the key as revoked and no longer publishes it.
      const jwks = await fetchJwks(d);
      expect(jwks.revoked).toEqual([leaked.kid]);
      expect(jwks.keys.map((k) => k.kid)).toEqual([newKid]);
      expect(verifyOffline(d, leakedQr, jwks)).toEqual({ ok: false, refusal: 'CODE_KEY_REVOKED' });
      // Until its next fetch, a checkpoint that holds the old list still accepts it: the window
      // the JWKS max-age (300 s) bounds, and why offline checkpoints refresh on every connection.
      expect(verifyOffline(d, leakedQr, jwksBefore).ok).toBe(true);

      // New codes use the new key and verify online and offline.
      const fresh = await credential(d);
      expect(fresh.kid).toBe(newKid);
      const freshQr = liveQr(d, fresh);
      expect((await verifyOnline(d, freshQr)).status).toBe(200);
      expect(verifyOffline(d, freshQr, jwks).ok).toBe(true);

      // Posters signed by the revoked key are refused; the owner downloads a new one, which scans in.
      const stale = await scanIn(d, oldPoster.text);
      expect({ status: stale.status, code: stale.body.error?.code }).toEqual({ status: 422, code: 'VENUE_CODE_FORGED' });
      const reprinted = await posterCode(d);
      expect(reprinted.kid).toBe(newKid);
      expect((await scanIn(d, reprinted.text)).status).toBe(201);

      // Revoking twice is refused; the revocation and its reason are audited under the operator (R33).
      const again = await keysTool(d.t, 'revoke', leaked.kid, 'again');
      expect({ code: again.code, stderr: again.stderr.trim() }).toEqual({ code: 1, stderr: 'SIGNING_KEY_ALREADY_REVOKED' });
      const audit = await d.t.db('audit_log').where({ action: 'signing_key.revoke', target_id: leaked.kid });
      expect(audit).toHaveLength(1);
      expect(audit[0].actor_role).toBe('operator:drill');
      expect(JSON.stringify(audit[0].details)).toContain('presumed leaked');
    } finally {
      await d.t.close();
    }
  });
});
