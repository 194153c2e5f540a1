// From the API's network and analysis to a graphology graph that sigma draws: colours, sizes,
// edge styles. The same palettes feed the legend, so the legend always explains the picture.

import Graph from "graphology";

export type ColourBy = "category" | "sector" | "community" | "status";
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
  switch (by) {
    case "sector":
      return data.sectorOf.get(e.id) ?? "unknown";
    case "community": {
      const m = data.metrics.get(e.id);
      return m ? `community ${m.community + 1}` : "no community";
    }
    default:
      return e.category || "no category";
  }
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
  for (const e of data.network.elements) {
    const k = colourKey(data, e, by);
    if (!keys.includes(k)) keys.push(k);
  }
  keys.forEach((k, i) => out.set(k, PALETTE[i % PALETTE.length]));
  return out;
}

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
