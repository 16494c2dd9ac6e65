// @ts-check
// Sign in with a member key file (read here, never uploaded) or with a pasted bearer token.
import { call } from "./api.js";
import { h, replace, status } from "./dom.js";
import { readMemberKey } from "./memberKey.js";
import { start } from "./session.js";
import { expiryOf, mintToken } from "./token.js";
/** @import { MemberKey } from "./memberKey.js" */
/** @import { Member } from "./wire.js" */

const memberIdPattern = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** @param {HTMLElement} root */
export function signInView(root) {
  const message = h("div", { id: "sign-in-status", "aria-live": "polite" });
  const memberId = h("input", { id: "member-id", name: "member-id", autocomplete: "username", required: true, pattern: memberIdPattern.source, spellcheck: "false" });
  const keyFile = h("input", { id: "key-file", name: "key-file", type: "file", accept: ".pem,.jwk,.json,.key" });
  const token = h("textarea", { id: "token", name: "token", rows: "4", spellcheck: "false", autocomplete: "off" });

  /** @param {Event} event */
  const withKey = async (event) => {
    event.preventDefault();
    const id = memberId.value.trim();
    const file = keyFile.files?.[0];
    if (!memberIdPattern.test(id) || !file) {
      replace(message, status("error", "Give your member id and choose your key file."));
      return;
    }
    try {
      const key = await readMemberKey(await file.slice(0, 16 * 1024 + 1).text());
      keyFile.value = "";
      const minted = await mintToken(id, key);
      await signIn(id, minted.token, minted.expiresAt, key);
    } catch (error) {
      replace(message, status("error", `Not signed in: ${/** @type {Error} */ (error).message}`));
    }
  };

  /** @param {Event} event */
  const withToken = async (event) => {
    event.preventDefault();
    const text = token.value.trim().replace(/^Bearer\s+/i, "");
    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(text) || text.length > 16 * 1024) {
      replace(message, status("error", "That is not a JWT."));
      return;
    }
    try {
      token.value = "";
      await signIn(null, text, expiryOf(text), null);
    } catch (error) {
      replace(message, status("error", `Not signed in: ${/** @type {Error} */ (error).message}`));
    }
  };

  replace(root,
    h("h1", {}, "Sign in"),
    h("div", { class: "columns" },
      h("form", { class: "card", onsubmit: withKey },
        h("h2", {}, "With your key file"),
        h("label", { for: "member-id" }, "Member id"), memberId,
        h("label", { for: "key-file" }, "Private key (PEM PKCS#8 or JWK, P-256 or P-384)"), keyFile,
        h("p", { class: "hint" }, "The key is read inside this page and never leaves it: it is not uploaded and not stored. " +
          "The page mints five-minute tokens with it, as the governance CLI does, and renews them before they expire."),
        h("button", { id: "sign-in-key", type: "submit" }, "Sign in with key")),
      h("form", { class: "card", onsubmit: withToken },
        h("h2", {}, "With a token"),
        h("label", { for: "token" }, "Bearer token (governance token, or your identity provider's)"), token,
        h("p", { class: "hint" }, "A pasted token is not renewed; approving needs your key file as well."),
        h("button", { id: "sign-in-token", type: "submit" }, "Sign in with token"))),
    message);
}

/**
 * @param {string | null} claimed
 * @param {string} token
 * @param {Date | null} expiresAt
 * @param {MemberKey | null} key
 * @returns {Promise<void>}
 */
async function signIn(claimed, token, expiresAt, key) {
  /** @type {Member} */
  const me = await call("GET", "/members/me", undefined, token);
  if (claimed !== null && me.id !== claimed) {
    throw new Error("the service signed you in as someone else");
  }
  start({
    memberId: me.id,
    token,
    expiresAt: me.expiresAt ? new Date(me.expiresAt) : expiresAt,
    key,
    roles: me.roles,
  });
  window.location.hash = "#/contracts";
}

/**
 * Loads a key for signing when signed in with a pasted token; it must be one of the member's registered keys.
 * @param {File} file
 * @param {Member} me
 * @returns {Promise<MemberKey>}
 */
export async function loadSigningKey(file, me) {
  const key = await readMemberKey(await file.slice(0, 16 * 1024 + 1).text());
  if (!me.keys.some((k) => k.keyId === key.keyId && !k.removedAt)) {
    throw new Error("That key is not one of your active keys.");
  }
  return key;
}
