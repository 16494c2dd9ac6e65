// @ts-check
// One contract in words, the digest recomputed here, every approval's signature checked here, and the party's decisions.
import { ApiError, contractId, get, post, query } from "./api.js";
import { contentDigest, signApproval, verifyApproval } from "./approval.js";
import { sameText } from "./bytes.js";
import { attestationRules, cleanRoomTypes, derivedWarnings, egressModes } from "./describe.js";
import { append, definitions, h, replace, status, table, when } from "./dom.js";
import { session, update } from "./session.js";
import { loadSigningKey } from "./signInView.js";
/** @import { PublicJwk } from "./memberKey.js" */
/** @import { Approval, ContractDiff, ContractView, Member } from "./wire.js" */

/**
 * <notice> is the outcome of the decision that led here, shown with the contract as it now stands.
 * @param {HTMLElement} root
 * @param {string} rawId
 * @param {string} [notice]
 * @returns {Promise<void>}
 */
export async function contractView(root, rawId, notice) {
  const id = contractId(rawId);
  replace(root, status("info", "Loading…"));
  /** @type {ContractView} */
  const view = await get(`/contracts/${id}`);
  const digest = await contentDigest(view.content);
  const digestMatches = sameText(digest, view.digest);
  const me = session()?.memberId ?? "";
  const c = view.content;

  const actions = h("section", { id: "decisions", "aria-labelledby": "decisions-heading" }, h("h2", { id: "decisions-heading" }, "Your decision"));
  const outcome = h("div", { id: "decision-status", "aria-live": "polite" }, notice ? status("ok", notice) : null);
  append(actions, ...decisions(view, digest, outcome, (done) => contractView(root, id, done)), outcome);

  replace(root,
    h("p", {}, h("a", { href: "#/contracts" }, "← Contracts"), " · ", h("a", { href: `#/contracts/${id}/timeline` }, "Timeline")),
    h("h1", { id: "contract-title" }, c.title),
    c.description ? h("p", {}, c.description) : null,
    definitions([
      ["State", h("span", { id: "contract-state" }, view.state)],
      ["Version", `v${view.version}`],
      ["Id", h("code", {}, view.id)],
      ["Proposer", view.proposer],
      ["Created", when(view.createdAt)],
      ["Proposed", when(view.proposedAt)],
      ["Decided", when(view.decidedAt)],
      ["Reason", view.reason ?? "—"],
      ["Releases so far", String(view.releaseCount)],
      ["Digest", h("span", {}, h("code", {}, view.digest), " ",
        digestMatches
          ? h("span", { id: "digest-status", class: "good" }, "matches the content shown (recomputed in this page)")
          : h("span", { id: "digest-status", class: "bad" }, `does NOT match the content shown, whose digest is ${digest}`))],
    ]),
    warnings(view),
    h("section", { id: "changes" }),
    h("h2", {}, "Parties"),
    table(["Party", "Approved"], c.parties.map((p) => [p, view.approvedBy.includes(p) ? "yes" : "not yet"])),
    h("h2", {}, "Datasets"),
    c.datasets.length === 0 ? h("p", {}, "None.") : table(["Owner", "Name", "Location", "Format", "Schema digest", "Key secret", "Credential secret"],
      c.datasets.map((d) => [d.owner, d.name, h("code", {}, d.location), d.format, d.schemaDigest ?? "—", d.keySecret, d.credentialSecret ?? "—"])),
    h("h2", {}, "Secrets"),
    h("div", { id: "secrets" }),
    h("h2", {}, "Clean room"),
    definitions([
      ["Type", `${c.cleanRoom.type}: ${cleanRoomTypes[c.cleanRoom.type] ?? "unknown"}`],
      ["VMPL", String(c.cleanRoom.vmpl)],
      ["Runtime", c.cleanRoom.customRuntime
        ? `${c.cleanRoom.customRuntime.name}${c.cleanRoom.customRuntime.digest ? `, digest ${c.cleanRoom.customRuntime.digest}` : ""}${c.cleanRoom.customRuntime.signerThumbprint ? `, signed by ${c.cleanRoom.customRuntime.signerThumbprint}` : ""}`
        : "none pinned (the policy pins the workload)"],
      ["Egress", `${c.cleanRoom.egress}: ${egressModes[c.cleanRoom.egress] ?? ""}`],
      ["Egress policy", c.cleanRoom.egressPolicy
        ? h("ul", {}, ...c.cleanRoom.egressPolicy.allowedFormats.map((f) => h("li", {}, `${f.format}: ${f.allowedOperators.length > 0 ? `operators ${f.allowedOperators.join(", ")}` : "any operator"}`)))
        : "—"],
    ]),
    h("h2", {}, "Attestation rules"),
    h("ul", { id: "attestation-rules" }, ...attestationRules(c.attestationPolicy, c.cleanRoom.vmpl).map((r) => h("li", {}, r))),
    h("h2", {}, "Validity"),
    definitions([
      ["Not before", when(c.validity?.notBefore)],
      ["Not after", when(c.validity?.notAfter)],
      ["Releases allowed", c.validity?.maxReleases !== undefined ? String(c.validity.maxReleases) : "no limit"],
    ]),
    h("h2", {}, "Approvals"),
    h("div", { id: "approvals" }, status("info", "Checking signatures…")),
    actions);

  await Promise.all([
    showSecrets(/** @type {HTMLElement} */ (root.querySelector("#secrets")), view, me),
    showChanges(/** @type {HTMLElement} */ (root.querySelector("#changes")), view),
    showApprovals(/** @type {HTMLElement} */ (root.querySelector("#approvals")), view),
  ]);
}

/**
 * @param {ContractView} view
 * @returns {HTMLElement | null}
 */
function warnings(view) {
  const lines = [...(view.warnings ?? []).map((w) => `${w.message} (${w.path})`), ...derivedWarnings(view.content)];
  return lines.length === 0 ? null : h("section", { id: "warnings", class: "warnings" }, h("h2", {}, "Weigh before approving"), h("ul", {}, ...lines.map((l) => h("li", {}, l))));
}

/**
 * @param {HTMLElement} target
 * @param {ContractView} view
 * @param {string} me
 * @returns {Promise<void>}
 */
async function showSecrets(target, view, me) {
  const needed = [
    ...view.content.secrets.map((s) => ({ owner: s.owner, name: s.name, use: "secret" })),
    ...view.content.datasets.flatMap((d) => [
      { owner: d.owner, name: d.keySecret, use: `key of ${d.name}` },
      ...(d.credentialSecret ? [{ owner: d.owner, name: d.credentialSecret, use: `credential of ${d.name}` }] : []),
    ]),
  ];
  /** @type {Set<string> | null} */
  let uploaded = null;
  if (session()?.roles.includes("member") && needed.some((s) => s.owner === me)) {
    try {
      uploaded = new Set((/** @type {{ name: string }[]} */ (await get("/secrets"))).map((s) => s.name));
    } catch {
      uploaded = null;
    }
  }
  replace(target, needed.length === 0 ? h("p", {}, "None.") : table(["Owner", "Name", "Use", "Uploaded"], needed.map((s) => [
    s.owner, s.name, s.use,
    s.owner !== me || uploaded === null ? "only its owner can tell" : uploaded.has(s.name) ? "yes" : "NOT YET: releases fail until it is",
  ])));
}

/**
 * @param {HTMLElement} target
 * @param {ContractView} view
 * @returns {Promise<void>}
 */
async function showChanges(target, view) {
  if (!view.previousVersionId || view.version <= 1) {
    return;
  }
  try {
    /** @type {ContractDiff} */
    const diff = await get(`/contracts/${view.id}/diff${query({ from: view.version - 1 })}`);
    replace(target, h("h2", {}, `Changes from version ${diff.fromVersion}`),
      h("ul", { id: "change-list" }, ...diff.changes.slice(0, 500).map((line) => h("li", {}, line))));
  } catch (error) {
    // An older service has no diff route: the amendment is shown whole, without a comparison.
    if (!(error instanceof ApiError && error.status === 404)) {
      replace(target, status("error", `Changes could not be read: ${/** @type {Error} */ (error).message}`));
    }
  }
}

/**
 * @param {HTMLElement} target
 * @param {ContractView} view
 * @returns {Promise<void>}
 */
async function showApprovals(target, view) {
  /** @type {{ approvals: Approval[] }} */
  const answer = await get(`/contracts/${view.id}/approvals`);
  /** @type {Map<string, Promise<Member | null>>} */
  const members = new Map();
  /** @param {string} id */
  const memberOf = (id) => {
    if (!members.has(id)) {
      members.set(id, /** @type {Promise<Member>} */ (get(`/members/${encodeURIComponent(id)}`)).catch(() => null));
    }
    return /** @type {Promise<Member | null>} */ (members.get(id));
  };
  const rows = await Promise.all(answer.approvals.map(async (a) => {
    /** @type {string} */
    let verdict;
    let good = false;
    if (a.isUnsigned || !a.signature || !a.keyId) {
      verdict = "unsigned (an external identity the consortium allows)";
    } else {
      const member = await memberOf(a.memberId);
      const key = member?.keys.find((k) => k.keyId === a.keyId);
      if (!key) {
        verdict = "does not verify: the key is not one the member registered";
      } else {
        const check = await verifyApproval(a.signature, view.id, a.digest, /** @type {PublicJwk} */ (/** @type {unknown} */ (key.publicJwk)));
        good = check.valid;
        verdict = check.valid ? `verifies${key.removedAt ? " (key since removed)" : ""}` : `does not verify: ${check.problem}`;
      }
    }
    const stale = a.digest !== view.digest ? " — for another digest" : "";
    return [a.memberId, h("code", {}, a.keyId ?? "—"), when(a.approvedAt), h("span", { class: good ? "good" : "bad", "data-member": a.memberId }, verdict + stale)];
  }));
  replace(target, rows.length === 0 ? h("p", {}, "No approvals yet.") : table(["Member", "Key", "Signed", "Signature (checked in this page)"], rows));
}

/**
 * @param {ContractView} view
 * @param {string} digest
 * @param {HTMLElement} outcome
 * @param {(done: string) => Promise<void>} refresh
 * @returns {HTMLElement[]}
 */
function decisions(view, digest, outcome, refresh) {
  const s = session();
  const me = s?.memberId ?? "";
  const isParty = view.content.parties.includes(me) && (s?.roles.includes("member") ?? false);
  /**
   * @param {() => Promise<unknown>} work
   * @param {string} done
   * @returns {(event: Event) => Promise<void>}
   */
  const act = (work, done) => async (event) => {
    event.preventDefault();
    try {
      await work();
    } catch (error) {
      replace(outcome, status("error", /** @type {Error} */ (error).message));
      return;
    }
    await refresh(done);
  };
  /** @type {HTMLElement[]} */
  const parts = [];
  if (!isParty) {
    return [h("p", {}, "Only the contract's parties decide on it.")];
  }
  if (view.state === "proposed" && !view.approvedBy.includes(me)) {
    const keyFile = h("input", { id: "signing-key-file", type: "file", accept: ".pem,.jwk,.json,.key" });
    const approve = async () => {
      let key = session()?.key ?? null;
      if (!key && keyFile.files?.[0]) {
        key = await loadSigningKey(keyFile.files[0], await get("/members/me"));
        keyFile.value = "";
        update({ key });
      }
      if (!key) {
        throw new Error("Load your key file to sign.");
      }
      // The page signs only the digest of the content it shows; a service that shows one content and asks for consent to another is caught here.
      if (!sameText(digest, view.digest)) {
        throw new Error(`Refused to sign: the content shown has digest ${digest}, but the service asks you to approve ${view.digest}. Nothing was signed.`);
      }
      const signature = await signApproval(key, view.id, digest);
      await post(`/contracts/${view.id}/approvals`, { digest, signature });
    };
    parts.push(h("form", { class: "card", onsubmit: act(approve, "Approved: your signature over the digest was recorded.") },
      h("h3", {}, "Approve"),
      h("p", {}, "Signs governance-contract-approval-v1:", h("code", {}, `${view.id}:${digest}`), " with your key, in this page."),
      session()?.key ? null : h("label", { for: "signing-key-file" }, "Your key file (read here, never uploaded)"),
      session()?.key ? null : keyFile,
      h("button", { id: "approve", type: "submit" }, "Approve this digest")));
  }
  if (view.state === "proposed") {
    parts.push(reasonForm("reject", "Reject", "Reason for rejecting (required)", true,
      (reason) => act(() => post(`/contracts/${view.id}/reject`, { reason }), "Rejected.")));
  }
  if (view.state === "accepted") {
    parts.push(reasonForm("revoke", "Revoke", "Reason for revoking", false,
      (reason) => act(() => post(`/contracts/${view.id}/revoke`, reason ? { reason } : {}), "Revoked: releases stop from the next request.")));
  }
  if ((view.state === "draft" || view.state === "proposed") && view.proposer === me) {
    parts.push(h("form", { class: "card", onsubmit: act(() => post(`/contracts/${view.id}/withdraw`), "Withdrawn.") },
      h("h3", {}, "Withdraw"), h("p", {}, "As its proposer you may withdraw it."), h("button", { id: "withdraw", type: "submit" }, "Withdraw")));
  }
  return parts.length > 0 ? parts : [h("p", {}, "Nothing to decide in this state.")];
}

/**
 * @param {string} name
 * @param {string} label
 * @param {string} prompt
 * @param {boolean} required
 * @param {(reason: string) => (event: Event) => Promise<void>} handler
 * @returns {HTMLElement}
 */
function reasonForm(name, label, prompt, required, handler) {
  const reason = h("textarea", { id: `${name}-reason`, rows: "2", maxlength: "1000", required });
  const form = h("form", { class: "card" },
    h("h3", {}, label), h("label", { for: `${name}-reason` }, prompt), reason, h("button", { id: name, type: "submit" }, label));
  form.addEventListener("submit", (event) => void handler(reason.value.trim())(event));
  return form;
}
