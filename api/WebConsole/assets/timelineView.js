// @ts-check
// A contract's life as the audit log tells it: drafted, proposed, each approval, accepted, every release granted or
// refused (with its failed rules), revoked.
import { contractId } from "./api.js";
import { failuresOf, searchAll, text } from "./auditSearch.js";
import { h, replace, status, table, when } from "./dom.js";
/** @import { AuditEntry } from "./wire.js" */

const MaxEntries = 2_000;

/** @type {Record<string, string>} */
const words = {
  "contract.created": "drafted",
  "contract.edited": "edited",
  "contract.proposed": "proposed",
  "contract.approved": "approved",
  "contract.accepted": "accepted by every party",
  "contract.rejected": "rejected",
  "contract.withdrawn": "withdrawn",
  "contract.revoked": "revoked",
  "contract.amended": "amended",
  "contract.superseded": "superseded",
  "contract.approval_refused": "approval refused",
  "contract.tampering_detected": "tampering detected",
  "release.granted": "release granted",
  "release.denied": "release refused",
};

/**
 * @param {HTMLElement} root
 * @param {string} rawId
 * @returns {Promise<void>}
 */
export async function timelineView(root, rawId) {
  const id = contractId(rawId);
  replace(root, h("h1", {}, "Timeline"), status("info", "Loading…"));
  const { entries, truncated } = await searchAll({ contract: id }, MaxEntries);
  replace(root,
    h("p", {}, h("a", { href: `#/contracts/${id}` }, "← Contract")),
    h("h1", {}, "Timeline"),
    h("p", {}, h("code", {}, id)),
    entries.length === 0 ? h("p", {}, "The log holds nothing about this contract that you may see.") : h("ol", { class: "timeline", id: "timeline" }, ...entries.map(item)),
    truncated ? h("p", { class: "hint" }, `Only the first ${MaxEntries} entries are shown.`) : null);
}

/**
 * @param {AuditEntry} entry
 * @returns {HTMLElement}
 */
function item(entry) {
  const d = /** @type {Record<string, unknown>} */ (entry.details ?? {});
  const failures = failuresOf(entry);
  const released = Array.isArray(d["released"]) ? /** @type {unknown[]} */ (d["released"]).map(String) : [];
  return h("li", { class: `event ${entry.outcome}`, "data-action": entry.action },
    h("div", {},
      h("a", { href: `#/audit/${entry.sequence}` }, `#${entry.sequence}`), " ",
      h("time", { datetime: entry.timestamp }, when(entry.timestamp)), " ",
      h("strong", {}, words[entry.action] ?? entry.action), " by ", `${entry.actorKind} ${entry.actorId.length > 20 ? entry.actorId.slice(0, 16) + "…" : entry.actorId}`,
      d["version"] !== undefined ? ` (v${text(d["version"])})` : "",
      d["reason"] ? `: ${text(d["reason"])}` : ""),
    released.length > 0 ? h("div", {}, `Released: ${released.join(", ")}`) : null,
    failures.length > 0 ? table(["Failed rule", "Expected", "Actual"], failures.map((f) => [f.rule, h("code", {}, text(f.expected)), h("code", {}, text(f.actual))])) : null);
}
