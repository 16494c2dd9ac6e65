// @ts-check
// RFC 8785 JSON Canonicalization Scheme, as the service computes contract digests and audit leaf hashes.

/**
 * The canonical text of a parsed JSON value: members sorted by UTF-16 code units, ECMAScript number form.
 * @param {unknown} value
 * @returns {string}
 */
export function canonicalize(value) {
  if (value === null) {
    return "null";
  }
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) {
        throw new Error("NaN and infinities have no JSON form.");
      }
      // JSON.stringify writes Number::toString, which RFC 8785 §3.2.2.3 prescribes (and -0 as 0).
      return JSON.stringify(value);
    case "string":
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) {
        return "[" + value.map(canonicalize).join(",") + "]";
      }
      const record = /** @type {Record<string, unknown>} */ (value);
      // The default sort compares UTF-16 code units, which is RFC 8785 §3.2.3's order.
      const names = Object.keys(record).sort();
      return "{" + names.map((name) => JSON.stringify(name) + ":" + canonicalize(record[name])).join(",") + "}";
    }
    default:
      throw new Error("A value of this kind has no JSON form.");
  }
}

/**
 * The value with every null object member left out, as the service writes contract content before it digests it.
 * @param {unknown} value
 * @returns {unknown}
 */
export function withoutNulls(value) {
  if (Array.isArray(value)) {
    return value.map(withoutNulls);
  }
  if (value !== null && typeof value === "object") {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [name, member] of Object.entries(/** @type {Record<string, unknown>} */ (value))) {
      if (member !== null && member !== undefined) {
        out[name] = withoutNulls(member);
      }
    }
    return out;
  }
  return value;
}
