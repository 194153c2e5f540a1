// Shared by the analysis, time, care map and sharing panels: plain-words numbers, small bar
// charts drawn as inline SVG with DOM APIs, and "show these on the map".

import { h, say } from "../dom";
import type { MapPage } from "./view";

const SVG = "http://www.w3.org/2000/svg";

/** An SVG element with attributes (never innerHTML). */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: (Node | string | null)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null) el.append(typeof c === "string" ? document.createTextNode(c) : c);
  return el;
}

/** A share (0 to 1) as a percentage a person reads: "23%", "under 1%". */
export function pct(share: number | null | undefined): string {
  const s = Number(share) || 0;
  if (s > 0 && s < 0.005) return "under 1%";
  if (s < 1 && s > 0.995) return "over 99%";
  return `${Math.round(s * 100)}%`;
}

/** A whole number with thousands separators. */
export function num(n: number | null | undefined): string {
  return (Number(n) || 0).toLocaleString("en-GB");
}

/** "1 element", "3 elements". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/** A list of names in a sentence: "A, B and C", "A, B, C and 4 more". */
export function names(items: string[], max = 5): string {
  if (!items.length) return "none";
  if (items.length <= max) return items.length === 1 ? items[0] : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

/** A "count of whole (share)" figure: "21 of 90 (23%)". */
export function countOf(c: { count: number; of: number; share: number } | null | undefined): string {
  if (!c) return "none";
  return `${num(c.count)} of ${num(c.of)} (${pct(c.share)})`;
}

/** Words for a status. */
export const STATUS_WORDS: Record<string, string> = {
  generative: "generative",
  engaged: "engaged",
  loosely_engaged: "loosely engaged",
  inactive: "inactive",
  unclassified: "not yet assessed",
};

/** Bar colours by status (darker than the map's faint inactive line, so bars keep contrast). */
export const STATUS_BAR: Record<string, string> = {
  generative: "#1d4e2f",
  engaged: "#3f7a55",
  loosely_engaged: "#6f9a7f",
  inactive: "#8a8f91",
  unclassified: "#8a5cb8",
};

/** A date (YYYY-MM-DD or RFC 3339) in words: "3 March 2026". */
export function longDate(value: string | null | undefined): string {
  if (!value) return "an unknown date";
  const d = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return value;
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/** A moment in words with the time: "21 November 2026, 09:58". */
export function longMoment(value: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return d.toLocaleString("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" }) + " UTC";
}

export interface Bar {
  label: string;
  value: number;
  colour?: string;
  /** The words after the label: "12 (27%)". */
  text?: string;
  /** Shows these elements on the map when the label is pressed. */
  show?: { figure: string; ids: string[]; what: string };
}

/**
 * A small horizontal bar chart: one row per value, the words in HTML (they wrap) and the bar in
 * an inline SVG. `max` is the value of a full bar (default: the largest value).
 */
export function barChart(page: MapPage, title: string, bars: Bar[], max?: number): HTMLElement {
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  const list = h("ul", { class: "bars", "aria-label": title });
  for (const b of bars) {
    const width = top > 0 ? Math.max(0, Math.min(1, b.value / top)) : 0;
    const bar = svg("svg", { class: "bar", viewBox: "0 0 100 10", preserveAspectRatio: "none", "aria-hidden": "true", focusable: "false" },
      svg("rect", { x: 0, y: 0, width: 100, height: 10, fill: "#e6ecee" }),
      width > 0 ? svg("rect", { x: 0, y: 0, width: Math.max(0.8, width * 100), height: 10, fill: b.colour ?? "#0b5f73" }) : null);
    const words = `${b.text ?? num(b.value)}`;
    const label = b.show && b.show.ids.length
      ? showButton(page, b.show.figure, b.show.ids, b.show.what, b.label, "link bar-label")
      : h("span", { class: "bar-label" }, b.label);
    list.append(h("li", {}, h("span", { class: "bar-words" }, label, h("span", { class: "bar-value" }, words)), bar));
  }
  return h("figure", { class: "chart" }, h("figcaption", {}, title), list);
}

/** A stacked bar of statuses (one SVG), with its key as text. */
export function statusStack(counts: { status: string; count: { count: number } }[], label: string): HTMLElement {
  const total = counts.reduce((t, c) => t + (c.count?.count ?? 0), 0);
  const bar = svg("svg", { class: "stack", viewBox: "0 0 100 10", preserveAspectRatio: "none", "aria-hidden": "true", focusable: "false" });
  let x = 0;
  bar.append(svg("rect", { x: 0, y: 0, width: 100, height: 10, fill: "#e6ecee" }));
  for (const c of counts) {
    const w = total ? (100 * (c.count?.count ?? 0)) / total : 0;
    if (w > 0) bar.append(svg("rect", { x, y: 0, width: w, height: 10, fill: STATUS_BAR[c.status] ?? "#777" }));
    x += w;
  }
  const key = h("p", { class: "stack-key" });
  for (const c of counts) {
    if (!c.count?.count) continue;
    key.append(h("span", {}, h("span", { class: "swatch square", style: `background:${STATUS_BAR[c.status] ?? "#777"}` }), `${STATUS_WORDS[c.status] ?? c.status} ${num(c.count.count)}`));
  }
  return h("div", { class: "stack-wrap", role: "group", "aria-label": label }, bar, key);
}

/** The bounding box of elements on the screen's normalised coordinates, for the camera. */
function frame(page: MapPage, ids: string[]): { x: number; y: number; ratio: number } | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const id of ids) {
    const d = page.sigma.getNodeDisplayData(id);
    if (!d) continue;
    minX = Math.min(minX, d.x); maxX = Math.max(maxX, d.x);
    minY = Math.min(minY, d.y); maxY = Math.max(maxY, d.y);
  }
  if (!Number.isFinite(minX)) return null;
  const spread = Math.max(maxX - minX, maxY - minY);
  const ratio = Math.min(1.15, Math.max(0.3, spread * 2.1));
  // A little to the left, so that the legend (bottom left) hides none of them.
  return { x: (minX + maxX) / 2 - ratio * 0.1, y: (minY + maxY) / 2, ratio };
}

/** Shows only these elements on the map (and says so); an empty list shows them all again. */
export function showOnMap(page: MapPage, ids: string[], what: string): void {
  const present = ids.filter((id) => page.graph.hasNode(id));
  page.selected = null;
  if (!present.length) {
    page.visible = null;
    page.redraw();
    say(`${what}: none of them is on the map as shown.`);
    return;
  }
  page.visible = new Set(present);
  page.redraw();
  const target = frame(page, present);
  if (target) void page.sigma.getCamera().animate(target, { duration: 400 });
  const missing = ids.length - present.length;
  say(`Showing ${plural(present.length, "element")} on the map: ${what}.${missing > 0 ? ` (${missing} not on the map as shown.)` : ""} Press “Show all elements” to see everything again.`);
}

/** Shows every element again. */
export function showAll(page: MapPage): void {
  page.visible = null;
  page.redraw();
  void page.sigma.getCamera().animate(page.home(), { duration: 300 });
  say("Showing every element again.");
}

const usedIds = new Set<string>();

/** Starts a new panel: its figure buttons get fresh ids. */
export function resetFigureIds(): void {
  usedIds.clear();
}

function uniqueId(base: string): string {
  const clean = base.replace(/[^a-zA-Z0-9_-]/g, "-");
  let id = clean;
  for (let i = 2; usedIds.has(id); i++) id = `${clean}-${i}`;
  usedIds.add(id);
  return id;
}

/** A button that shows a figure's elements on the map. */
export function showButton(page: MapPage, figure: string, ids: string[], what: string, text = "Show on the map", cls = "show"): HTMLButtonElement {
  const unique = [...new Set(ids)];
  return h("button", {
    type: "button",
    class: `show-on-map ${cls}`,
    id: uniqueId(`show-on-map-${figure}`),
    "data-figure": figure,
    "data-count": unique.length,
    title: `Show ${what} on the map`,
    onclick: () => showOnMap(page, unique, what),
  }, text);
}

/** The "show all" reset. */
export function showAllButton(page: MapPage, id = "show-all"): HTMLButtonElement {
  return h("button", { type: "button", id, class: "show-all", onclick: () => showAll(page) }, "Show all elements");
}

/** The ids of every element that touches one of these connections (by id). */
export function ends(page: MapPage, connectionIds: Iterable<string>): string[] {
  const wanted = new Set(connectionIds);
  const out: string[] = [];
  for (const c of page.data.network.connections) if (wanted.has(c.id)) out.push(c.from, c.to);
  return out;
}

const adjacency = new WeakMap<object, Map<string, string[]>>();

/** An element and its direct neighbours. */
export function withNeighbours(page: MapPage, id: string): string[] {
  let adj = adjacency.get(page.data);
  if (!adj) {
    adj = new Map();
    for (const c of page.data.network.connections) {
      if (!adj.has(c.from)) adj.set(c.from, []);
      if (!adj.has(c.to)) adj.set(c.to, []);
      adj.get(c.from)!.push(c.to);
      adj.get(c.to)!.push(c.from);
    }
    adjacency.set(page.data, adj);
  }
  return [id, ...(adj.get(id) ?? [])];
}

/**
 * The first `first` items drawn now; the others behind "The other N", drawn when opened (long
 * lists of generated maps stay quick to open).
 */
export function firstAndMore<T>(items: T[], first: number, render: (item: T, index: number) => Node, list: () => HTMLElement, noun = ""): Node[] {
  const head = list();
  items.slice(0, first).forEach((item, i) => head.append(render(item, i)));
  if (items.length <= first) return [head];
  const more = h("details", { class: "more" }, h("summary", {}, `The other ${num(items.length - first)}${noun ? ` ${noun}` : ""}`));
  more.addEventListener("toggle", () => {
    if (!more.open || more.childElementCount > 1) return;
    const rest = list();
    items.slice(first).forEach((item, i) => rest.append(render(item, first + i)));
    more.append(rest);
  });
  return [head, more];
}

/** A care type's name compared loosely (case, "&" or "and", punctuation), as the analysis does. */
export function looseName(s: string): string {
  return s.toLowerCase().replace(/&/g, " and ").replace(/[^a-z0-9]+/g, " ").trim();
}

/** Copies text to the clipboard (falls back to selecting it in a field). */
export async function copyText(text: string, field?: HTMLInputElement | HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!field) return false;
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}
