// RFC 9162 hashing and proof checks (§2.1.1, §2.1.3.2, §2.1.4.2), with WebCrypto's SHA-256.
import { Bytes, concat, sameBytes, sha256 } from "./bytes.js";

export const HashSize = 32;

export function leafHash(entry: Bytes): Promise<Bytes> {
  return sha256(concat(new Uint8Array([0x00]), entry));
}

export function nodeHash(left: Bytes, right: Bytes): Promise<Bytes> {
  return sha256(concat(new Uint8Array([0x01]), left, right));
}

/** The root an inclusion proof folds to, or null when the proof has the wrong shape. */
export async function rootFromInclusionProof(leafIndex: number, treeSize: number, leaf: Bytes, path: Bytes[]): Promise<Bytes | null> {
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
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

export async function verifyConsistency(oldSize: number, newSize: number, oldRoot: Bytes, newRoot: Bytes, proof: Bytes[]): Promise<boolean> {
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
  let fr = nodes[0]!;
  let sr = nodes[0]!;
  for (const c of nodes.slice(1)) {
    if (sn === 0) {
      return false;
    }
    if (fn % 2 === 1 || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && sameBytes(fr, oldRoot) && sameBytes(sr, newRoot);
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}
