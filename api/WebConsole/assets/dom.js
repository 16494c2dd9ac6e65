// @ts-check
// The only way this page builds markup: elements and text nodes. Text from the service goes in as text, never as HTML.

/** @typedef {Node | string | number | null | undefined | false} Child */

/** @typedef {{ [name: string]: string | boolean | undefined | ((event: Event) => void) }} Attributes */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attributes} [attributes]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) {
      continue;
    }
    if (typeof value === "function") {
      element.addEventListener(name.replace(/^on/, ""), value);
    } else if (value === true) {
      element.setAttribute(name, "");
    } else {
      element.setAttribute(name, value);
    }
  }
  append(element, ...children);
  return element;
}

/**
 * @param {Node} parent
 * @param {...Child} children
 */
export function append(parent, ...children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
}

/**
 * @param {Element} parent
 * @param {...Child} children
 */
export function replace(parent, ...children) {
  parent.replaceChildren();
  append(parent, ...children);
}

/**
 * @param {string[]} headings
 * @param {Child[][]} rows
 * @param {string} [caption]
 * @returns {HTMLTableElement}
 */
export function table(headings, rows, caption) {
  return h("table", {},
    caption ? h("caption", {}, caption) : null,
    h("thead", {}, h("tr", {}, ...headings.map((text) => h("th", { scope: "col" }, text)))),
    // Each cell names its column, which a narrow window shows beside the value instead of a header row.
    h("tbody", {}, ...rows.map((cells) => h("tr", {}, ...cells.map((cell, i) => h("td", { "data-label": headings[i] }, cell))))));
}

/**
 * @param {[string, Child][]} pairs
 * @returns {HTMLDListElement}
 */
export function definitions(pairs) {
  const list = h("dl", {});
  for (const [term, description] of pairs) {
    append(list, h("dt", {}, term), h("dd", {}, description));
  }
  return list;
}

/**
 * @param {string | Date | null | undefined} date
 * @returns {string}
 */
export function when(date) {
  if (!date) {
    return "—";
  }
  const value = typeof date === "string" ? new Date(date) : date;
  return Number.isNaN(value.getTime()) ? String(date) : value.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
}

/**
 * A status line screen readers announce.
 * @param {"ok" | "error" | "info"} kind
 * @param {string} text
 * @param {string} [id]
 * @returns {HTMLParagraphElement}
 */
export function status(kind, text, id) {
  return h("p", { class: `status ${kind}`, role: kind === "error" ? "alert" : "status", id }, text);
}
