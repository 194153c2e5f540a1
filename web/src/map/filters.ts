// Exploring: filters (category, sector, status, care type, team, community), focus on an
// element and its neighbours to N steps, showcase, bridges and brokers, suggested introductions.
//
// The graph is never changed: what the panel chooses is kept in a small state per page and
// applied by the page's reducer hooks (`nodeHook`, `edgeHook`); dashed introduction lines and
// broker rings are drawn on a canvas layer of our own, under the elements.

import { h, mount, say } from "../dom";
import type { MapPage } from "./view";
import { editConnection } from "./edit";

interface Explore {
  category: string;
  sector: string;
  status: string;
  care: string;
  team: string;
  community: string;
  focus: string | null;
  steps: number;
  showcase: boolean;
  bridges: boolean;
  brokers: boolean;
  introductions: boolean;
  /** A connection picked in the list or the table, drawn darker. */
  marked: string | null;
  /** What the filters let through (null: everything), computed for `data`. */
  nodes: Set<string> | null;
  edges: Set<string> | null;
  data: unknown;
}

export const BRIDGE_COLOUR = "#c2410c";
export const GHOST_COLOUR = "#a3195b";
const FADED_EDGE = "#e6e6e6";

const states = new WeakMap<MapPage, Explore>();

/** The page's explore state, created (and its hooks and layer installed) on first use. */
function state(page: MapPage): Explore {
  let st = states.get(page);
  if (st) return st;
  st = {
    category: "", sector: "", status: "", care: "", team: "", community: "",
    focus: null, steps: 1, showcase: false, bridges: false, brokers: false, introductions: false,
    marked: null, nodes: null, edges: null, data: null,
  };
  states.set(page, st);
  install(page, st);
  return st;
}

/** Is a connection between two known, different sectors? */
function crossSector(page: MapPage, c: any): boolean {
  const a = page.data.sectorOf.get(c.from) ?? "unknown";
  const b = page.data.sectorOf.get(c.to) ?? "unknown";
  return a !== "unknown" && b !== "unknown" && a !== b;
}

function brokerIds(page: MapPage): Set<string> {
  return new Set<string>((page.data.analysis?.bridging?.brokers ?? []).map((b: any) => b.element.id));
}

function introductions(page: MapPage): any[] {
  return page.data.analysis?.bridging?.introductions ?? [];
}

function adjacency(page: MapPage): Map<string, Set<string>> {
  const adj = new Map<string, Set<string>>();
  for (const e of page.data.network.elements) adj.set(e.id, new Set());
  for (const c of page.data.network.connections) {
    adj.get(c.from)?.add(c.to);
    adj.get(c.to)?.add(c.from);
  }
  return adj;
}

/** Elements within `steps` steps of `start` (itself included). */
export function within(page: MapPage, start: string, steps: number): Set<string> {
  const adj = adjacency(page);
  const seen = new Set([start]);
  let frontier = [start];
  for (let i = 0; i < steps; i++) {
    const next: string[] = [];
    for (const n of frontier) for (const m of adj.get(n) ?? []) if (!seen.has(m)) { seen.add(m); next.push(m); }
    frontier = next;
  }
  return seen;
}

function active(st: Explore): boolean {
  return !!(st.category || st.sector || st.status || st.care || st.team || st.community || st.focus);
}

/** Works out what the filters let through, and tells the page which elements are visible. */
function compute(page: MapPage, st: Explore): void {
  st.data = page.data;
  const net = page.data.network;
  if (!active(st)) {
    st.nodes = null;
    st.edges = null;
    return;
  }
  let nodes = new Set<string>(net.elements.map((e: any) => e.id));
  const keep = (pred: (e: any) => boolean) => {
    nodes = new Set(net.elements.filter((e: any) => nodes.has(e.id) && pred(e)).map((e: any) => e.id));
  };
  if (st.category) keep((e) => (e.category || "") === st.category);
  if (st.sector) keep((e) => (page.data.sectorOf.get(e.id) ?? "unknown") === st.sector);
  if (st.community) keep((e) => String(page.data.metrics.get(e.id)?.community ?? "") === st.community);
  if (st.care) {
    const ends = new Set<string>();
    for (const c of net.connections) if ((c.care_flowing ?? []).includes(st.care)) { ends.add(c.from); ends.add(c.to); }
    keep((e) => (e.care_types ?? []).includes(st.care) || ends.has(e.id));
  }
  if (st.team) {
    const near = within(page, st.team, 1);
    keep((e) => near.has(e.id));
  }
  if (st.focus) {
    const near = within(page, st.focus, st.steps);
    keep((e) => near.has(e.id));
  }
  if (st.status) {
    const ends = new Set<string>();
    for (const c of net.connections) if ((c.status ?? "unclassified") === st.status) { ends.add(c.from); ends.add(c.to); }
    keep((e) => ends.has(e.id));
  }
  const edges = new Set<string>();
  for (const c of net.connections) {
    if (!nodes.has(c.from) || !nodes.has(c.to)) continue;
    if (st.status && (c.status ?? "unclassified") !== st.status) continue;
    edges.add(c.id);
  }
  st.nodes = nodes;
  st.edges = edges;
}

/** Applies the state to the map: visible set, reducers, redraw. */
function apply(page: MapPage, st: Explore): void {
  compute(page, st);
  page.visible = st.nodes;
  page.sigma.refresh();
}

/** Moves the camera so that these elements fill the view, clear of the legend on the left. */
export function fitTo(page: MapPage, ids: Iterable<string>): void {
  const sigma = page.sigma;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const id of ids) {
    const d = sigma.getNodeDisplayData(id);
    if (!d) continue;
    minX = Math.min(minX, d.x); maxX = Math.max(maxX, d.x);
    minY = Math.min(minY, d.y); maxY = Math.max(maxY, d.y);
  }
  if (!Number.isFinite(minX)) return;
  const { width, height } = sigma.getDimensions();
  const container = sigma.getContainer().getBoundingClientRect();
  const legend = document.getElementById("legend")?.getBoundingClientRect();
  const left = legend && legend.width < width * 0.5 ? legend.right - container.left + 16 : 24;
  const margin = 48;
  const labelRoom = width > 560 ? 170 : 70; // labels are drawn to the right of their element
  const availW = Math.max(80, width - left - labelRoom);
  const availH = Math.max(80, height - 2 * margin);
  // Pixels per framed-graph unit at ratio 1; at ratio r it is that divided by r.
  const cameraState = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
  const a = sigma.framedGraphToViewport({ x: 0, y: 0 }, { cameraState });
  const b = sigma.framedGraphToViewport({ x: 1, y: 0 }, { cameraState });
  const perUnit = Math.abs(b.x - a.x) || 1;
  const dx = Math.max(maxX - minX, 1e-3);
  const dy = Math.max(maxY - minY, 1e-3);
  const pixels = Math.min(availW / dx, availH / dy);
  const ratio = Math.min(1.2, Math.max(0.2, perUnit / pixels));
  const scale = perUnit / ratio;
  const shift = (left + availW / 2 - width / 2) / scale;
  sigma.getCamera().animate({ x: (minX + maxX) / 2 - shift, y: (minY + maxY) / 2, ratio }, { duration: 350 });
}

function install(page: MapPage, st: Explore): void {
  let brokers = brokerIds(page);
  let crossing = new Set<string>();
  let introEnds = new Set<string>();
  const refreshLookups = () => {
    brokers = brokerIds(page);
    crossing = new Set(page.data.network.connections.filter((c: any) => crossSector(page, c)).map((c: any) => c.id));
    introEnds = new Set(introductions(page).flatMap((i: any) => [i.a.id, i.b.id]));
    if (st.data !== page.data) {
      compute(page, st);
      if (st.nodes) page.visible = st.nodes;
    }
  };
  refreshLookups();

  page.nodeHook = (node, res) => {
    if (st.data !== page.data) refreshLookups();
    if (st.nodes && !st.nodes.has(node)) {
      if (st.showcase) { res.color = "#e4e4e4"; res.label = ""; res.zIndex = 0; }
      else res.hidden = true;
      return;
    }
    if (st.brokers && brokers.has(node)) { res.forceLabel = true; res.zIndex = 2; }
    if (st.introductions && introEnds.has(node)) res.forceLabel = true;
  };
  page.edgeHook = (edge, res) => {
    if (st.data !== page.data) refreshLookups();
    if (st.nodes || st.edges) {
      if (!st.edges?.has(edge)) {
        if (st.showcase) { res.hidden = false; res.color = FADED_EDGE; res.zIndex = 0; }
        else res.hidden = true;
        return;
      }
      res.hidden = false;
    }
    if (st.bridges) {
      if (crossing.has(edge)) { res.color = BRIDGE_COLOUR; res.size = Math.max(res.size ?? 1, 3); res.zIndex = 2; }
      else res.color = FADED_EDGE;
    }
    if (st.marked === edge) { res.color = "#111111"; res.size = (res.size ?? 1) + 2.5; res.zIndex = 3; res.hidden = false; }
  };

  // Our own layer, between the connections and the elements.
  const sigma = page.sigma;
  let canvas: HTMLCanvasElement;
  try {
    canvas = sigma.createCanvas("caremap-explore", { afterLayer: "edges", style: { pointerEvents: "none" } });
  } catch {
    canvas = sigma.getCanvases()["caremap-explore"];
  }
  const draw = () => {
    const { width, height } = sigma.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const at = (id: string) => {
      const d = sigma.getNodeDisplayData(id);
      if (!d || d.hidden) return null;
      const p = sigma.framedGraphToViewport({ x: d.x, y: d.y });
      return { x: p.x, y: p.y, r: sigma.scaleSize(d.size) };
    };
    if (st.introductions) {
      ctx.save();
      ctx.strokeStyle = GHOST_COLOUR;
      ctx.lineWidth = 2.5;
      ctx.setLineDash([8, 6]);
      for (const i of introductions(page)) {
        const a = at(i.a.id);
        const b = at(i.b.id);
        if (!a || !b) continue;
        if (st.nodes && (!st.nodes.has(i.a.id) || !st.nodes.has(i.b.id)) && !st.showcase) continue;
        ctx.beginPath();
        ctx.moveTo(a.x, a.y);
        ctx.lineTo(b.x, b.y);
        ctx.stroke();
      }
      ctx.restore();
    }
    if (st.brokers) {
      ctx.save();
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#1d2a2f";
      for (const id of brokers) {
        const p = at(id);
        if (!p) continue;
        if (st.nodes && !st.nodes.has(id) && !st.showcase) continue;
        ctx.beginPath();
        ctx.arc(p.x, p.y, p.r + 4, 0, 2 * Math.PI);
        ctx.stroke();
      }
      ctx.restore();
    }
    legendNote(page, st);
  };
  sigma.on("afterRender", draw);
}

/** Explains in the legend what the explore marks mean, while they are on. */
function legendNote(page: MapPage, st: Explore): void {
  const legend = document.getElementById("legend");
  if (!legend) return;
  const key = `${st.bridges}|${st.brokers}|${st.introductions}|${st.nodes ? (st.showcase ? "faded" : "hidden") : ""}`;
  let note = legend.querySelector<HTMLElement>("#legend-explore");
  if (note && note.dataset.key === key) return;
  if (!st.bridges && !st.brokers && !st.introductions && !st.nodes) {
    note?.remove();
    return;
  }
  const items = h("ul", { class: "legend-list" });
  if (st.bridges) items.append(h("li", {}, h("span", { class: "line", style: `background:${BRIDGE_COLOUR};height:4px` }), "crosses sectors (formal, voluntary, informal)"));
  if (st.introductions) items.append(h("li", {}, h("span", { class: "line dashed", style: `border-top:3px dashed ${GHOST_COLOUR}` }), "suggested introduction (not yet a tie)"));
  if (st.brokers) items.append(h("li", {}, h("span", { class: "ring" }), "broker between sectors"));
  if (st.nodes) items.append(h("li", {}, st.showcase ? "Faded: not in the filter" : "Filtered: the rest is hidden"));
  const clear = st.nodes ? h("button", { type: "button", id: "legend-clear-filters", class: "small", onclick: () => clearFilters(page, st) }, "Show everything") : null;
  const fresh = h("div", { id: "legend-explore", "data-key": key }, h("h2", {}, "Explore"), items, clear);
  if (note) note.replaceWith(fresh);
  else legend.prepend(fresh);
}

/** Clears the filters and the focus (the marks stay), from the panel or the legend. */
function clearFilters(page: MapPage, st: Explore): void {
  Object.assign(st, { category: "", sector: "", status: "", care: "", team: "", community: "", focus: null });
  apply(page, st);
  const fromPanel = !!page.side.querySelector("#explore-count");
  if (fromPanel) openFilters(page);
  if (fromPanel && (!document.activeElement || document.activeElement === document.body)) document.getElementById("clear-filters")?.focus();
  void page.sigma.getCamera().animate(page.home(), { duration: 300 });
  say("Filters cleared: the map shows everything.");
}

/** Shows an element on the map (selected, centred) without leaving the current panel. */
export function showOnMap(page: MapPage, id: string | null): void {
  page.selected = id;
  page.sigma.refresh();
  if (!id) return;
  const d = page.sigma.getNodeDisplayData(id);
  if (d) page.sigma.getCamera().animate({ x: d.x, y: d.y }, { duration: 350 });
}

/** Marks one connection (or none) on the map, drawn darker and thicker. */
export function markConnection(page: MapPage, id: string | null): void {
  state(page).marked = id;
  page.sigma.refresh();
}

/** Whether the explore filters are on (for other panels' wording). */
export function filtersOn(page: MapPage): boolean {
  const st = states.get(page);
  return !!st && !!st.nodes;
}

/** Opens the explore panel in the side panel. */
export function openFilters(page: MapPage): void {
  const st = state(page);
  const net = page.data.network;
  const a = page.data.analysis;
  const byId = new Map<string, any>(net.elements.map((e: any) => [e.id, e]));
  const labelOf = (id: string) => byId.get(id)?.label ?? id;

  const select = (id: string, label: string, value: string, options: [string, string][], onchange: (v: string) => void) => {
    const s = h("select", { id }, h("option", { value: "" }, "all"), ...options.map(([v, t]) => h("option", { value: v }, t)));
    s.value = value;
    s.addEventListener("change", () => { onchange(s.value); changed(); });
    return h("div", { class: "field" }, h("label", { for: id }, label), s);
  };

  const categories: string[] = [];
  for (const c of net.categories ?? []) if (net.elements.some((e: any) => e.category === c.name)) categories.push(c.name);
  for (const e of net.elements) if (e.category && !categories.includes(e.category)) categories.push(e.category);
  const sectors = ["informal", "voluntary", "formal", "unknown"].filter((s) => net.elements.some((e: any) => (page.data.sectorOf.get(e.id) ?? "unknown") === s));
  const statuses: [string, string][] = [
    ["generative", "generative"], ["engaged", "engaged"], ["loosely_engaged", "loosely engaged"], ["inactive", "inactive"], ["unclassified", "unclassified (not known)"],
  ];
  const careTypes = new Set<string>();
  for (const c of net.care_types ?? []) careTypes.add(c.name);
  for (const e of net.elements) for (const t of e.care_types ?? []) careTypes.add(t);
  for (const c of net.connections) for (const t of c.care_flowing ?? []) careTypes.add(t);
  const teams = net.elements.filter((e: any) => String(e.category ?? "").toLowerCase() === "care team");
  const communities = (a?.structure?.communities ?? []) as any[];

  const focusInput = h("input", {
    id: "focus-element", type: "search", list: "focus-names", autocomplete: "off", placeholder: "Type a name",
    value: st.focus ? labelOf(st.focus) : page.selected ? labelOf(page.selected) : "",
  });
  const focusNames = h("datalist", { id: "focus-names" }, ...net.elements.map((e: any) => h("option", { value: e.label })));
  const steps = h("select", { id: "focus-steps" },
    h("option", { value: "1" }, "1 step: direct contacts"),
    h("option", { value: "2" }, "2 steps: contacts of contacts"),
    h("option", { value: "3" }, "3 steps"));
  steps.value = String(st.steps);
  const applyFocus = () => {
    const wanted = focusInput.value.trim().toLowerCase();
    if (!wanted) { st.focus = null; changed(); return; }
    const found = net.elements.find((e: any) => e.label.toLowerCase() === wanted)
      ?? net.elements.find((e: any) => e.label.toLowerCase().includes(wanted));
    if (!found) { say(`No element is called “${focusInput.value}”.`, "error"); return; }
    focusInput.value = found.label;
    st.focus = found.id;
    st.steps = Number(steps.value) || 1;
    page.selected = null;
    changed();
    say(`Focused on ${found.label} and what lies within ${st.steps} step${st.steps === 1 ? "" : "s"}: ${st.nodes?.size ?? 0} elements.`);
  };
  focusInput.addEventListener("keydown", (ev) => { if (ev.key === "Enter") { ev.preventDefault(); applyFocus(); } });
  steps.addEventListener("change", () => { if (st.focus) applyFocus(); else st.steps = Number(steps.value) || 1; });

  const check = (id: string, text: string, value: boolean, onchange: (v: boolean) => void) => {
    const box = h("input", { id, type: "checkbox" });
    box.checked = value;
    box.addEventListener("change", () => { onchange(box.checked); changed(false); });
    return h("label", { class: "check", for: id }, box, h("span", {}, text));
  };

  const count = h("p", { id: "explore-count", class: "explore-count", role: "status" });
  const changed = (fit = true) => {
    apply(page, st);
    if (fit && st.nodes && st.nodes.size) fitTo(page, st.nodes);
    const shownNodes = st.nodes ? st.nodes.size : net.elements.length;
    const shownEdges = st.edges ? st.edges.size : net.connections.length;
    count.textContent = st.nodes
      ? `${st.showcase ? "Showcasing" : "Showing"} ${shownNodes} of ${net.elements.length} elements and ${shownEdges} of ${net.connections.length} connections.`
      : `Showing everything: ${net.elements.length} elements and ${net.connections.length} connections.`;
  };

  const clear = h("button", { type: "button", id: "clear-filters", onclick: () => clearFilters(page, st) }, "Show everything");

  // Bridges and brokers, from the analysis's bridging chapter.
  const b = a?.bridging;
  const pct = (x: number) => `${Math.round((x ?? 0) * 100)}%`;
  const bridgeText = b
    ? `${b.cross_sector.count} of ${b.cross_sector.of} connections (${pct(b.cross_sector.share)}) join different sectors; ${b.formal_informal.count} join a formal and an informal actor directly.`
    : "The analysis is not available.";
  const brokerList = h("ol", { class: "explore-list", id: "broker-list", "aria-label": "Brokers" });
  for (const br of (b?.brokers ?? []).slice(0, 8)) {
    const why = `${br.cross_sector_ties} tie${br.cross_sector_ties === 1 ? "" : "s"} to ${br.sectors_reached.join(" and ")} actors` +
      (br.articulation_point ? "; if it left, the network would split" : "");
    brokerList.append(h("li", {},
      h("button", { type: "button", class: "link", onclick: () => { showOnMap(page, br.element.id); say(`${br.element.label} is shown on the map.`); } }, br.element.label),
      h("span", { class: "hint" }, ` (${br.element.sector}): ${why}.`)));
  }

  const introList = h("ol", { class: "explore-list intro-list", id: "introductions", "aria-label": "Suggested introductions" });
  const intros = introductions(page);
  intros.forEach((i: any, n: number) => {
    introList.append(h("li", { "data-testid": `introduction-${n}` },
      h("p", { class: "intro-pair" }, `${i.a.label} and ${i.b.label}`),
      h("p", { class: "intro-reason" }, i.reason),
      h("div", { class: "actions compact" },
        h("button", {
          type: "button", onclick: () => {
            st.introductions = true;
            const box = document.getElementById("show-introductions") as HTMLInputElement | null;
            if (box) box.checked = true;
            changed(false);
            showOnMap(page, i.via?.[0]?.id ?? i.a.id);
            say(`${i.a.label} and ${i.b.label}: the dashed line is the suggested introduction, through ${(i.via ?? []).map((v: any) => v.label).join(", ")}.`);
          },
          "aria-label": `Show the introduction of ${i.a.label} and ${i.b.label} on the map`,
        }, "Show on map"),
        page.canEdit ? h("button", {
          type: "button", onclick: () => editConnection(page, null, { from: i.a.id, to: i.b.id }),
          "aria-label": `Record a connection between ${i.a.label} and ${i.b.label}`,
        }, "Add as a connection") : null)));
  });

  mount(page.side,
    h("h2", {}, "Explore"),
    h("p", { class: "hint" }, "Choose what to look at. The map hides the rest, or fades it in showcase."),
    h("section", { class: "explore-group", "aria-labelledby": "filters-title" },
      h("h3", { id: "filters-title" }, "Filters"),
      h("div", { class: "field-grid" },
        select("filter-category", "Category", st.category, categories.map((c) => [c, c]), (v) => { st.category = v; }),
        select("filter-sector", "Sector", st.sector, sectors.map((s) => [s, s]), (v) => { st.sector = v; }),
        select("filter-status", "Connection status", st.status, statuses, (v) => { st.status = v; }),
        select("filter-care-type", "Care type", st.care, [...careTypes].sort().map((c) => [c, c]), (v) => { st.care = v; }),
        select("filter-team", "Care team and its contacts", st.team, teams.map((t: any) => [t.id, t.label]), (v) => { st.team = v; }),
        select("filter-community", "Community", st.community, communities.map((c: any) => [String(c.id), `community ${c.id + 1} (${c.members.length} elements)`]), (v) => { st.community = v; }))),
    h("section", { class: "explore-group", "aria-labelledby": "focus-title" },
      h("h3", { id: "focus-title" }, "Focus on one element"),
      h("div", { class: "field" }, h("label", { for: "focus-element" }, "Element"), focusInput, focusNames),
      h("div", { class: "field" }, h("label", { for: "focus-steps" }, "How far"), steps),
      h("div", { class: "actions compact" },
        h("button", { type: "button", id: "focus-apply", class: "primary", onclick: applyFocus }, "Focus"),
        h("button", { type: "button", id: "focus-clear", onclick: () => { st.focus = null; focusInput.value = ""; changed(); } }, "Stop focusing"))),
    check("showcase", "Showcase: fade the rest instead of hiding it", st.showcase, (v) => { st.showcase = v; }),
    count,
    h("div", { class: "actions compact" }, clear),
    h("section", { class: "explore-group", "aria-labelledby": "bridges-title" },
      h("h3", { id: "bridges-title" }, "Bridges between formal and informal care"),
      h("p", {}, bridgeText),
      check("show-bridges", "Highlight the ties that cross sectors", st.bridges, (v) => { st.bridges = v; }),
      check("show-brokers", "Ring the brokers who link sectors", st.brokers, (v) => { st.brokers = v; }),
      brokerList.childElementCount ? h("p", { class: "hint" }, "The main brokers (select one to find it on the map):") : null,
      brokerList.childElementCount ? brokerList : null),
    h("section", { class: "explore-group", "aria-labelledby": "intro-title" },
      h("h3", { id: "intro-title" }, `Suggested introductions (${intros.length})`),
      h("p", { class: "hint" }, "Pairs not yet connected that a trusted shared contact could introduce, best first."),
      check("show-introductions", "Show them as dashed lines on the map", st.introductions, (v) => { st.introductions = v; }),
      intros.length ? introList : h("p", {}, "No introductions are suggested for this map.")),
  );
  changed(false);
}
