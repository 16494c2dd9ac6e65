// @ts-check
// An audit entry proved in the page: its leaf hash recomputed from the entry as served (the canonical form of
// AuditEntryCanonicalForm), its inclusion proof folded to the root of a signed tree head, and that head's ECDSA
// P-384 signature (SHA-384, r‖s) checked against the service's published keys. "Verified" needs all of them.
import { fromBase64, sameBytes, utf8 } from "./bytes.js";
import { canonicalize } from "./jcs.js";
import { leafHash, rootFromInclusionProof, verifyConsistency } from "./merkle.js";
/** @import { Bytes } from "./bytes.js" */
/** @import { AuditEntry, ConsistencyProof, InclusionProof, ServiceKey, TreeHead } from "./wire.js" */

export const TreeHeadTag = "governance.audit.tree-head/v1";

/**
 * UTC, exactly six fractional digits (truncated, as the service formats them).
 * @param {string} text
 * @returns {string}
 */
export function microsecondTimestamp(text) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) {
    throw new Error(`unreadable timestamp ${text}`);
  }
  const fraction = ((m[3] ?? "") + "000000").slice(0, 6);
  let seconds = `${m[1]}T${m[2]}`;
  if (m[4] !== "Z" && m[4] !== "+00:00" && m[4] !== "-00:00") {
    seconds = new Date(Date.parse(`${seconds}${m[4]}`)).toISOString().slice(0, 19);
  }
  return `${seconds}.${fraction}Z`;
}

/**
 * @param {AuditEntry} entry
 * @returns {Bytes}
 */
export function canonicalEntry(entry) {
  return utf8(canonicalize({
    action: entry.action,
    actor: { id: entry.actorId, kind: entry.actorKind },
    details: entry.details ?? {},
    outcome: entry.outcome,
    requestId: entry.requestId ?? null,
    sequence: entry.sequence,
    subjects: entry.subjects,
    timestamp: microsecondTimestamp(entry.timestamp),
  }));
}

/**
 * @param {TreeHead} head
 * @returns {Bytes}
 */
export function signedBytes(head) {
  return utf8(`${TreeHeadTag}\n${head.treeSize}\n${head.rootHash}\n${microsecondTimestamp(head.timestamp)}\n${head.keyId}\n`);
}

/**
 * Whether the P-384 key among <keys> that the head names signed it.
 * @param {TreeHead} head
 * @param {ServiceKey[]} keys
 * @returns {Promise<boolean>}
 */
export async function treeHeadSigned(head, keys) {
  const key = keys.find((k) => k.kid === head.keyId);
  // Only a P-384 key signs tree heads: the receipt key must not be able to pose as one.
  if (!key || key.kty !== "EC" || key.crv !== "P-384") {
    return false;
  }
  try {
    if (fromBase64(head.rootHash).length !== 32) {
      return false;
    }
    const publicKey = await crypto.subtle.importKey("jwk", { kty: "EC", crv: "P-384", x: key.x, y: key.y }, { name: "ECDSA", namedCurve: "P-384" }, false, ["verify"]);
    return await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-384" }, publicKey, fromBase64(head.signature), signedBytes(head));
  } catch {
    return false;
  }
}

/** @typedef {{ leafMatches: boolean; included: boolean; headSigned: boolean; verified: boolean }} EntryVerdict */

/**
 * @param {AuditEntry} entry
 * @param {InclusionProof} proof
 * @param {TreeHead} latest
 * @param {ServiceKey[]} keys
 * @returns {Promise<EntryVerdict>}
 */
export async function proveEntry(entry, proof, latest, keys) {
  const leaf = await leafHash(canonicalEntry(entry));
  const leafMatches = sameBytes(leaf, safeBase64(proof.leafHash)) && proof.leafIndex === entry.sequence;
  const root = await rootFromInclusionProof(entry.sequence, latest.treeSize, leaf, proof.path.map(safeBase64));
  // The proof must be for the head this page checked, not one the service picked.
  const included = root !== null && proof.treeSize === latest.treeSize && sameBytes(root, safeBase64(latest.rootHash));
  const headSigned = await treeHeadSigned(latest, keys);
  return { leafMatches, included, headSigned, verified: included && headSigned };
}

/**
 * @param {ConsistencyProof} proof
 * @param {TreeHead} older
 * @param {TreeHead} newer
 * @param {ServiceKey[]} keys
 * @returns {Promise<boolean>}
 */
export async function headsConsistent(proof, older, newer, keys) {
  return proof.from === older.treeSize && proof.to === newer.treeSize
    && (await treeHeadSigned(older, keys)) && (await treeHeadSigned(newer, keys))
    && (await verifyConsistency(older.treeSize, newer.treeSize, safeBase64(older.rootHash), safeBase64(newer.rootHash), proof.proof.map(safeBase64)));
}

/**
 * @param {string} text
 * @returns {Bytes}
 */
function safeBase64(text) {
  try {
    return fromBase64(text);
  } catch {
    return new Uint8Array(0);
  }
}
