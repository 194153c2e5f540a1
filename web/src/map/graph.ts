// From the API's network and analysis to a graphology graph that sigma draws: colours, sizes,
// edge styles. The same palettes feed the legend, so the legend always explains the picture.

import Graph from "graphology";

/** What colours the elements: a fixed choice, or `field:NAME` for one of the map's own fields. */
export type ColourBy = "category" | "sector" | "community" | "care_type" | `field:${string}`;

/** At most this many values get a colour of their own; the rest share "other". */
const MOST_VALUES = 11;

/** The names of the map's own fields (custom fields of its elements), most used first. */
export function fieldNames(network: any): string[] {
  const counts = new Map<string, number>();
  for (const e of network.elements) for (const k of Object.keys(e.fields ?? {})) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k).slice(0, 30);
}

/** A field's value as a word or a number (lists: their first item). */
function fieldValue(e: any, name: string): string | number | null {
  let v = e.fields?.[name];
  if (Array.isArray(v)) v = v[0];
  if (v === undefined || v === null || v === "") return null;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v);
}

/** For a numeric field: five equal ranges between its smallest and largest value. */
function numericRanges(data: Loaded, name: string): { lo: number; step: number } | null {
  const values = data.network.elements.map((e: any) => fieldValue(e, name)).filter((v: any) => v !== null);
  if (!values.length || values.some((v: any) => typeof v !== "number")) return null;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return { lo, step: hi > lo ? (hi - lo) / 5 : 1 };
}

function rangeWords(lo: number, step: number, i: number): string {
  const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
  return `${fmt(lo + i * step)} to ${fmt(lo + (i + 1) * step)}`;
}
export type SizeBy = "degree" | "betweenness" | "pagerank" | "eigenvector" | "two_step_reach" | "none";

/** Colours that keep 3:1 contrast on the light background (WCAG non-text contrast). */
export const PALETTE = [
  "#1f6f8b", "#b5502b", "#4b7d1f", "#8a3f9c", "#b08400", "#2f5db8", "#a12f5a", "#2d8a6e",
  "#6b5b2e", "#c0392b", "#4a4a9c", "#7a7a7a",
];

export const SECTOR_COLOURS: Record<string, string> = {
  informal: "#2d8a6e",
  voluntary: "#b08400",
  formal: "#2f5db8",
  unknown: "#7a7a7a",
};

/** Connection styles by status: strong ties dark and thick, weak ones faint. */
export const STATUS_STYLE: Record<string, { colour: string; size: number; label: string }> = {
  generative: { colour: "#1d4e2f", size: 3, label: "generative: care flows both ways" },
  engaged: { colour: "#3f7a55", size: 2.2, label: "engaged" },
  loosely_engaged: { colour: "#8fae9a", size: 1.4, label: "loosely engaged" },
  inactive: { colour: "#c9c9c9", size: 1, label: "inactive (faint)" },
  unclassified: { colour: "#b48ad6", size: 1.2, label: "unclassified (not known)" },
};

export interface Loaded {
  network: any;
  analysis: any;
  metrics: Map<string, any>;
  sectorOf: Map<string, string>;
}

/** Prepares lookups of a network and its analysis. */
export function prepare(network: any, analysis: any): Loaded {
  const metrics = new Map<string, any>();
  for (const m of analysis?.elements ?? []) metrics.set(m.element.id, m);
  const categorySector = new Map<string, string>();
  for (const c of network.categories ?? []) categorySector.set(c.name, c.sector ?? "unknown");
  const sectorOf = new Map<string, string>();
  for (const e of network.elements) sectorOf.set(e.id, e.sector ?? categorySector.get(e.category) ?? "unknown");
  return { network, analysis, metrics, sectorOf };
}

/** The value an element is coloured by. */
export function colourKey(data: Loaded, e: any, by: ColourBy): string {
  if (by.startsWith("field:")) {
    const name = by.slice(6);
    const v = fieldValue(e, name);
    if (v === null) return `no ${name}`;
    if (typeof v === "number") {
      const r = numericRanges(data, name);
      if (r) return rangeWords(r.lo, r.step, Math.min(4, Math.floor((v - r.lo) / r.step)));
    }
    return String(v);
  }
  switch (by) {
    case "sector":
      return data.sectorOf.get(e.id) ?? "unknown";
    case "community": {
      const m = data.metrics.get(e.id);
      return m ? `community ${m.community + 1}` : "no community";
    }
    case "care_type":
      // An element may offer several: its first, the one it was recorded for first.
      return e.care_types?.[0] ?? "no care type recorded";
    default:
      return e.category || "no category";
  }
}

/** The words the legend uses for a choice of colouring. */
export function colourWords(by: ColourBy): string {
  if (by.startsWith("field:")) return by.slice(6);
  return { category: "category", sector: "sector", community: "community", care_type: "care offered (the first listed)" }[by as string] ?? by;
}

/** The colour of each value, in a stable order (the map's category order, then by name). */
export function palette(data: Loaded, by: ColourBy): Map<string, string> {
  const out = new Map<string, string>();
  if (by === "sector") {
    for (const [k, v] of Object.entries(SECTOR_COLOURS)) out.set(k, v);
    return out;
  }
  const keys: string[] = [];
  if (by === "category") for (const c of data.network.categories ?? []) keys.push(c.name);
  if (by.startsWith("field:") || by === "care_type") {
    // Values by how often they are used: the commonest get a colour of their own, the rest
    // share grey as "other" (a legend of fifty colours explains nothing). Numeric ranges keep
    // their order.
    const counts = new Map<string, number>();
    for (const e of data.network.elements) {
      const k = colourKey(data, e, by);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const numeric = by.startsWith("field:") && numericRanges(data, by.slice(6));
    const ordered = [...counts.keys()].sort((a, b) =>
      numeric ? parseFloat(a) - parseFloat(b) : (counts.get(b)! - counts.get(a)!) || a.localeCompare(b));
    ordered.slice(0, MOST_VALUES).forEach((k, i) => out.set(k, PALETTE[i]));
    for (const k of ordered.slice(MOST_VALUES)) out.set(k, OTHER);
    return out;
  }
  for (const e of data.network.elements) {
    const k = colourKey(data, e, by);
    if (!keys.includes(k)) keys.push(k);
  }
  keys.forEach((k, i) => out.set(k, PALETTE[i % PALETTE.length]));
  return out;
}

/** The colour of values beyond the commonest. */
export const OTHER = "#868e91";

/** The size of an element's disc. */
export function sizeOf(data: Loaded, id: string, by: SizeBy, max: Record<string, number>): number {
  if (by === "none") return 6;
  const m = data.metrics.get(id);
  const v = m ? Number(m[by]) || 0 : 0;
  const top = max[by] || 1;
  return 4 + 14 * Math.sqrt(v / top);
}

/** Builds the graph sigma draws. */
export function buildGraph(data: Loaded, colourBy: ColourBy, sizeBy: SizeBy): Graph {
  const graph = new Graph({ multi: true, type: "mixed" });
  const colours = palette(data, colourBy);
  const max: Record<string, number> = {};
  for (const m of data.metrics.values())
    for (const k of ["degree", "betweenness", "pagerank", "eigenvector", "two_step_reach"])
      max[k] = Math.max(max[k] ?? 0, Number(m[k]) || 0);
  const n = data.network.elements.length;
  data.network.elements.forEach((e: any, i: number) => {
    const angle = (2 * Math.PI * i) / Math.max(1, n);
    graph.addNode(e.id, {
      label: e.label,
      x: e.position?.x ?? Math.cos(angle) * 100,
      y: e.position?.y ?? Math.sin(angle) * 100,
      size: sizeOf(data, e.id, sizeBy, max),
      color: colours.get(colourKey(data, e, colourBy)) ?? "#7a7a7a",
      category: e.category,
    });
  });
  for (const c of data.network.connections) {
    if (!graph.hasNode(c.from) || !graph.hasNode(c.to)) continue;
    const style = STATUS_STYLE[c.status ?? "unclassified"] ?? STATUS_STYLE.unclassified;
    graph.addEdgeWithKey(c.id, c.from, c.to, {
      color: style.colour,
      size: style.size,
      type: c.direction === "directed" ? "arrow" : "line",
      status: c.status ?? "unclassified",
    });
  }
  return graph;
}
