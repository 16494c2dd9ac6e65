// @ts-check
// Contracts the caller may see, by state, with those awaiting the caller's approval first.
import { get, query } from "./api.js";
import { h, replace, status, table, when } from "./dom.js";
import { session } from "./session.js";
/** @import { ContractSummary, ContractView, Page } from "./wire.js" */

/** At most this many pages of 200 are read; at most this many proposed contracts are opened to see who approved. */
const MaxPages = 5;
const MaxOpened = 50;

const stateOrder = ["proposed", "draft", "accepted", "expired", "revoked", "superseded", "rejected", "withdrawn"];

/**
 * @param {HTMLElement} root
 * @returns {Promise<void>}
 */
export async function contractsView(root) {
  replace(root, h("h1", {}, "Contracts"), status("info", "Loading…"));
  /** @type {ContractSummary[]} */
  const contracts = [];
  /** @type {string | undefined} */
  let cursor;
  for (let page = 0; page < MaxPages; page++) {
    /** @type {Page<ContractSummary>} */
    const answer = await get(`/contracts${query({ limit: 200, cursor })}`);
    contracts.push(...(answer.items ?? []));
    cursor = answer.nextCursor;
    if (!cursor) {
      break;
    }
  }

  const me = session()?.memberId ?? "";
  const mine = contracts.filter((c) => c.state === "proposed" && c.parties.includes(me)).slice(0, MaxOpened);
  const opened = await Promise.all(mine.map((c) => /** @type {Promise<ContractView>} */ (get(`/contracts/${c.id}`))));
  const awaiting = new Set(opened.filter((v) => v.state === "proposed" && !v.approvedBy.includes(me)).map((v) => v.id));

  /** @param {ContractSummary[]} items */
  const rows = (items) => items.map((c) => [
    h("a", { href: `#/contracts/${c.id}` }, c.title),
    `v${c.version}`, c.state, c.parties.join(", "), c.proposer, when(c.updatedAt),
  ]);
  const headings = ["Title", "Version", "State", "Parties", "Proposer", "Updated"];
  /** @type {HTMLElement[]} */
  const sections = [];
  const waiting = contracts.filter((c) => awaiting.has(c.id));
  sections.push(h("section", { id: "awaiting-approval", "aria-labelledby": "awaiting-heading" },
    h("h2", { id: "awaiting-heading" }, `Awaiting my approval (${waiting.length})`),
    waiting.length > 0 ? table(headings, rows(waiting)) : h("p", {}, "Nothing waits for your approval.")));
  const rest = contracts.filter((c) => !awaiting.has(c.id));
  for (const state of [...stateOrder, ...new Set(rest.map((c) => c.state).filter((s) => !stateOrder.includes(s)))]) {
    const inState = rest.filter((c) => c.state === state);
    if (inState.length > 0) {
      sections.push(h("section", { "data-state": state }, h("h2", {}, `${state.charAt(0).toUpperCase()}${state.slice(1)} (${inState.length})`), table(headings, rows(inState))));
    }
  }
  replace(root, h("h1", {}, "Contracts"), ...sections, cursor ? h("p", { class: "hint" }, `Only the newest ${contracts.length} are listed.`) : null);
}
