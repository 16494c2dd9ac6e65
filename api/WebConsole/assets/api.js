// @ts-check
// The service's public REST API, same origin. Errors arrive as RFC 9457 problem details and leave here as ApiError.
import { bearer } from "./session.js";

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} title
   * @param {string} detail
   */
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    /** @readonly */
    this.status = status;
    /** @readonly */
    this.title = title;
    /** @readonly */
    this.detail = detail;
  }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A contract id as the service spells it, or an error before it reaches a URL.
 * @param {string} value
 * @returns {string}
 */
export function contractId(value) {
  const lower = value.toLowerCase();
  if (!uuid.test(lower)) {
    throw new ApiError(400, "Not a contract id", "A contract id is a UUID.");
  }
  return lower;
}

// The answer's type is the caller's to name (by the type it expects); the default is unknown because in a JavaScript
// module a type parameter nothing infers would otherwise be any.
/**
 * @template [T=unknown]
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @param {string} [token]
 * @returns {Promise<T>}
 */
export async function call(method, path, body, token) {
  /** @type {Record<string, string>} */
  const headers = { Accept: "application/json" };
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
    return /** @type {T} */ (null);
  }
  return /** @type {T} */ (await response.json());
}

/**
 * @template [T=unknown]
 * @param {string} path
 * @returns {Promise<T>}
 */
export const get = (path) => call("GET", path);

/**
 * @template [T=unknown]
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<T>}
 */
export const post = (path, body) => call("POST", path, body);

/**
 * The answer's text and headers, for downloads (export).
 * @param {string} path
 * @returns {Promise<Response>}
 */
export async function getRaw(path) {
  const token = await bearer();
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {}, credentials: "omit", cache: "no-store" });
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response;
}

/**
 * @param {Response} response
 * @returns {Promise<ApiError>}
 */
async function problemOf(response) {
  try {
    const problem = /** @type {{ title?: unknown; detail?: unknown }} */ (await response.json());
    return new ApiError(response.status,
      typeof problem.title === "string" ? problem.title : `HTTP ${response.status}`,
      typeof problem.detail === "string" ? problem.detail : "");
  } catch {
    return new ApiError(response.status, `HTTP ${response.status}`, "");
  }
}

/**
 * @param {Record<string, string | number | undefined>} parameters
 * @returns {string}
 */
export function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== "") {
      search.set(name, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
