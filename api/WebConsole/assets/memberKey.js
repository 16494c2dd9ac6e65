// @ts-check
// A member's private key, read from the file the member chose, inside this page only: it is never uploaded or stored.
import { fromBase64, sha256, toBase64Url, utf8 } from "./bytes.js";
/** @import { Bytes } from "./bytes.js" */

/** @typedef {"P-256" | "P-384"} Curve */

/** @typedef {{ kty: "EC"; crv: Curve; x: string; y: string }} PublicJwk */

/**
 * A loaded key; its keyId is the RFC 7638 thumbprint, as the service names keys.
 * @typedef {{
 *   readonly privateKey: CryptoKey;
 *   readonly publicJwk: PublicJwk;
 *   readonly keyId: string;
 *   readonly algorithm: "ES256" | "ES384";
 * }} MemberKey
 */

/** A key file's text is at most this long; anything longer is not a key. */
export const MaxKeyFileLength = 16 * 1024;

/**
 * @param {string} text
 * @returns {Promise<MemberKey>}
 */
export async function readMemberKey(text) {
  if (text.length > MaxKeyFileLength) {
    throw new Error("That file is too large to be a key.");
  }
  const trimmed = text.trim();
  const jwk = trimmed.startsWith("{") ? privateJwkOf(trimmed) : await privateJwkFromPem(trimmed);
  const privateKey = await crypto.subtle.importKey("jwk", jwk, { name: "ECDSA", namedCurve: jwk.crv }, false, ["sign"]);
  /** @type {PublicJwk} */
  const publicJwk = { kty: "EC", crv: jwk.crv, x: /** @type {string} */ (jwk.x), y: /** @type {string} */ (jwk.y) };
  return { privateKey, publicJwk, keyId: await thumbprint(publicJwk), algorithm: algorithmOf(publicJwk.crv) };
}

/**
 * @param {Curve} curve
 * @returns {"ES256" | "ES384"}
 */
export function algorithmOf(curve) {
  return curve === "P-256" ? "ES256" : "ES384";
}

/**
 * @param {string} algorithm
 * @returns {"SHA-256" | "SHA-384"}
 */
export function hashOf(algorithm) {
  return algorithm === "ES384" ? "SHA-384" : "SHA-256";
}

/**
 * RFC 7638: SHA-256 over the required members in lexicographic order, base64url.
 * @param {PublicJwk} jwk
 * @returns {Promise<string>}
 */
export async function thumbprint(jwk) {
  const canonical = `{"crv":${JSON.stringify(jwk.crv)},"kty":"EC","x":${JSON.stringify(jwk.x)},"y":${JSON.stringify(jwk.y)}}`;
  return toBase64Url(await sha256(utf8(canonical)));
}

/**
 * @param {string} text
 * @returns {JsonWebKey & { crv: Curve }}
 */
function privateJwkOf(text) {
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error("The file is neither a PEM private key nor a JWK.");
  }
  const jwk = /** @type {Record<string, unknown>} */ (parsed);
  if (jwk["kty"] !== "EC" || (jwk["crv"] !== "P-256" && jwk["crv"] !== "P-384")) {
    throw new Error("Member keys are EC P-256 or P-384.");
  }
  if (typeof jwk["d"] !== "string" || typeof jwk["x"] !== "string" || typeof jwk["y"] !== "string") {
    throw new Error("The JWK holds no private key (its 'd' member); a public key cannot sign.");
  }
  return { kty: "EC", crv: jwk["crv"], x: jwk["x"], y: jwk["y"], d: jwk["d"] };
}

/**
 * @param {string} text
 * @returns {Promise<JsonWebKey & { crv: Curve }>}
 */
async function privateJwkFromPem(text) {
  const block = /^-----BEGIN ([A-Z ]+)-----\s*([A-Za-z0-9+/=\s]+?)\s*-----END \1-----$/.exec(text);
  if (!block) {
    throw new Error("The file is neither a PEM private key nor a JWK.");
  }
  const label = block[1];
  const body = fromBase64(block[2].replace(/\s+/g, ""));
  if (label === "ENCRYPTED PRIVATE KEY") {
    throw new Error("The key is encrypted; export it unencrypted (governance keys new writes such a file).");
  }
  if (label !== "PRIVATE KEY" && label !== "EC PRIVATE KEY") {
    throw new Error("The PEM file holds no private key.");
  }
  for (const curve of /** @type {const} */ (["P-256", "P-384"])) {
    const pkcs8 = label === "PRIVATE KEY" ? body : wrapSec1(body, curve);
    try {
      const extractable = await crypto.subtle.importKey("pkcs8", pkcs8, { name: "ECDSA", namedCurve: curve }, true, ["sign"]);
      const jwk = await crypto.subtle.exportKey("jwk", extractable);
      return { kty: "EC", crv: curve, x: /** @type {string} */ (jwk.x), y: /** @type {string} */ (jwk.y), d: /** @type {string} */ (jwk.d) };
    } catch {
      // Not a key of this curve: try the next.
    }
  }
  throw new Error("Member keys are EC P-256 or P-384.");
}

/** @type {Record<Curve, number[]>} */
const curveOids = {
  "P-256": [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07],
  "P-384": [0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22],
};

/**
 * RFC 5208 PrivateKeyInfo around an RFC 5915 (SEC1) EC private key, which WebCrypto does not read by itself.
 * @param {Bytes} sec1
 * @param {Curve} curve
 * @returns {Bytes}
 */
function wrapSec1(sec1, curve) {
  const ecPublicKey = [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
  const algorithm = der(0x30, [...ecPublicKey, ...curveOids[curve]]);
  return new Uint8Array(der(0x30, [0x02, 0x01, 0x00, ...algorithm, ...der(0x04, Array.from(sec1))]));
}

/**
 * @param {number} tag
 * @param {number[]} content
 * @returns {number[]}
 */
function der(tag, content) {
  const n = content.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return [tag, ...length, ...content];
}
