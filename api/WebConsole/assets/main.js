// @ts-check
// The console's shell: who is signed in, navigation, and the view the address names.
import { auditView } from "./auditView.js";
import { contractsView } from "./contractsView.js";
import { contractView } from "./contractView.js";
import { h, replace, status, when } from "./dom.js";
import { entryView } from "./entryView.js";
import { end, onSessionChange, session } from "./session.js";
import { signInView } from "./signInView.js";
import { timelineView } from "./timelineView.js";

// index.html has both elements: the module runs after the document is parsed.
const main = /** @type {HTMLElement} */ (document.getElementById("main"));
const who = /** @type {HTMLElement} */ (document.getElementById("whoami"));

function showWho() {
  const s = session();
  if (!s) {
    replace(who, "Not signed in");
    return;
  }
  replace(who,
    h("span", { id: "signed-in-as" }, `Signed in as ${s.memberId}`),
    ` (${s.roles.join(", ")}) · token expires `,
    h("time", { id: "token-expiry", datetime: s.expiresAt?.toISOString() ?? "" }, when(s.expiresAt)),
    s.key ? " · renewed with your key before it expires" : " · pasted token, not renewed",
    " ",
    h("button", { type: "button", id: "sign-out", onclick: () => { end(); window.location.hash = "#/"; } }, "Sign out"));
}

/** @returns {Promise<void>} */
async function route() {
  const hash = window.location.hash.replace(/^#/, "") || "/";
  const [path, search] = /** @type {[string, string | undefined]} */ (hash.split("?", 2));
  const parts = path.split("/").filter((p) => p.length > 0);
  // Each navigation renders into its own element: a slower earlier view that finishes later writes into a detached one.
  const view = h("div", {});
  replace(main, view);
  main.focus();
  try {
    if (!session()) {
      signInView(view);
    } else if (parts[0] === "contracts" && parts[1] && parts[2] === "timeline") {
      await timelineView(view, parts[1]);
    } else if (parts[0] === "contracts" && parts[1]) {
      await contractView(view, parts[1]);
    } else if (parts[0] === "audit" && parts[1]) {
      await entryView(view, parts[1]);
    } else if (parts[0] === "audit") {
      await auditView(view, new URLSearchParams(search ?? ""));
    } else {
      await contractsView(view);
    }
  } catch (error) {
    replace(view, status("error", /** @type {Error} */ (error).message));
  }
}

onSessionChange(showWho);
window.addEventListener("hashchange", () => void route());
showWho();
void route();
