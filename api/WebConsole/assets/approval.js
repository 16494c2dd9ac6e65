// @ts-check
// Consent as the service checks it (domain ApprovalVerifier, protocol ContractApprovalSignature): a compact JWS, header
// {"alg","kid"}, over the UTF-8 payload governance-contract-approval-v1:<contract id>:<digest hex>, payload detached,
// signature r‖s. The digest signed is the one this page computes from the content it shows, never the service's word.
import { fromBase64Url, sha256, toBase64Url, toHex, utf8 } from "./bytes.js";
import { canonicalize, withoutNulls } from "./jcs.js";
import { algorithmOf, hashOf } from "./memberKey.js";
/** @import { Bytes } from "./bytes.js" */
/** @import { MemberKey, PublicJwk } from "./memberKey.js" */
/** @import { ContractContent } from "./wire.js" */

export const PayloadPrefix = "governance-contract-approval-v1:";

/**
 * SHA-256 over the RFC 8785 form of the content, nulls left out as the service serialises it.
 * @param {ContractContent} content
 * @returns {Promise<string>}
 */
export async function contentDigest(content) {
  return toHex(await sha256(utf8(canonicalize(withoutNulls(content)))));
}

/**
 * @param {string} contractId
 * @param {string} digestHex
 * @returns {string}
 */
export function payload(contractId, digestHex) {
  return `${PayloadPrefix}${contractId.toLowerCase()}:${digestHex.toLowerCase()}`;
}

/**
 * @param {MemberKey} key
 * @param {string} contractId
 * @param {string} digestHex
 * @returns {Promise<string>}
 */
export async function signApproval(key, contractId, digestHex) {
  const header = toBase64Url(utf8(JSON.stringify({ alg: key.algorithm, kid: key.keyId })));
  const body = toBase64Url(utf8(payload(contractId, digestHex)));
  const signature = await crypto.subtle.sign({ name: "ECDSA", hash: hashOf(key.algorithm) }, key.privateKey, utf8(`${header}.${body}`));
  return `${header}..${toBase64Url(new Uint8Array(signature))}`;
}

/** @typedef {{ valid: true } | { valid: false; problem: string }} ApprovalCheck */

/**
 * Checks one approval's JWS against a registered public key of its member, over this contract's id and digest.
 * @param {string} jws
 * @param {string} contractId
 * @param {string} digestHex
 * @param {PublicJwk} key
 * @returns {Promise<ApprovalCheck>}
 */
export async function verifyApproval(jws, contractId, digestHex, key) {
  const parts = jws.split(".");
  if (parts.length !== 3) {
    return { valid: false, problem: "not a compact JWS" };
  }
  /** @type {{ alg?: unknown; kid?: unknown }} */
  let header;
  /** @type {Bytes} */
  let signature;
  try {
    header = /** @type {{ alg?: unknown; kid?: unknown }} */ (JSON.parse(new TextDecoder().decode(fromBase64Url(parts[0]))));
    signature = fromBase64Url(parts[2]);
  } catch {
    return { valid: false, problem: "unreadable JWS" };
  }
  const expected = toBase64Url(utf8(payload(contractId, digestHex)));
  if (parts[1] !== "" && parts[1] !== expected) {
    return { valid: false, problem: "signed another payload" };
  }
  if (key.crv !== "P-256" && key.crv !== "P-384") {
    return { valid: false, problem: "the registered key is not an EC P-256 or P-384 public key" };
  }
  const algorithm = algorithmOf(key.crv);
  if (header.alg !== algorithm) {
    return { valid: false, problem: "algorithm does not match the key's curve" };
  }
  try {
    const publicKey = await crypto.subtle.importKey("jwk", { kty: "EC", crv: key.crv, x: key.x, y: key.y }, { name: "ECDSA", namedCurve: key.crv }, false, ["verify"]);
    const ok = await crypto.subtle.verify({ name: "ECDSA", hash: hashOf(algorithm) }, publicKey, signature, utf8(`${parts[0]}.${expected}`));
    return ok ? { valid: true } : { valid: false, problem: "signature does not verify" };
  } catch {
    return { valid: false, problem: "the registered key is not an EC P-256 or P-384 public key" };
  }
}
