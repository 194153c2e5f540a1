// The map page: the network drawn by sigma (WebGL), its legend, search, hover highlighting,
// the profile of what is clicked, and dragging to place an element (saved for editors).

import Sigma from "sigma";
import { fastCamera, wantsFastCamera, type FastCamera } from "./camera";
import type Graph from "graphology";
import { ApiError, get, put } from "../api";
import { h, mount, say } from "../dom";
import { go } from "../main";
import { buildGraph, ColourBy, colourKey, colourWords, fieldNames, Loaded, OTHER, palette, prepare, SizeBy, STATUS_STYLE } from "./graph";
import { profile } from "./profile";
import { openFilters } from "./filters";
import { openList } from "./list";
import { openTable } from "./table";
import { editElement } from "./edit";
import { openAnalysis } from "./analysis";
import { openTime } from "./time";
import { openShare } from "./share";

export type Target = { kind: "public"; slug: string } | { kind: "member"; id: number; user: any };

/** Colours drawn over the usual ones (time comparisons): element and connection id to colour. */
export interface Marks {
  nodes: Map<string, string>;
  edges: Map<string, string>;
  /** Grey out what is not marked, so the marks stand out. */
  fade: boolean;
}

/** Which version of a member's map is shown: now (null), at a moment, or a named snapshot. */
export type AsOf = { at: string } | { snapshot: string } | null;

/** Everything the parts of the map page share. */
export interface MapPage {
  target: Target;
  data: Loaded;
  graph: Graph;
  sigma: Sigma;
  detail: any | null;
  canEdit: boolean;
  side: HTMLElement;
  selected: string | null;
  hovered: string | null;
  /** Elements to show (null: all); set by search focus and filters. */
  visible: Set<string> | null;
  /** Extra styling of an element or a connection, applied last by the reducers (set by the Explore
   *  panel, filters.ts, for filters, showcase, bridges, brokers and the list's marked connection). */
  nodeHook: ((node: string, res: any) => void) | null;
  edgeHook: ((edge: string, res: any) => void) | null;
  /** Marks over the drawing (time comparisons, time.ts), applied after the hooks; null: none. */
  marks: Marks | null;
  /** The version shown (members): null is now; set by the time panel, used by reload(). */
  asOf: AsOf;
  /** Called with the new graph each time it is rebuilt (to add drawn extras again). */
  onRebuild: ((graph: Graph) => void)[];
  /** Set on large maps: moves transform the drawn layers, the map is drawn when the camera rests. */
  fastCamera: FastCamera | null;
  /** The camera state that shows the whole map clear of the legend. */
  home(): { x: number; y: number; ratio: number; angle: number };
  redraw(): void;
  select(id: string | null): void;
  reload(): Promise<void>;
}

function base(target: Target): string {
  return target.kind === "public" ? `/api/v1/public/${target.slug}` : `/api/v1/maps/${target.id}`;
}

/** How long the map waits for its analysis before drawing without it (a large map's first
 * analysis takes seconds; the server keeps it afterwards). */
const ANALYSIS_WAIT_MS = 1200;

export interface LoadResult {
  data: Loaded;
  detail: any | null;
  /** The analysis, when it was not ready in time: the map is drawn first, sized by nothing. */
  analysisLater: Promise<any> | null;
}

export async function load(target: Target, asOf: AsOf = null): Promise<LoadResult> {
  const root = base(target);
  const version = !asOf || target.kind !== "member" ? ""
    : "at" in asOf ? `at=${encodeURIComponent(asOf.at)}` : `snapshot=${encodeURIComponent(asOf.snapshot)}`;
  const analysis = get(`${root}/analysis${version ? `?${version}` : ""}`);
  analysis.catch(() => undefined); // reported where it is awaited
  const [network, detail] = await Promise.all([
    get(`${root}/network?layout=auto${version ? `&${version}` : ""}`),
    target.kind === "member" ? get(root) : Promise.resolve(null),
  ]);
  const waiting = Symbol("waiting");
  const quick = await Promise.race([
    analysis,
    new Promise<typeof waiting>((resolve) => setTimeout(() => resolve(waiting), ANALYSIS_WAIT_MS)),
  ]);
  if (quick === waiting) return { data: prepare(network, null), detail, analysisLater: analysis };
  return { data: prepare(network, quick), detail, analysisLater: null };
}

export async function mapView(app: HTMLElement, target: Target): Promise<void> {
  mount(app, h("main", { class: "page" }, h("p", { role: "status" }, "Loading the map…")));
  let loaded;
  try {
    loaded = await load(target);
  } catch (e) {
    const message = e instanceof ApiError ? e.message : String(e);
    mount(app, h("main", { class: "page" }, h("h1", {}, "This map cannot be shown"), h("p", { class: "error-text" }, message),
      target.kind === "member" ? h("a", { href: "/", onclick: (ev: Event) => { ev.preventDefault(); go("/"); } }, "Back to your maps") : null));
    return;
  }
  const { data, detail } = loaded;
  const canEdit = target.kind === "member" && detail && detail.role !== "viewer";

  const fields = fieldNames(data.network);
  const colourSelect = h("select", { id: "colour-by", "aria-label": "Colour elements by" },
    h("option", { value: "category" }, "category"), h("option", { value: "sector" }, "sector"),
    h("option", { value: "care_type" }, "care offered"), h("option", { value: "community" }, "community"),
    fields.length ? h("optgroup", { label: "The map's own fields" }, ...fields.map((f) => h("option", { value: `field:${f}` }, f))) : null);
  const sizeSelect = h("select", { id: "size-by", "aria-label": "Size elements by" },
    h("option", { value: "degree" }, "connections (degree)"), h("option", { value: "betweenness" }, "brokerage (betweenness)"),
    h("option", { value: "pagerank" }, "influence (PageRank)"), h("option", { value: "two_step_reach" }, "reach in two steps"), h("option", { value: "none" }, "all the same"));
  const search = h("input", { id: "search", type: "search", placeholder: "Find by name", "aria-label": "Find an element by name", list: "element-names", autocomplete: "off" });
  const names = h("datalist", { id: "element-names" });
  for (const e of data.network.elements) names.append(h("option", { value: e.label }));
  const canvas = h("div", { id: "graph", class: "graph", role: "img", "aria-label": `Network map of ${data.network.name}: ${data.network.elements.length} elements, ${data.network.connections.length} connections. The list view carries the same content.` });
  const legend = h("section", { id: "legend", class: "legend", "aria-label": "Legend" });
  const side = h("aside", { id: "side", class: "side", "aria-label": "Details" });
  const status = h("p", { id: "status", class: "status", role: "status" });
  // The panels: each opens in the side panel; the buttons are the keyboard way to everything.
  const panelButton = (id: string, text: string, open: () => void) =>
    h("button", { type: "button", id, onclick: open }, text);
  const panels = h("nav", { class: "panels", "aria-label": "Panels" },
    panelButton("open-explore", "Explore", () => openFilters(page)),
    panelButton("open-analysis", "Analysis", () => openAnalysis(page)),
    target.kind === "member" ? panelButton("open-time", "Time", () => openTime(page)) : null,
    panelButton("open-list", "List", () => openList(page)),
    target.kind === "member" ? panelButton("open-table", "Table", () => openTable(page)) : null,
    canEdit ? panelButton("add-element", "Add element", () => editElement(page, null)) : null,
    detail?.role === "owner" ? panelButton("open-share", "Share", () => openShare(page)) : null,
  );
  const back = target.kind === "member"
    ? h("a", { href: "/", class: "back", onclick: (ev: Event) => { ev.preventDefault(); go("/"); } }, "← Your maps")
    : h("span", { class: "badge" }, "Public view");

  mount(
    app,
    h("header", { class: "topbar" },
      back,
      h("h1", { class: "map-title" }, data.network.name),
      detail ? h("span", { class: "badge", id: "role" }, detail.role) : null,
      h("div", { class: "tools", role: "toolbar", "aria-label": "Map tools" },
        h("label", { for: "colour-by" }, "Colour"), colourSelect,
        h("label", { for: "size-by" }, "Size"), sizeSelect,
        search, names)),
    panels,
    h("div", { class: "workspace" }, h("div", { class: "stage" }, canvas, legend), side),
    status,
  );

  let graph = buildGraph(data, "category", "degree");
  const sigma = new Sigma(graph, canvas, {
    renderEdgeLabels: false,
    labelDensity: 0.7,
    labelGridCellSize: 70,
    labelRenderedSizeThreshold: 7,
    labelFont: "system-ui, sans-serif",
    labelSize: 13,
    labelWeight: "600",
    defaultEdgeType: "line",
    zIndex: true,
  });
  // Large maps are not redrawn at each frame of a move, only when the camera rests (camera.ts).
  const camera = wantsFastCamera(data.network.elements.length, data.network.connections.length) ? fastCamera(sigma) : null;
  /** The camera that shows the whole map beside the legend: on a wide screen the legend covers
   *  the map's lower left, so the map is drawn a little smaller and to its right. */
  const home = (): { x: number; y: number; ratio: number; angle: number } => {
    const box = canvas.getBoundingClientRect();
    const key = legend.getBoundingClientRect();
    const open = !!legend.querySelector("details")?.open;
    const covered = open && box.width > 700 ? Math.max(0, key.right - box.left) : 0;
    if (covered <= 0 || covered > box.width / 2) return { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
    const ratio = box.width / (box.width - covered);
    const state = { x: 0.5, y: 0.5, ratio, angle: 0 };
    const centre = sigma.viewportToFramedGraph({ x: box.width / 2 - covered / 2, y: box.height / 2 }, { cameraState: state });
    return { ...state, x: centre.x, y: centre.y };
  };
  /** True while the camera is being moved: hovering then changes nothing (no redraw mid-move). */
  const moving = () => (sigma.getMouseCaptor() as any).isMouseDown || sigma.getCamera().isAnimated();
  // Sigma follows the window's size only; the map's box also changes when the side panel grows.
  new ResizeObserver(() => requestAnimationFrame(() => {
    if (canvas.isConnected && canvas.offsetWidth > 0 && canvas.offsetHeight > 0) { sigma.resize(); sigma.refresh(); }
  })).observe(canvas);

  const page: MapPage = {
    target, data, graph, sigma, detail, canEdit: !!canEdit, side,
    selected: null, hovered: null, visible: null,
    nodeHook: null, edgeHook: null, marks: null, asOf: null, onRebuild: [], fastCamera: camera, home: () => home(),
    redraw: () => sigma.refresh(),
    select: (id) => {
      page.selected = id;
      profile(page, id);
      sigma.refresh();
    },
    reload: async () => {
      const fresh = await load(target, page.asOf);
      page.data = fresh.data;
      page.detail = fresh.detail;
      rebuild();
      later(fresh);
    },
  };

  const neighbours = (id: string) => new Set([id, ...graph.neighbors(id)]);
  sigma.setSetting("nodeReducer", (node, attrs) => {
    const res: any = { ...attrs };
    const focus = page.hovered ?? page.selected;
    if (page.visible && !page.visible.has(node)) {
      res.color = "#e4e4e4";
      res.label = "";
      res.zIndex = 0;
    } else if (focus && !neighbours(focus).has(node)) {
      res.color = "#d5d5d5";
      res.label = "";
    } else if (focus) {
      res.highlighted = node === focus;
      res.zIndex = 1;
    }
    page.nodeHook?.(node, res);
    const mark = page.marks?.nodes.get(node);
    if (mark && !(page.visible && !page.visible.has(node))) {
      res.color = mark;
      res.forceLabel = true;
      res.zIndex = 2;
    } else if (page.marks?.fade && !focus && !(page.visible && !page.visible.has(node))) {
      res.color = "#b9c0c2";
    }
    return res;
  });
  sigma.setSetting("edgeReducer", (edge, attrs) => {
    const res: any = { ...attrs };
    const focus = page.hovered ?? page.selected;
    const [s, t] = graph.extremities(edge);
    if (page.visible && (!page.visible.has(s) || !page.visible.has(t))) res.hidden = true;
    else if (focus && s !== focus && t !== focus) res.color = "#eeeeee";
    page.edgeHook?.(edge, res);
    const mark = page.marks?.edges.get(edge);
    if (mark && !res.hidden) {
      res.color = mark;
      res.size = Math.max(3, Number(res.size) || 0);
      res.zIndex = 2;
    } else if (page.marks?.fade && !res.hidden) {
      res.color = "#e3e6e7";
    }
    return res;
  });

  /** Fills in the analysis when it arrives after the map was drawn. */
  function later(result: LoadResult): void {
    if (!result.analysisLater) return;
    say("The map is drawn; its analysis is being worked out (large maps take a few seconds the first time)…");
    result.analysisLater.then(
      (analysis) => {
        if (page.data !== result.data) return; // a newer load replaced it
        page.data = prepare(result.data.network, analysis);
        rebuild();
        say("The analysis is ready: sizes, communities and the Analysis panel use it now.");
      },
      (e) => say(e instanceof ApiError ? `The analysis failed: ${e.message}` : "The analysis failed.", "error"),
    );
  }

  function rebuild(): void {
    graph = buildGraph(page.data, colourSelect.value as ColourBy, sizeSelect.value as SizeBy);
    page.graph = graph;
    sigma.setGraph(graph);
    for (const hook of page.onRebuild) hook(graph);
    drawLegend(legend, page.data, colourSelect.value as ColourBy, sizeSelect.value as SizeBy);
  }
  colourSelect.addEventListener("change", rebuild);
  sizeSelect.addEventListener("change", rebuild);
  drawLegend(legend, data, "category", "degree");
  sigma.getCamera().setState(home());
  sigma.scheduleRender();

  // Hovering highlights the element's neighbours. On a large map each highlight redraws
  // everything, so it waits until the pointer rests on the element (no redraws while the
  // pointer merely crosses the map).
  let hoverTimer: number | undefined;
  let pointed: string | null = null;
  const hover = (node: string | null) => {
    pointed = node;
    window.clearTimeout(hoverTimer);
    const apply = () => {
      if (page.hovered === pointed || moving()) return;
      page.hovered = pointed;
      sigma.refresh();
    };
    if (camera) hoverTimer = window.setTimeout(apply, 150);
    else apply();
  };
  sigma.on("enterNode", ({ node }) => hover(node));
  sigma.on("leaveNode", () => hover(null));
  sigma.on("clickNode", ({ node }) => page.select(node));
  sigma.on("clickStage", () => page.select(null));

  search.addEventListener("change", () => {
    const wanted = search.value.trim().toLowerCase();
    const found = page.data.network.elements.find((e: any) => e.label.toLowerCase() === wanted)
      ?? page.data.network.elements.find((e: any) => e.label.toLowerCase().includes(wanted));
    if (!found) {
      say(`No element is called “${search.value}”.`, "error");
      return;
    }
    const pos = sigma.getNodeDisplayData(found.id);
    if (pos) sigma.getCamera().animate({ x: pos.x, y: pos.y, ratio: 0.5 }, { duration: 400 });
    page.select(found.id);
    say(`Found ${found.label}.`);
  });

  // Dragging places an element, with the mouse or a finger; editors' placements are saved
  // (If-Match on its version). A press without a move (a click or a tap) saves nothing.
  let dragged: string | null = null;
  let draggedMoved = false;
  sigma.on("downNode", ({ node }) => {
    if (!page.canEdit) return;
    dragged = node;
    draggedMoved = false;
    sigma.getCamera().disable();
  });
  sigma.on("moveBody", ({ event }) => {
    if (!dragged) return;
    const p = sigma.viewportToGraph(event);
    graph.setNodeAttribute(dragged, "x", p.x);
    graph.setNodeAttribute(dragged, "y", p.y);
    draggedMoved = true;
    event.preventSigmaDefault();
    event.original.preventDefault();
    event.original.stopPropagation();
  });
  const drop = async () => {
    if (!dragged) return;
    const id = dragged;
    dragged = null;
    sigma.getCamera().enable();
    if (!draggedMoved || target.kind !== "member" || !graph.hasNode(id)) return;
    const x = graph.getNodeAttribute(id, "x");
    const y = graph.getNodeAttribute(id, "y");
    try {
      const current = await get(`/api/v1/maps/${target.id}/elements/${encodeURIComponent(id)}`);
      const element = { ...current.item, position: { x, y } };
      await put(`/api/v1/maps/${target.id}/elements/${encodeURIComponent(id)}`, element, current.version);
      const local = page.data.network.elements.find((e: any) => e.id === id);
      if (local) local.position = { x, y };
      say(`${element.label} placed here; saved.`);
    } catch (e) {
      say(e instanceof ApiError ? `Not saved: ${e.message}` : "Not saved.", "error");
    }
  };
  sigma.on("upNode", () => void drop());
  sigma.on("upStage", () => void drop());
  // A release outside the map ends the drag too.
  sigma.getMouseCaptor().on("mouseup", () => void drop());

  const warningsKey = target.kind === "member" ? `caremap-warnings-${target.id}` : "";
  const warnings = warningsKey ? sessionStorage.getItem(warningsKey) : null;
  if (warnings) {
    sessionStorage.removeItem(warningsKey);
    const list = JSON.parse(warnings) as { place: string; message: string }[];
    say(`Imported with ${list.length} warning(s): ${list.slice(0, 3).map((w) => `${w.place}: ${w.message}`).join("; ")}`);
  } else {
    say(`${data.network.elements.length} elements and ${data.network.connections.length} connections.`);
  }
  profile(page, null);
  later(loaded);
  (window as any).caremap = page;
}

/** The legend: what colour and size mean, and the connection styles. */
export function drawLegend(legend: HTMLElement, data: Loaded, colourBy: ColourBy, sizeBy: SizeBy): void {
  const colours = palette(data, colourBy);
  const used = new Set(data.network.elements.map((e: any) => colourKey(data, e, colourBy)));
  const items = h("ul", { class: "legend-list" });
  let others = 0;
  for (const [key, colour] of colours) {
    if (!used.has(key)) continue;
    if (colour === OTHER) {
      others++;
      continue;
    }
    items.append(h("li", {}, h("span", { class: "swatch", style: `background:${colour}` }), key));
  }
  if (others) items.append(h("li", {}, h("span", { class: "swatch", style: `background:${OTHER}` }), `${others} other values`));
  const ties = h("ul", { class: "legend-list" });
  for (const style of Object.values(STATUS_STYLE)) {
    ties.append(h("li", {}, h("span", { class: "line", style: `background:${style.colour};height:${Math.max(2, style.size)}px` }), style.label));
  }
  const sizeText: Record<string, string> = {
    degree: "Size: how many connections",
    betweenness: "Size: how often it lies between others (brokerage)",
    pagerank: "Size: influence (PageRank)",
    two_step_reach: "Size: how many it reaches in two steps",
    none: "Size: all the same",
  };
  // A <details>: open by default on a wide screen, folded on a narrow one (a tablet held
  // upright, a phone) where it would cover much of the map; one click, tap or Enter changes it.
  const open = legend.querySelector("details")?.open ?? window.matchMedia("(min-width: 801px)").matches;
  const fold = h("details", { class: "legend-fold" },
    h("summary", {}, "Legend"),
    h("h2", {}, `Colour: ${colourWords(colourBy)}`), items, h("p", { class: "legend-size" }, sizeText[sizeBy]), h("h2", {}, "Connections"), ties);
  fold.open = open;
  mount(legend, fold);
}
