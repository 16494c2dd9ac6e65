// @ts-check
// Export of the entries the current filter selects, as JSONL or CSV, beside the signed tree head they were read under.
import { get } from "./api.js";
import { searchAll } from "./auditSearch.js";
/** @import { Filters } from "./auditSearch.js" */
/** @import { AuditEntry, TreeHead } from "./wire.js" */

/** An export in the page is held in memory; larger ones are the CLI's (governance audit export). */
const MaxEntries = 20_000;

/**
 * @param {Filters} filters
 * @param {"jsonl" | "csv"} format
 * @returns {Promise<number>}
 */
export async function exportEntries(filters, format) {
  /** @type {TreeHead} */
  const head = await get("/audit/tree-heads/latest");
  const { entries, truncated } = await searchAll({ ...filters, toSequence: lower(filters.toSequence, head.treeSize) }, MaxEntries);
  if (truncated) {
    throw new Error(`The filter selects more than ${MaxEntries} entries; narrow it, or use governance audit export.`);
  }
  const name = `audit-${head.treeSize}`;
  const body = format === "jsonl" ? entries.map((e) => JSON.stringify(e)).join("\n") + (entries.length > 0 ? "\n" : "") : csv(entries);
  download(`${name}.${format}`, body, format === "jsonl" ? "application/jsonl" : "text/csv");
  download(`${name}.${format}.tree-head.json`, JSON.stringify(head, null, 2) + "\n", "application/json");
  return entries.length;
}

/**
 * Entries past the head are left out (toSequence is exclusive), so every exported entry is covered by the head that goes with it.
 * @param {string | undefined} value
 * @param {number} bound
 * @returns {string}
 */
function lower(value, bound) {
  const asked = value !== undefined && /^\d+$/.test(value) ? Number(value) : Number.POSITIVE_INFINITY;
  return String(Math.min(asked, bound));
}

const columns = /** @type {const} */ (["sequence", "timestamp", "actorKind", "actorId", "action", "outcome", "subjects", "requestId", "leafHash", "details"]);

/**
 * @param {AuditEntry[]} entries
 * @returns {string}
 */
function csv(entries) {
  const lines = [columns.join(",")];
  for (const e of entries) {
    lines.push([e.sequence, e.timestamp, e.actorKind, e.actorId, e.action, e.outcome, e.subjects.join(" "), e.requestId ?? "", e.leafHash, JSON.stringify(e.details ?? {})]
      .map((v) => cell(String(v))).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

/**
 * RFC 4180 quoting; a value a spreadsheet would run as a formula gets a leading apostrophe.
 * @param {string} value
 * @returns {string}
 */
function cell(value) {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * @param {string} name
 * @param {string} body
 * @param {string} type
 */
function download(name, body, type) {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
