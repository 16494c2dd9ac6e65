// @ts-check
// Member tokens minted in the page as the CLI mints them: ES256/ES384 by the key's curve, kid = the key's thumbprint,
// iss = sub = member id, aud = governance, nbf = iat = now, five minutes (under the service's ten-minute limit).
import { fromBase64Url, toBase64Url, utf8 } from "./bytes.js";
import { hashOf } from "./memberKey.js";
/** @import { MemberKey } from "./memberKey.js" */

export const Audience = "governance";
export const LifetimeSeconds = 300;

/** @typedef {{ readonly token: string; readonly expiresAt: Date }} MintedToken */

/**
 * @param {string} memberId
 * @param {MemberKey} key
 * @param {Date} [now]
 * @returns {Promise<MintedToken>}
 */
export async function mintToken(memberId, key, now = new Date()) {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const header = { alg: key.algorithm, kid: key.keyId, typ: "JWT" };
  const payload = { iss: memberId, sub: memberId, aud: Audience, iat: issuedAt, nbf: issuedAt, exp: issuedAt + LifetimeSeconds };
  const signingInput = `${toBase64Url(utf8(JSON.stringify(header)))}.${toBase64Url(utf8(JSON.stringify(payload)))}`;
  const signature = await crypto.subtle.sign({ name: "ECDSA", hash: hashOf(key.algorithm) }, key.privateKey, utf8(signingInput));
  return { token: `${signingInput}.${toBase64Url(new Uint8Array(signature))}`, expiresAt: new Date((issuedAt + LifetimeSeconds) * 1000) };
}

/**
 * The exp of a pasted token, read without verifying anything (the service verifies it).
 * @param {string} token
 * @returns {Date | null}
 */
export function expiryOf(token) {
  const parts = token.split(".");
  if (parts.length !== 3) {
    return null;
  }
  try {
    const payload = /** @type {{ exp?: unknown }} */ (JSON.parse(new TextDecoder().decode(fromBase64Url(parts[1]))));
    return typeof payload.exp === "number" ? new Date(payload.exp * 1000) : null;
  } catch {
    return null;
  }
}
