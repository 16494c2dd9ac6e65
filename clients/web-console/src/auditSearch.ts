// The audit filters the service supports, read from and written to the page's address, and paging through them.
import { get, query } from "./api.js";
import { AuditEntry, Page } from "./wire.js";

export const filterNames = ["fromSequence", "toSequence", "fromTime", "toTime", "actor", "action", "contract", "subject", "measurement", "outcome"] as const;

export type Filters = Partial<Record<(typeof filterNames)[number], string>>;

export function filtersFrom(search: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const name of filterNames) {
    const value = search.get(name)?.trim();
    if (value) {
      filters[name] = value.slice(0, 300);
    }
  }
  return filters;
}

export async function searchPage(filters: Filters, limit: number, cursor?: string): Promise<Page<AuditEntry>> {
  return get<Page<AuditEntry>>(`/audit/entries${query({ ...filters, limit, cursor })}`);
}

/** Every entry the filters select, up to <max>, oldest first. */
export async function searchAll(filters: Filters, max: number): Promise<{ entries: AuditEntry[]; truncated: boolean }> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await searchPage(filters, Math.min(1000, max - entries.length), cursor);
    entries.push(...(page.entries ?? []));
    cursor = page.nextCursor;
  } while (cursor && entries.length < max);
  return { entries, truncated: cursor !== undefined };
}

export interface Failure {
  rule: string;
  detail?: string;
  expected?: unknown;
  actual?: unknown;
}

/** A refused release's failed rules, as its entry records them. */
export function failuresOf(entry: AuditEntry): Failure[] {
  const details = entry.details as { failures?: unknown } | null;
  return Array.isArray(details?.failures) ? (details.failures as Failure[]).filter((f) => f && typeof f.rule === "string") : [];
}

export function text(value: unknown): string {
  if (value === null || value === undefined) {
    return "—";
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}
