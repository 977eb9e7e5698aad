import { generateKeyPairSync } from 'node:crypto';
import type { Config } from '../config';
import { NotFoundError } from '../http/errors';
import type { ResidentsRepository } from '../residents/residents.repository';
import type { ColourService } from '../colour/colour.service';
import type { KeysService } from '../keys/keys.service';

/**
 * Issues the health credential a phone caches (architecture choice 2): the colour, a short
 * life, the opaque code id and the device's public key, signed by the server. The phone then
 * makes a fresh QR every minute on its own, so showing a code costs no request a minute.
 */
export class CredentialsService {
  constructor(
    private readonly residents: ResidentsRepository,
    private readonly colour: ColourService,
    private readonly keys: KeysService,
    private readonly config: Pick<Config, 'CREDENTIAL_TTL_SECONDS' | 'CREDENTIAL_TTL_NON_GREEN_SECONDS' | 'CODE_TTL_SECONDS'>,
  ) {}

  /**
   * With a device public key (the app made its key pair with secure random bytes), only the
   * credential comes back. Without one, the server makes the pair and hands the private half
   * over this TLS answer, for platforms without secure random bytes (and for curl).
   */
  async issue(residentId: string, devicePublicKey?: string) {
    const resident = await this.residents.findById(residentId);
    if (!resident) throw new NotFoundError('RESIDENT_NOT_FOUND');
    const colour = await this.colour.current(resident.id);
    const device = devicePublicKey ? null : deviceKeyPair();
    // A colour that is not green lives shorter, so an offline checkpoint sees a change sooner.
    const ttlSeconds = colour.colour === 'green' ? this.config.CREDENTIAL_TTL_SECONDS : this.config.CREDENTIAL_TTL_NON_GREEN_SECONDS;
    const signed = await this.keys.signCredential({
      codeId: resident.codeId,
      colour: colour.colour,
      vaccinated: colour.vaccinated,
      devicePublicKey: devicePublicKey ?? device!.publicKey,
      ttlSeconds,
    });
    return {
      credential: signed.token,
      kid: signed.kid,
      issuedAt: signed.issuedAt,
      expiresAt: signed.expiresAt,
      codeTtlSeconds: this.config.CODE_TTL_SECONDS,
      colour,
      deviceKey: device,
    };
  }
}

/**
 * A device key pair in the app's form (base64url public key and seed), made by Node's OpenSSL:
 * the shared pure-JavaScript maker, meant for phones, cost a third of a refresh (issue 7).
 */
function deviceKeyPair(): { publicKey: string; privateKey: string } {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  return { publicKey: jwk.x!, privateKey: jwk.d! };
}
