// The service's public REST API, same origin. Errors arrive as RFC 9457 problem details and leave here as ApiError.
import { bearer } from "./session.js";

export class ApiError extends Error {
  constructor(readonly status: number, readonly title: string, readonly detail: string) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A contract id as the service spells it, or an error before it reaches a URL. */
export function contractId(value: string): string {
  const lower = value.toLowerCase();
  if (!uuid.test(lower)) {
    throw new ApiError(400, "Not a contract id", "A contract id is a UUID.");
  }
  return lower;
}

export async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const bearerToken = token ?? (await bearer());
  if (bearerToken) {
    headers["Authorization"] = `Bearer ${bearerToken}`;
  }
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
    credentials: "omit",
    cache: "no-store",
    redirect: "error",
  });
  if (!response.ok) {
    throw await problemOf(response);
  }
  if (response.status === 204) {
    return null as T;
  }
  return (await response.json()) as T;
}

export const get = <T>(path: string): Promise<T> => call<T>("GET", path);

export const post = <T>(path: string, body?: unknown): Promise<T> => call<T>("POST", path, body);

/** The answer's text and headers, for downloads (export). */
export async function getRaw(path: string): Promise<Response> {
  const token = await bearer();
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {}, credentials: "omit", cache: "no-store" });
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response;
}

async function problemOf(response: Response): Promise<ApiError> {
  try {
    const problem = (await response.json()) as { title?: unknown; detail?: unknown };
    return new ApiError(response.status,
      typeof problem.title === "string" ? problem.title : `HTTP ${response.status}`,
      typeof problem.detail === "string" ? problem.detail : "");
  } catch {
    return new ApiError(response.status, `HTTP ${response.status}`, "");
  }
}

export function query(parameters: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== "") {
      search.set(name, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
