// The only way this page builds markup: elements and text nodes. Text from the service goes in as text, never as HTML.

type Child = Node | string | number | null | undefined | false;

export interface Attributes {
  [name: string]: string | boolean | undefined | ((event: Event) => void);
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
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

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
}

export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function table(headings: string[], rows: Child[][], caption?: string): HTMLTableElement {
  return h("table", {},
    caption ? h("caption", {}, caption) : null,
    h("thead", {}, h("tr", {}, ...headings.map((text) => h("th", { scope: "col" }, text)))),
    // Each cell names its column, which a narrow window shows beside the value instead of a header row.
    h("tbody", {}, ...rows.map((cells) => h("tr", {}, ...cells.map((cell, i) => h("td", { "data-label": headings[i] }, cell))))));
}

export function definitions(pairs: [string, Child][]): HTMLDListElement {
  const list = h("dl", {});
  for (const [term, description] of pairs) {
    append(list, h("dt", {}, term), h("dd", {}, description));
  }
  return list;
}

export function when(date: string | Date | null | undefined): string {
  if (!date) {
    return "—";
  }
  const value = typeof date === "string" ? new Date(date) : date;
  return Number.isNaN(value.getTime()) ? String(date) : value.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
}

/** A status line screen readers announce. */
export function status(kind: "ok" | "error" | "info", text: string, id?: string): HTMLParagraphElement {
  return h("p", { class: `status ${kind}`, role: kind === "error" ? "alert" : "status", id }, text);
}
