// @ts-check
// RFC 9162 hashing and proof checks (§2.1.1, §2.1.3.2, §2.1.4.2), with WebCrypto's SHA-256.
import { concat, sameBytes, sha256 } from "./bytes.js";
/** @import { Bytes } from "./bytes.js" */

export const HashSize = 32;

/**
 * @param {Bytes} entry
 * @returns {Promise<Bytes>}
 */
export function leafHash(entry) {
  return sha256(concat(new Uint8Array([0x00]), entry));
}

/**
 * @param {Bytes} left
 * @param {Bytes} right
 * @returns {Promise<Bytes>}
 */
export function nodeHash(left, right) {
  return sha256(concat(new Uint8Array([0x01]), left, right));
}

/**
 * The root an inclusion proof folds to, or null when the proof has the wrong shape.
 * @param {number} leafIndex
 * @param {number} treeSize
 * @param {Bytes} leaf
 * @param {Bytes[]} path
 * @returns {Promise<Bytes | null>}
 */
export async function rootFromInclusionProof(leafIndex, treeSize, leaf, path) {
  if (leafIndex < 0 || leafIndex >= treeSize || leaf.length !== HashSize || path.length > 64) {
    return null;
  }
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0 || p.length !== HashSize) {
      return null;
    }
    const onLeft = isOnLeft(fn, sn);
    r = onLeft ? await nodeHash(p, r) : await nodeHash(r, p);
    [fn, sn] = ascend(fn, sn, onLeft);
  }
  return sn === 0 ? r : null;
}

/**
 * @param {number} oldSize
 * @param {number} newSize
 * @param {Bytes} oldRoot
 * @param {Bytes} newRoot
 * @param {Bytes[]} proof
 * @returns {Promise<boolean>}
 */
export async function verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof) {
  if (oldSize < 0 || oldSize > newSize || proof.length > 128) {
    return false;
  }
  if (oldSize === newSize) {
    return proof.length === 0 && sameBytes(oldRoot, newRoot);
  }
  if (oldSize === 0) {
    return proof.length === 0;
  }
  if (proof.length === 0 || proof.some((p) => p.length !== HashSize)) {
    return false;
  }
  const nodes = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = nodes[0];
  let sr = nodes[0];
  for (const c of nodes.slice(1)) {
    if (sn === 0) {
      return false;
    }
    const onLeft = isOnLeft(fn, sn);
    if (onLeft) {
      fr = await nodeHash(c, fr);
    }
    sr = onLeft ? await nodeHash(c, sr) : await nodeHash(sr, c);
    [fn, sn] = ascend(fn, sn, onLeft);
  }
  return sn === 0 && sameBytes(fr, oldRoot) && sameBytes(sr, newRoot);
}

/**
 * Whether the next proof node is the left sibling: the node is a right child, or the last of its level.
 * @param {number} fn
 * @param {number} sn
 * @returns {boolean}
 */
function isOnLeft(fn, sn) {
  return fn % 2 === 1 || fn === sn;
}

/**
 * One level up. After a left sibling, the levels where the node is a left child with no right sibling carry no
 * proof node, so they are climbed first.
 * @param {number} fn
 * @param {number} sn
 * @param {boolean} afterLeftSibling
 * @returns {[number, number]}
 */
function ascend(fn, sn, afterLeftSibling) {
  if (afterLeftSibling) {
    while (fn % 2 === 0 && fn !== 0) {
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
  }
  return [Math.floor(fn / 2), Math.floor(sn / 2)];
}

/**
 * @param {number} n
 * @returns {boolean}
 */
function isPowerOfTwo(n) {
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}
