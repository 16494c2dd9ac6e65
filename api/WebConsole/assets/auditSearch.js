// @ts-check
// The audit filters the service supports, read from and written to the page's address, and paging through them.
import { get, query } from "./api.js";
/** @import { AuditEntry, Page } from "./wire.js" */

export const filterNames = /** @type {const} */ (["fromSequence", "toSequence", "fromTime", "toTime", "actor", "action", "contract", "subject", "measurement", "outcome"]);

/** @typedef {Partial<Record<(typeof filterNames)[number], string>>} Filters */

/**
 * @param {URLSearchParams} search
 * @returns {Filters}
 */
export function filtersFrom(search) {
  /** @type {Filters} */
  const filters = {};
  for (const name of filterNames) {
    const value = search.get(name)?.trim();
    if (value) {
      filters[name] = value.slice(0, 300);
    }
  }
  return filters;
}

/**
 * @param {Filters} filters
 * @param {number} limit
 * @param {string} [cursor]
 * @returns {Promise<Page<AuditEntry>>}
 */
export async function searchPage(filters, limit, cursor) {
  return get(`/audit/entries${query({ ...filters, limit, cursor })}`);
}

/**
 * Every entry the filters select, up to <max>, oldest first.
 * @param {Filters} filters
 * @param {number} max
 * @returns {Promise<{ entries: AuditEntry[]; truncated: boolean }>}
 */
export async function searchAll(filters, max) {
  /** @type {AuditEntry[]} */
  const entries = [];
  /** @type {string | undefined} */
  let cursor;
  do {
    const page = await searchPage(filters, Math.min(1000, max - entries.length), cursor);
    entries.push(...(page.entries ?? []));
    cursor = page.nextCursor;
  } while (cursor && entries.length < max);
  return { entries, truncated: cursor !== undefined };
}

/** @typedef {{ rule: string; detail?: string; expected?: unknown; actual?: unknown }} Failure */

/**
 * A refused release's failed rules, as its entry records them.
 * @param {AuditEntry} entry
 * @returns {Failure[]}
 */
export function failuresOf(entry) {
  const details = /** @type {{ failures?: unknown } | null} */ (entry.details);
  return Array.isArray(details?.failures) ? /** @type {Failure[]} */ (details.failures).filter((f) => f && typeof f.rule === "string") : [];
}

/**
 * @param {unknown} value
 * @returns {string}
 */
export function text(value) {
  if (value === null || value === undefined) {
    return "—";
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}
