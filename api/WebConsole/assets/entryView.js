// @ts-check
// One audit entry, proved in this page against the latest signed tree head (see auditProof.js).
import { ApiError, get } from "./api.js";
import { proveEntry } from "./auditProof.js";
import { failuresOf, text } from "./auditSearch.js";
import { definitions, h, replace, status, table, when } from "./dom.js";
/** @import { EntryVerdict } from "./auditProof.js" */
/** @import { AuditEntry, InclusionProof, ServiceKey, TreeHead } from "./wire.js" */

/**
 * @param {HTMLElement} root
 * @param {string} rawSequence
 * @returns {Promise<void>}
 */
export async function entryView(root, rawSequence) {
  if (!/^\d{1,15}$/.test(rawSequence)) {
    throw new ApiError(400, "Not a sequence number", "An entry is named by its sequence number.");
  }
  const sequence = Number(rawSequence);
  const verdict = h("div", { id: "proof", "aria-live": "polite" }, status("info", "Verifying…"));
  replace(root, h("p", {}, h("a", { href: "#/audit" }, "← Audit log")), h("h1", {}, `Entry ${sequence}`), verdict, h("div", { id: "entry" }));

  /** @type {AuditEntry} */
  let entry;
  try {
    entry = await get(`/audit/entries/${sequence}`);
  } catch (error) {
    replace(verdict, status("error", `NOT verified: the service did not serve the entry (${/** @type {Error} */ (error).message}).`, "proof-verdict"));
    return;
  }
  replace(/** @type {HTMLElement} */ (root.querySelector("#entry")), ...describe(entry));

  try {
    const [latest, keys] = await Promise.all([
      /** @type {Promise<TreeHead>} */ (get("/audit/tree-heads/latest")),
      /** @type {Promise<{ keys: ServiceKey[] }>} */ (get("/keys")),
    ]);
    /** @type {InclusionProof} */
    const proof = await get(`/audit/entries/${sequence}/proof?treeSize=${latest.treeSize}`);
    showVerdict(verdict, await proveEntry(entry, proof, latest, keys.keys), latest);
  } catch (error) {
    replace(verdict, status("error", `NOT verified: ${/** @type {Error} */ (error).message}`, "proof-verdict"));
  }
}

/**
 * @param {HTMLElement} target
 * @param {EntryVerdict} v
 * @param {TreeHead} head
 */
function showVerdict(target, v, head) {
  const checks = h("ul", {},
    h("li", {}, `Leaf hash recomputed from the entry as shown: ${v.leafMatches ? "equals the service's" : "DIFFERS from the service's"}`),
    h("li", {}, `Inclusion proof folded to the root of the tree head of size ${head.treeSize}: ${v.included ? "yes" : "NO"}`),
    h("li", {}, `That head's ECDSA P-384 signature, by a key of /keys: ${v.headSigned ? "verifies" : "does NOT verify"}`));
  replace(target,
    v.verified
      ? status("ok", "verified", "proof-verdict")
      : status("error", "NOT verified: the entry as shown is not the one the signed tree head commits to.", "proof-verdict"),
    checks);
}

/**
 * @param {AuditEntry} entry
 * @returns {HTMLElement[]}
 */
function describe(entry) {
  const failures = failuresOf(entry);
  return [
    definitions([
      ["Time", when(entry.timestamp)],
      ["Actor", `${entry.actorKind} ${entry.actorId}`],
      ["Action", entry.action],
      ["Outcome", entry.outcome],
      ["Subjects", entry.subjects.join(", ")],
      ["Request", entry.requestId ?? "—"],
      ["Leaf hash (as served)", h("code", {}, entry.leafHash)],
    ]),
    ...(failures.length > 0
      ? [h("h2", {}, "Failed rules"), table(["Rule", "Detail", "Expected", "Actual"], failures.map((f) => [h("strong", {}, f.rule), f.detail ?? "", h("code", {}, text(f.expected)), h("code", {}, text(f.actual))]))]
      : []),
    h("h2", {}, "Details"),
    h("pre", { class: "details" }, JSON.stringify(entry.details ?? {}, null, 2)),
  ];
}
