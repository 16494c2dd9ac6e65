// @ts-check
// Who is signed in: a token minted from a key loaded into this page (renewed before it expires), or a pasted token.
// Nothing here is written to storage: closing the tab forgets the key and the token.
import { mintToken } from "./token.js";
/** @import { MemberKey } from "./memberKey.js" */

/** A key-minted token is replaced this long before it expires, as the SDK does. */
const RenewBeforeMs = 60_000;

/**
 * @typedef {object} Session
 * @property {string} memberId
 * @property {string} token
 * @property {Date | null} expiresAt
 * @property {MemberKey | null} key Present when the member loaded a key file: it mints tokens and signs approvals.
 * @property {string[]} roles
 */

/** @type {Session | null} */
let current = null;
/** @type {number | undefined} */
let renewal;
/** @type {Array<() => void>} */
const listeners = [];

/** @returns {Session | null} */
export function session() {
  return current;
}

/** @param {() => void} listener */
export function onSessionChange(listener) {
  listeners.push(listener);
}

/** @param {Session} value */
export function start(value) {
  current = value;
  scheduleRenewal();
  listeners.forEach((l) => l());
}

/** @param {Partial<Session>} change */
export function update(change) {
  if (current) {
    current = { ...current, ...change };
    listeners.forEach((l) => l());
  }
}

export function end() {
  current = null;
  window.clearTimeout(renewal);
  listeners.forEach((l) => l());
}

/**
 * The bearer token to send now, renewed first when a key is loaded and the token is about to expire.
 * @returns {Promise<string | null>}
 */
export async function bearer() {
  if (current?.key && current.expiresAt && current.expiresAt.getTime() - Date.now() < RenewBeforeMs) {
    await renew();
  }
  return current?.token ?? null;
}

/** @returns {Promise<void>} */
async function renew() {
  if (!current?.key) {
    return;
  }
  const minted = await mintToken(current.memberId, current.key);
  update({ token: minted.token, expiresAt: minted.expiresAt });
  scheduleRenewal();
}

function scheduleRenewal() {
  window.clearTimeout(renewal);
  if (current?.key && current.expiresAt) {
    const delay = Math.max(1_000, current.expiresAt.getTime() - Date.now() - RenewBeforeMs);
    renewal = window.setTimeout(() => void renew(), delay);
  }
}
