import type { Catalogue } from '../types';

/** Personal codes, credentials, signing keys and checkpoint verification (R5, R8). */
export const codeErrors = {
  CODE_MALFORMED: {
    zh: '这不是有效的健康码，请让对方打开健康码页面后重新扫描',
    en: 'This is not a valid health code: ask the holder to open the health code page and scan again',
  },
  CODE_ALG_NOT_ALLOWED: {
    zh: '健康码签名方式不被接受，可能是伪造的健康码',
    en: 'The code is signed in a way that is not accepted: it may be forged',
  },
  CODE_UNKNOWN_KEY: {
    zh: '健康码的签发密钥无法识别：请联网更新验证密钥后再扫；仍失败则可能是伪造的健康码',
    en: 'The key that signed this code is unknown: update the verification keys online and scan again; if it still fails the code may be forged',
  },
  CODE_KEY_REVOKED: {
    zh: '签发该健康码的密钥已被吊销，请让对方重新打开健康码',
    en: 'The key that signed this code has been revoked: ask the holder to reopen the health code',
  },
  CODE_SIGNATURE_INVALID: {
    zh: '健康码签名校验失败：健康码被伪造或篡改',
    en: 'The code signature does not match: the code is forged or altered',
  },
  CODE_PROOF_INVALID: {
    zh: '健康码的动态校验失败：不是本人手机实时生成的健康码',
    en: "The code's live proof does not match: it was not made by the holder's phone",
  },
  CODE_CREDENTIAL_EXPIRED: {
    zh: '健康码凭证已过期，请让对方联网刷新健康码',
    en: 'The health credential has expired: ask the holder to refresh the code online',
  },
  CODE_EXPIRED: {
    zh: '健康码已过期（可能是截图），请让对方出示实时健康码',
    en: 'The code has expired (it may be a screenshot): ask for the live code',
  },
  CODE_NOT_YET_VALID: {
    zh: '健康码时间早于当前时间，请让对方校准手机时间后重新出示',
    en: "The code's time is ahead of now: ask the holder to correct the phone's clock and show it again",
  },
  CODE_OFFLINE_EXPIRED: {
    zh: '离线健康码已超过 7 天有效期，请家属重新下载打印',
    en: 'This offline code is past its 7-day validity: ask the family to download and print a new one',
  },
  CODE_REPLAYED: {
    zh: '该健康码已在其他查验点使用过（可能是截图转发），请让对方出示实时健康码',
    en: 'This code was already used at another checkpoint (possibly a forwarded screenshot): ask for the live code',
  },
  CODE_HOLDER_UNKNOWN: {
    zh: '找不到该健康码的持有人，请让对方重新打开健康码',
    en: "This code's holder cannot be found: ask the holder to reopen the health code",
  },
  SIGNING_KEY_NOT_FOUND: { zh: '找不到这个签名密钥', en: 'No such signing key' },
  SIGNING_KEY_ALREADY_REVOKED: { zh: '该签名密钥已经吊销', en: 'This signing key is already revoked' },
} satisfies Catalogue;
