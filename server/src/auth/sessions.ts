import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { boundedCache } from '../lib/bounded-cache';
import type { Role } from '../http/route';

const AUDIENCE = 'health-code-api';
const ISSUER = 'health-code';

export interface SessionClaims {
  sub: string;
  role: Role;
}

/**
 * Session tokens: short-lived HS256 JWTs with audience, issuer and algorithm pinned, so a token
 * signed with another algorithm (or none), for another audience, or expired is refused.
 */
export class Sessions {
  /**
   * A KeyObject, made once: given a string, jsonwebtoken first tries to read it as a public key
   * on every call, and that failed parse cost more than everything else a scan does (issue 7).
   */
  private readonly secret: KeyObject;
  /**
   * Tokens whose signature, algorithm, audience and issuer were checked, with their claims and
   * expiry: a token never changes, so only its expiry needs checking again. Verifying one with
   * jsonwebtoken was a tenth of a scan's time (issue 7).
   */
  private readonly verified = boundedCache<string, SessionClaims & { exp: number }>(50_000);

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => Date,
  ) {
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  issue(claims: SessionClaims): { token: string; expiresAt: Date } {
    const iat = Math.floor(this.now().getTime() / 1000);
    const token = jwt.sign({ role: claims.role, iat }, this.secret, {
      algorithm: 'HS256',
      audience: AUDIENCE,
      issuer: ISSUER,
      subject: claims.sub,
      expiresIn: this.ttlSeconds,
    });
    return { token, expiresAt: new Date((iat + this.ttlSeconds) * 1000) };
  }

  /** Returns the claims, or the reason the token is refused. */
  verify(token: string): SessionClaims | { refused: 'SESSION_EXPIRED' | 'SESSION_INVALID' } {
    const nowS = Math.floor(this.now().getTime() / 1000);
    const known = this.verified.get(token);
    if (known) {
      // jsonwebtoken's rule: expired once the clock reaches exp.
      if (nowS >= known.exp) return { refused: 'SESSION_EXPIRED' };
      return { sub: known.sub, role: known.role };
    }
    try {
      const claims = jwt.verify(token, this.secret, { algorithms: ['HS256'], audience: AUDIENCE, issuer: ISSUER, clockTimestamp: nowS }) as jwt.JwtPayload;
      if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return { refused: 'SESSION_INVALID' };
      const verified = { sub: claims.sub, role: claims.role as Role };
      this.verified.set(token, { ...verified, exp: claims.exp });
      return verified;
    } catch (err) {
      return { refused: (err as Error).name === 'TokenExpiredError' ? 'SESSION_EXPIRED' : 'SESSION_INVALID' };
    }
  }
}
