import { mintToken } from "./token.js";
/** A key-minted token is replaced this long before it expires, as the SDK does. */
const RenewBeforeMs = 60_000;
let current = null;
let renewal;
const listeners = [];
export function session() {
    return current;
}
export function onSessionChange(listener) {
    listeners.push(listener);
}
export function start(value) {
    current = value;
    scheduleRenewal();
    listeners.forEach((l) => l());
}
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
/** The bearer token to send now, renewed first when a key is loaded and the token is about to expire. */
export async function bearer() {
    if (current?.key && current.expiresAt && current.expiresAt.getTime() - Date.now() < RenewBeforeMs) {
        await renew();
    }
    return current?.token ?? null;
}
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
