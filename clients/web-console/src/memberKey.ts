// A member's private key, read from the file the member chose, inside this page only: it is never uploaded or stored.
import { Bytes, fromBase64, sha256, toBase64Url, utf8 } from "./bytes.js";

export type Curve = "P-256" | "P-384";

export interface PublicJwk {
  kty: "EC";
  crv: Curve;
  x: string;
  y: string;
}

export interface MemberKey {
  readonly privateKey: CryptoKey;
  readonly publicJwk: PublicJwk;
  /** RFC 7638 thumbprint, as the service names keys. */
  readonly keyId: string;
  readonly algorithm: "ES256" | "ES384";
}

/** A key file's text is at most this long; anything longer is not a key. */
export const MaxKeyFileLength = 16 * 1024;

export async function readMemberKey(text: string): Promise<MemberKey> {
  if (text.length > MaxKeyFileLength) {
    throw new Error("That file is too large to be a key.");
  }
  const trimmed = text.trim();
  const jwk = trimmed.startsWith("{") ? privateJwkOf(trimmed) : await privateJwkFromPem(trimmed);
  const privateKey = await crypto.subtle.importKey("jwk", jwk, { name: "ECDSA", namedCurve: jwk.crv }, false, ["sign"]);
  const publicJwk: PublicJwk = { kty: "EC", crv: jwk.crv as Curve, x: jwk.x!, y: jwk.y! };
  return { privateKey, publicJwk, keyId: await thumbprint(publicJwk), algorithm: algorithmOf(publicJwk.crv) };
}

export function algorithmOf(curve: Curve): "ES256" | "ES384" {
  return curve === "P-256" ? "ES256" : "ES384";
}

export function hashOf(algorithm: string): "SHA-256" | "SHA-384" {
  return algorithm === "ES384" ? "SHA-384" : "SHA-256";
}

/** RFC 7638: SHA-256 over the required members in lexicographic order, base64url. */
export async function thumbprint(jwk: PublicJwk): Promise<string> {
  const canonical = `{"crv":${JSON.stringify(jwk.crv)},"kty":"EC","x":${JSON.stringify(jwk.x)},"y":${JSON.stringify(jwk.y)}}`;
  return toBase64Url(await sha256(utf8(canonical)));
}

function privateJwkOf(text: string): JsonWebKey & { crv: Curve } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error("The file is neither a PEM private key nor a JWK.");
  }
  const jwk = parsed as Record<string, unknown>;
  if (jwk["kty"] !== "EC" || (jwk["crv"] !== "P-256" && jwk["crv"] !== "P-384")) {
    throw new Error("Member keys are EC P-256 or P-384.");
  }
  if (typeof jwk["d"] !== "string" || typeof jwk["x"] !== "string" || typeof jwk["y"] !== "string") {
    throw new Error("The JWK holds no private key (its 'd' member); a public key cannot sign.");
  }
  return { kty: "EC", crv: jwk["crv"], x: jwk["x"], y: jwk["y"], d: jwk["d"] };
}

async function privateJwkFromPem(text: string): Promise<JsonWebKey & { crv: Curve }> {
  const block = /^-----BEGIN ([A-Z ]+)-----\s*([A-Za-z0-9+/=\s]+?)\s*-----END \1-----$/.exec(text);
  if (!block) {
    throw new Error("The file is neither a PEM private key nor a JWK.");
  }
  const label = block[1];
  const body = fromBase64(block[2]!.replace(/\s+/g, ""));
  if (label === "ENCRYPTED PRIVATE KEY") {
    throw new Error("The key is encrypted; export it unencrypted (governance keys new writes such a file).");
  }
  if (label !== "PRIVATE KEY" && label !== "EC PRIVATE KEY") {
    throw new Error("The PEM file holds no private key.");
  }
  for (const curve of ["P-256", "P-384"] as const) {
    const pkcs8 = label === "PRIVATE KEY" ? body : wrapSec1(body, curve);
    try {
      const extractable = await crypto.subtle.importKey("pkcs8", pkcs8, { name: "ECDSA", namedCurve: curve }, true, ["sign"]);
      const jwk = await crypto.subtle.exportKey("jwk", extractable);
      return { kty: "EC", crv: curve, x: jwk.x!, y: jwk.y!, d: jwk.d! };
    } catch {
      // Not a key of this curve: try the next.
    }
  }
  throw new Error("Member keys are EC P-256 or P-384.");
}

const curveOids: Record<Curve, number[]> = {
  "P-256": [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07],
  "P-384": [0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22],
};

/** RFC 5208 PrivateKeyInfo around an RFC 5915 (SEC1) EC private key, which WebCrypto does not read by itself. */
function wrapSec1(sec1: Bytes, curve: Curve): Bytes {
  const ecPublicKey = [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
  const algorithm = der(0x30, [...ecPublicKey, ...curveOids[curve]]);
  return new Uint8Array(der(0x30, [0x02, 0x01, 0x00, ...algorithm, ...der(0x04, Array.from(sec1))]));
}

function der(tag: number, content: number[]): number[] {
  const n = content.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return [tag, ...length, ...content];
}
