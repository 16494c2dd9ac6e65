// @ts-check
// The audit explorer: the service's filters, the entries they select, the failed rules of refused releases,
// the log's consistency with the head this browser saw last time, and an export of the current filter.
import { get } from "./api.js";
import { headsConsistent, treeHeadSigned } from "./auditProof.js";
import { failuresOf, filterNames, filtersFrom, searchPage, text } from "./auditSearch.js";
import { append, h, replace, status, table, when } from "./dom.js";
import { exportEntries } from "./auditExport.js";
/** @import { Filters } from "./auditSearch.js" */
/** @import { AuditEntry, ConsistencyProof, ServiceKey, TreeHead } from "./wire.js" */

const PageSize = 100;
const LastHeadKey = "governance-console.last-tree-head";

/** @type {Record<(typeof filterNames)[number], string>} */
const labels = {
  fromSequence: "From sequence", toSequence: "To sequence (exclusive)", fromTime: "From time (RFC 3339)", toTime: "To time (RFC 3339)",
  actor: "Actor", action: "Action (prefix with .*)", contract: "Contract id", subject: "Subject", measurement: "Measurement (hex)", outcome: "Outcome",
};

/**
 * @param {HTMLElement} root
 * @param {URLSearchParams} search
 * @returns {Promise<void>}
 */
export async function auditView(root, search) {
  const filters = filtersFrom(search);
  const form = h("form", { class: "filters", id: "audit-filters" });
  for (const name of filterNames) {
    const input = name === "outcome"
      ? h("select", { id: `filter-${name}`, name }, ...["", "succeeded", "denied", "failed"].map((o) => h("option", { value: o, selected: filters[name] === o }, o || "any")))
      : h("input", { id: `filter-${name}`, name, value: filters[name] ?? "", spellcheck: "false" });
    append(form, h("div", {}, h("label", { for: `filter-${name}` }, labels[name]), input));
  }
  append(form, h("div", { class: "buttons" }, h("button", { id: "audit-search", type: "submit" }, "Search")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (typeof value === "string" && value.trim()) {
        chosen.set(name, value.trim());
      }
    }
    window.location.hash = `#/audit?${chosen.toString()}`;
  });

  const results = h("div", { id: "audit-results" }, status("info", "Loading…"));
  const consistency = h("div", { id: "consistency" });
  const exportStatus = h("div", { id: "export-status", "aria-live": "polite" });
  /** @param {"jsonl" | "csv"} format */
  const exportButton = (format) => h("button", {
    type: "button", id: `export-${format}`,
    onclick: () => void exportEntries(filters, format).then(
      (n) => replace(exportStatus, status("ok", `Exported ${n} entries with the signed tree head they belong to.`)),
      /** @param {Error} error */ (error) => replace(exportStatus, status("error", error.message))),
  }, `Export ${format.toUpperCase()}`);

  replace(root, h("h1", {}, "Audit log"), consistency, form,
    h("div", { class: "buttons" }, exportButton("jsonl"), exportButton("csv")), exportStatus, results);
  await Promise.all([showEntries(results, filters), checkConsistency(consistency)]);
}

/**
 * @param {HTMLElement} target
 * @param {Filters} filters
 * @param {string} [cursor]
 * @returns {Promise<void>}
 */
async function showEntries(target, filters, cursor) {
  try {
    const page = await searchPage(filters, PageSize, cursor);
    const entries = page.entries ?? [];
    const next = page.nextCursor;
    replace(target,
      entries.length === 0 ? h("p", {}, "No entry matches.") : table(["Seq", "Time", "Actor", "Action", "Outcome", "Subjects", "What"], entries.map(row)),
      next ? h("button", { type: "button", id: "audit-next", onclick: () => void showEntries(target, filters, next) }, "Next page") : null);
  } catch (error) {
    replace(target, status("error", /** @type {Error} */ (error).message));
  }
}

/**
 * @param {AuditEntry} entry
 * @returns {(HTMLElement | string)[]}
 */
function row(entry) {
  const failures = failuresOf(entry);
  return [
    h("a", { href: `#/audit/${entry.sequence}` }, String(entry.sequence)),
    when(entry.timestamp),
    `${entry.actorKind}:${entry.actorId.length > 20 ? entry.actorId.slice(0, 16) + "…" : entry.actorId}`,
    entry.action,
    entry.outcome,
    entry.subjects.join(" "),
    failures.length > 0
      ? h("ul", { class: "failures" }, ...failures.map((f) => h("li", {}, h("strong", {}, f.rule), " expected ", h("code", {}, text(f.expected)), ", actual ", h("code", {}, text(f.actual)))))
      : summary(entry),
  ];
}

/**
 * @param {AuditEntry} entry
 * @returns {string}
 */
function summary(entry) {
  const d = /** @type {Record<string, unknown>} */ (entry.details ?? {});
  const parts = ["state", "version", "reason", "vote", "kind"].filter((k) => d[k] !== undefined && d[k] !== null).map((k) => `${k} ${text(d[k])}`);
  return parts.join(", ");
}

/**
 * Checks the latest signed head against the one this browser verified last time, and remembers the latest.
 * @param {HTMLElement} target
 * @returns {Promise<void>}
 */
async function checkConsistency(target) {
  try {
    const [latest, keys] = await Promise.all([
      /** @type {Promise<TreeHead>} */ (get("/audit/tree-heads/latest")),
      /** @type {Promise<{ keys: ServiceKey[] }>} */ (get("/keys")),
    ]);
    if (!(await treeHeadSigned(latest, keys.keys))) {
      replace(target, status("error", `The latest tree head (size ${latest.treeSize}) is NOT signed by a published key.`, "consistency-status"));
      return;
    }
    const stored = localStorage.getItem(LastHeadKey);
    const previous = stored ? /** @type {TreeHead} */ (JSON.parse(stored)) : null;
    /** @type {HTMLElement} */
    let verdict;
    if (!previous || typeof previous.treeSize !== "number") {
      verdict = status("info", `Tree head of size ${latest.treeSize} signed ${when(latest.timestamp)}; first seen by this browser.`, "consistency-status");
    } else if (previous.treeSize > latest.treeSize) {
      verdict = status("error", `NOT consistent: the log had ${previous.treeSize} entries when this browser last looked and now claims ${latest.treeSize}.`, "consistency-status");
    } else {
      /** @type {ConsistencyProof} */
      const proof = previous.treeSize === latest.treeSize
        ? { from: latest.treeSize, to: latest.treeSize, proof: [], fromTreeHead: previous, toTreeHead: latest }
        : await get(`/audit/consistency?from=${previous.treeSize}&to=${latest.treeSize}`);
      const consistent = await headsConsistent(proof, previous, latest, keys.keys);
      verdict = consistent
        ? status("ok", `Consistent: the log of ${latest.treeSize} entries extends the ${previous.treeSize} this browser saw at ${when(previous.timestamp)} (checked in this page).`, "consistency-status")
        : status("error", `NOT consistent with the head of size ${previous.treeSize} this browser saw at ${when(previous.timestamp)}.`, "consistency-status");
      if (!consistent) {
        replace(target, verdict);
        return;
      }
    }
    localStorage.setItem(LastHeadKey, JSON.stringify(latest));
    replace(target, verdict);
  } catch (error) {
    replace(target, status("error", `Consistency not checked: ${/** @type {Error} */ (error).message}`, "consistency-status"));
  }
}
