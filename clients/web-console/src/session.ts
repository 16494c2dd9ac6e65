// Who is signed in: a token minted from a key loaded into this page (renewed before it expires), or a pasted token.
// Nothing here is written to storage: closing the tab forgets the key and the token.
import { MemberKey } from "./memberKey.js";
import { mintToken } from "./token.js";

/** A key-minted token is replaced this long before it expires, as the SDK does. */
const RenewBeforeMs = 60_000;

export interface Session {
  memberId: string;
  token: string;
  expiresAt: Date | null;
  /** Present when the member loaded a key file: it mints tokens and signs approvals. */
  key: MemberKey | null;
  roles: string[];
}

let current: Session | null = null;
let renewal: number | undefined;
const listeners: Array<() => void> = [];

export function session(): Session | null {
  return current;
}

export function onSessionChange(listener: () => void): void {
  listeners.push(listener);
}

export function start(value: Session): void {
  current = value;
  scheduleRenewal();
  listeners.forEach((l) => l());
}

export function update(change: Partial<Session>): void {
  if (current) {
    current = { ...current, ...change };
    listeners.forEach((l) => l());
  }
}

export function end(): void {
  current = null;
  window.clearTimeout(renewal);
  listeners.forEach((l) => l());
}

/** The bearer token to send now, renewed first when a key is loaded and the token is about to expire. */
export async function bearer(): Promise<string | null> {
  if (current?.key && current.expiresAt && current.expiresAt.getTime() - Date.now() < RenewBeforeMs) {
    await renew();
  }
  return current?.token ?? null;
}

async function renew(): Promise<void> {
  if (!current?.key) {
    return;
  }
  const minted = await mintToken(current.memberId, current.key);
  update({ token: minted.token, expiresAt: minted.expiresAt });
  scheduleRenewal();
}

function scheduleRenewal(): void {
  window.clearTimeout(renewal);
  if (current?.key && current.expiresAt) {
    const delay = Math.max(1_000, current.expiresAt.getTime() - Date.now() - RenewBeforeMs);
    renewal = window.setTimeout(() => void renew(), delay);
  }
}
