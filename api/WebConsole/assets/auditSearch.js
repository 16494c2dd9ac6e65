// The audit filters the service supports, read from and written to the page's address, and paging through them.
import { get, query } from "./api.js";
export const filterNames = ["fromSequence", "toSequence", "fromTime", "toTime", "actor", "action", "contract", "subject", "measurement", "outcome"];
export function filtersFrom(search) {
    const filters = {};
    for (const name of filterNames) {
        const value = search.get(name)?.trim();
        if (value) {
            filters[name] = value.slice(0, 300);
        }
    }
    return filters;
}
export async function searchPage(filters, limit, cursor) {
    return get(`/audit/entries${query({ ...filters, limit, cursor })}`);
}
/** Every entry the filters select, up to <max>, oldest first. */
export async function searchAll(filters, max) {
    const entries = [];
    let cursor;
    do {
        const page = await searchPage(filters, Math.min(1000, max - entries.length), cursor);
        entries.push(...(page.entries ?? []));
        cursor = page.nextCursor;
    } while (cursor && entries.length < max);
    return { entries, truncated: cursor !== undefined };
}
/** A refused release's failed rules, as its entry records them. */
export function failuresOf(entry) {
    const details = entry.details;
    return Array.isArray(details?.failures) ? details.failures.filter((f) => f && typeof f.rule === "string") : [];
}
export function text(value) {
    if (value === null || value === undefined) {
        return "—";
    }
    return typeof value === "string" ? value : JSON.stringify(value);
}
