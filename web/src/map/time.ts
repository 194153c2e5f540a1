// Time: a date slider showing the map as it was, comparing two dates or snapshots with the
// changed ties marked, and taking a named snapshot.

import type Graph from "graphology";
import { ApiError, get, post } from "../api";
import { h, mount, say } from "../dom";
import type { AsOf, MapPage } from "./view";
import { openAnalysis } from "./analysis";
import { Bar, barChart, longDate, longMoment, num, pct, plural, resetFigureIds, showButton, STATUS_WORDS } from "./figures";

/** The colours of the change marks (each keeps 3:1 contrast on white). */
export const MARK = {
  joined: "#0a7d4f",
  left: "#c2362b",
  stronger: "#1f5fbf",
  weaker: "#b35900",
} as const;

const DAY = 86_400_000;
const STATUSES = ["generative", "engaged", "loosely_engaged", "inactive", "unclassified"];

interface Snapshot { id: number; name: string; at: string; actor: string }

/** What the time panel remembers while the page is open. */
interface TimeState {
  /** Could the user edit before they looked at the past? */
  canEdit: boolean;
  snapshots: Snapshot[] | null;
  comparison: { from: string; to: string; change: any; hook: (g: Graph) => void } | null;
  running: boolean;
  wanted: AsOf | undefined;
  /** The slider's pending move (it waits for the hand to rest); a newer wish cancels it. */
  sliderTimer: number | undefined;
}

const states = new WeakMap<MapPage, TimeState>();

/** Redraws the open time panel's parts that depend on the version shown. */
let panelRefresh: (() => void) | null = null;

function state(page: MapPage): TimeState {
  let s = states.get(page);
  if (!s) {
    s = { canEdit: page.canEdit, snapshots: null, comparison: null, running: false, wanted: undefined, sliderTimer: undefined };
    states.set(page, s);
  }
  return s;
}

function mapId(page: MapPage): number | null {
  return page.target.kind === "member" ? page.target.id : null;
}

/** A Date's day as YYYY-MM-DD (UTC, as the server reads dates). */
function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The first and last day of the slider: the map's creation day to today. */
function sliderDays(page: MapPage): { start: Date; days: number; extended: boolean } {
  const today = new Date(`${isoDay(new Date())}T00:00:00Z`);
  const created = page.detail?.created ? new Date(`${String(page.detail.created).slice(0, 10)}T00:00:00Z`) : today;
  let start = Number.isNaN(created.getTime()) || created > today ? today : created;
  let extended = false;
  if (today.getTime() - start.getTime() < DAY) {
    start = new Date(today.getTime() - DAY);
    extended = true;
  }
  return { start, days: Math.round((today.getTime() - start.getTime()) / DAY), extended };
}

async function loadSnapshots(page: MapPage): Promise<Snapshot[]> {
  const id = mapId(page);
  if (id === null) return [];
  const answer = await get(`/api/v1/maps/${id}/snapshots`);
  const st = state(page);
  st.snapshots = answer.snapshots ?? [];
  return st.snapshots!;
}

function describe(asOf: AsOf): string {
  if (!asOf) return "the map as it is now";
  return "at" in asOf ? `the map as it was at the end of ${longDate(asOf.at)}` : `the map as saved in the snapshot “${asOf.snapshot}”`;
}

function sameVersion(a: AsOf, b: AsOf): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Shows a version of the map (null: now). Reloads one at a time; the last wish wins. */
export async function showVersion(page: MapPage, asOf: AsOf, keepComparison = false): Promise<void> {
  const st = state(page);
  window.clearTimeout(st.sliderTimer);
  if (!keepComparison) clearComparison(page, false);
  st.wanted = asOf;
  if (st.running) return;
  st.running = true;
  try {
    while (st.wanted !== undefined) {
      const next: AsOf = st.wanted;
      st.wanted = undefined;
      page.selected = null;
      page.hovered = null;
      page.asOf = next;
      await page.reload();
    }
  } catch (e) {
    say(e instanceof ApiError ? `That version could not be shown: ${e.message}` : "That version could not be shown.", "error");
  } finally {
    st.running = false;
  }
  afterVersion(page);
}

/** Editing, the banner and the status line follow the version on show. */
function afterVersion(page: MapPage): void {
  const st = state(page);
  const past = page.asOf !== null;
  page.canEdit = st.canEdit && !past;
  const add = document.getElementById("add-element") as HTMLButtonElement | null;
  if (add) {
    add.disabled = past;
    add.title = past ? "Go back to today to edit" : "";
  }
  const stage = page.sigma.getContainer().parentElement;
  document.getElementById("as-of-banner")?.remove();
  if (past && stage) {
    stage.append(h("div", { id: "as-of-banner", class: "as-of-banner" },
      h("span", {}, `Showing ${describe(page.asOf)}. It cannot be edited.`),
      h("button", { type: "button", id: "as-of-back", onclick: () => void backToToday(page) }, "Back to today")));
  }
  const net = page.data.network;
  const size = `${plural(net.elements.length, "element")} and ${plural(net.connections.length, "connection")}`;
  if (past && "at" in page.asOf! && !net.elements.length) {
    say(`On ${longDate(page.asOf.at)} the map had no elements yet: its history starts later.`);
  } else {
    say(`Showing ${describe(page.asOf)}: ${size}.`);
  }
  syncSlider(page);
  // The side panel follows: the time panel's snapshot list, the analysis of this version, or the overview.
  if (document.getElementById("time-panel")) panelRefresh?.();
  else if (page.side.querySelector("#analysis-panel")) openAnalysis(page);
  else if (page.side.querySelector("#profile-title")) page.select(null);
}

async function backToToday(page: MapPage): Promise<void> {
  await showVersion(page, null);
}

/** Puts the slider (when the panel is open) where the version on show is. */
function syncSlider(page: MapPage): void {
  const slider = document.getElementById("date-slider") as HTMLInputElement | null;
  const label = document.getElementById("date-label");
  if (!slider || !label) return;
  const { start, days } = sliderDays(page);
  let index = days;
  if (page.asOf && "at" in page.asOf) index = Math.max(0, Math.min(days, Math.round((new Date(`${page.asOf.at}T00:00:00Z`).getTime() - start.getTime()) / DAY)));
  slider.value = String(index);
  const words = sliderWords(page, index);
  label.textContent = page.asOf && "snapshot" in page.asOf ? `snapshot “${page.asOf.snapshot}”` : words;
  slider.setAttribute("aria-valuetext", words);
}

function sliderWords(page: MapPage, index: number): string {
  const { start, days } = sliderDays(page);
  if (index >= days) return `today, ${longDate(isoDay(new Date()))}`;
  return longDate(isoDay(new Date(start.getTime() + index * DAY)));
}

// ---- Comparing ----

/** Takes the change marks off the map. */
export function clearComparison(page: MapPage, redraw = true): void {
  const st = state(page);
  const c = st.comparison;
  if (c) {
    page.onRebuild = page.onRebuild.filter((f) => f !== c.hook);
    for (const node of [...page.graph.nodes()]) if (node.startsWith("left:")) page.graph.dropNode(node);
    for (const edge of [...page.graph.edges()]) if (edge.startsWith("ended:")) page.graph.dropEdge(edge);
  }
  st.comparison = null;
  page.marks = null;
  document.getElementById("change-legend")?.remove();
  const legend = document.getElementById("legend");
  if (legend) legend.hidden = false;
  document.getElementById("compare-result")?.replaceChildren();
  if (redraw) page.redraw();
}

/** Adds the elements that left (and the connections that ended) as pale ghosts near their old ties. */
function addGhosts(graph: Graph, change: any): void {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  graph.forEachNode((_, a) => {
    minX = Math.min(minX, a.x); maxX = Math.max(maxX, a.x);
    minY = Math.min(minY, a.y); maxY = Math.max(maxY, a.y);
  });
  if (!Number.isFinite(minX)) { minX = -100; maxX = 100; minY = -100; maxY = 100; }
  const span = Math.max(1, maxX - minX, maxY - minY);
  const cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
  const left = change.left as any[];
  left.forEach((e, i) => {
    const key = `left:${e.id}`;
    if (graph.hasNode(key)) return;
    const near: [number, number][] = [];
    for (const c of change.ended as any[]) {
      const other = c.from.id === e.id ? c.to.id : c.to.id === e.id ? c.from.id : null;
      if (other && graph.hasNode(other)) near.push([graph.getNodeAttribute(other, "x"), graph.getNodeAttribute(other, "y")]);
    }
    const angle = i * 2.39996;
    let x: number, y: number;
    if (near.length) {
      x = near.reduce((t, p) => t + p[0], 0) / near.length + Math.cos(angle) * span * 0.06;
      y = near.reduce((t, p) => t + p[1], 0) / near.length + Math.sin(angle) * span * 0.06;
    } else {
      x = cx + Math.cos(angle) * span * 0.62;
      y = cy + Math.sin(angle) * span * 0.62;
    }
    graph.addNode(key, { label: `${e.label} (left)`, x, y, size: 6, color: MARK.left, category: e.category, ghost: true });
  });
  for (const c of change.ended as any[]) {
    const key = `ended:${c.id}`;
    const end = (id: string) => (graph.hasNode(id) ? id : graph.hasNode(`left:${id}`) ? `left:${id}` : null);
    const s = end(c.from.id), t = end(c.to.id);
    if (!s || !t || s === t || graph.hasEdge(key)) continue;
    graph.addEdgeWithKey(key, s, t, { color: MARK.left, size: 2, type: "line", status: "ended", ghost: true });
  }
}

function marksOf(change: any): { nodes: Map<string, string>; edges: Map<string, string> } {
  const nodes = new Map<string, string>();
  const edges = new Map<string, string>();
  for (const e of change.joined) nodes.set(e.id, MARK.joined);
  for (const e of change.left) nodes.set(`left:${e.id}`, MARK.left);
  for (const c of change.appeared) edges.set(c.id, MARK.joined);
  for (const c of change.ended) edges.set(`ended:${c.id}`, MARK.left);
  for (const t of change.strengthened) edges.set(t.connection.id, MARK.stronger);
  for (const t of change.weakened) edges.set(t.connection.id, MARK.weaker);
  return { nodes, edges };
}

/** The legend of the marks, over the map. */
function marksLegend(page: MapPage, fromWords: string, toWords: string): HTMLElement {
  const line = (colour: string, text: string, dot = false) =>
    h("li", {}, h("span", { class: dot ? "swatch" : "line", style: `background:${colour};${dot ? "" : "height:4px"}` }), text);
  return h("section", { id: "change-legend", class: "change-legend", "aria-label": "What the change marks mean" },
    h("h2", {}, "Changes marked"),
    h("p", {}, `From ${fromWords} to ${toWords}`),
    h("ul", { class: "legend-list" },
      line(MARK.joined, "joined (element)", true),
      line(MARK.left, "left (red, placed near its old ties)", true),
      line(MARK.joined, "tie appeared"),
      line(MARK.left, "tie ended"),
      line(MARK.stronger, "tie strengthened"),
      line(MARK.weaker, "tie weakened"),
      line("#b9c0c2", "grey: unchanged", true)),
    h("button", { type: "button", id: "compare-clear-map", onclick: () => { clearComparison(page); say("The change marks are cleared."); } }, "Clear the marks"));
}

/** Words for one side of a comparison. */
function sideWords(spec: string): string {
  if (spec === "now") return "now";
  if (spec.startsWith("snapshot:")) return `the snapshot “${spec.slice(9)}”`;
  return longDate(spec);
}

/** The moment a side stands for (to check the order), or null when unknown. */
function sideMoment(spec: string, snapshots: Snapshot[]): number | null {
  if (spec === "now") return Date.now();
  if (spec.startsWith("snapshot:")) {
    const s = snapshots.find((x) => x.name === spec.slice(9));
    return s ? new Date(s.at).getTime() : null;
  }
  return new Date(`${spec}T23:59:59Z`).getTime();
}

function asOfOf(spec: string): AsOf {
  if (spec === "now") return null;
  if (spec.startsWith("snapshot:")) return { snapshot: spec.slice(9) };
  return { at: spec };
}

async function compare(page: MapPage, from: string, to: string, result: HTMLElement): Promise<void> {
  const id = mapId(page);
  if (id === null) return;
  const snapshots = state(page).snapshots ?? [];
  const a = sideMoment(from, snapshots), b = sideMoment(to, snapshots);
  if (a !== null && b !== null && a > b) {
    mount(result, h("p", { class: "error-text", role: "alert" }, "The first version must be the older one: swap them, or choose an earlier “from”."));
    return;
  }
  if (from === to) {
    mount(result, h("p", { class: "error-text", role: "alert" }, "Choose two different versions to compare."));
    return;
  }
  mount(result, h("p", { role: "status" }, "Comparing…"));
  let change: any;
  try {
    change = await get(`/api/v1/maps/${id}/change?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  } catch (e) {
    mount(result, h("p", { class: "error-text", role: "alert" }, e instanceof ApiError ? e.message : String(e)));
    return;
  }
  // The newer side is drawn, with the changes marked on it.
  clearComparison(page, false);
  const target = asOfOf(to);
  if (!sameVersion(page.asOf, target)) await showVersion(page, target, true);
  const st = state(page);
  const hook = (g: Graph) => addGhosts(g, change);
  st.comparison = { from, to, change, hook };
  page.onRebuild.push(hook);
  addGhosts(page.graph, change);
  page.marks = { ...marksOf(change), fade: true };
  page.visible = null;
  page.redraw();
  const fromWords = sideWords(from), toWords = sideWords(to);
  document.getElementById("change-legend")?.remove();
  // The colours of the usual legend do not apply while changes are marked: the marks' legend takes its place.
  const legend = document.getElementById("legend");
  if (legend) legend.hidden = true;
  page.sigma.getContainer().parentElement?.append(marksLegend(page, fromWords, toWords));
  renderChange(page, change, fromWords, toWords, result);
  say(`Compared ${fromWords} with ${toWords}: ${summary(change)} The changes are marked on the map.`);
}

function summary(c: any): string {
  return `${plural(c.joined.length, "element")} joined and ${c.left.length} left; ${plural(c.appeared.length, "tie")} appeared and ${c.ended.length} ended; ${plural(c.strengthened.length, "tie")} strengthened and ${c.weakened.length} weakened.`;
}

function renderChange(page: MapPage, c: any, fromWords: string, toWords: string, result: HTMLElement): void {
  resetFigureIds();
  const tie = (r: any) => `${r.from.label} – ${r.to.label}`;
  const list = (title: string, items: string[], colour: string, show?: HTMLElement | null, note?: string) => {
    const section = h("div", { class: "change-list" },
      h("h4", {}, h("span", { class: "swatch", style: `background:${colour}` }), ` ${title} (${items.length})`));
    if (!items.length) {
      section.append(h("p", { class: "hint" }, "None."));
      return section;
    }
    const ul = h("ul", { class: "facts" }, ...items.slice(0, 12).map((t) => h("li", {}, t)));
    section.append(ul);
    if (items.length > 12) section.append(h("details", { class: "more" }, h("summary", {}, `The other ${items.length - 12}`), h("ul", { class: "facts" }, ...items.slice(12).map((t) => h("li", {}, t)))));
    if (note) section.append(h("p", { class: "hint" }, note));
    if (show) section.append(show);
    return section;
  };
  const then = c.generative_then, now = c.generative_now;
  const points = Math.round((Number(c.generative_share_change) || 0) * 100);
  const trend = points > 0 ? `rose by ${points} percentage point${points === 1 ? "" : "s"}` : points < 0 ? `fell by ${-points} percentage point${points === -1 ? "" : "s"}` : "stayed the same";
  const knowledge = (c.transitions as any[]).length - c.strengthened.length - c.weakened.length;
  const table = h("table", { id: "transition-table", class: "transitions" },
    h("colgroup", {}, h("col", { class: "head-col" }), ...STATUSES.map(() => h("col", {}))),
    h("caption", {}, "Connections in both versions: status before (rows) and after (columns). The diagonal did not change."),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "before, after")), ...STATUSES.map((s) => h("th", { scope: "col" }, STATUS_WORDS[s])))),
    h("tbody", {}, ...(c.transition_table as number[][]).map((row, i) => h("tr", {},
      h("th", { scope: "row" }, STATUS_WORDS[STATUSES[i]]),
      ...row.map((n, j) => h("td", { class: i === j ? "same" : n ? "moved" : "" }, String(n)))))));
  const changedEnds = (items: any[]) => items.flatMap((t) => [t.connection.from.id, t.connection.to.id]);
  mount(result,
    h("h3", { id: "compare-title" }, `From ${fromWords} to ${toWords}`),
    c.old_as_of || c.new_as_of ? h("p", { class: "hint" }, `The maps describe the network as of ${longDate(c.old_as_of)} and ${longDate(c.new_as_of)}.`) : null,
    h("p", {}, summary(c), ` ${plural(c.kept, "connection")} ${c.kept === 1 ? "is" : "are"} in both versions.`),
    h("p", {}, `The share of generative connections (care flowing both ways) ${trend}: from ${pct(then.share)} (${num(then.count)} of ${num(then.of)}) to ${pct(now.share)} (${num(now.count)} of ${num(now.of)}).`),
    barChart(page, "Generative share, then and now", [
      { label: fromWords, value: then.share, colour: "#1d4e2f", text: pct(then.share) },
      { label: toWords, value: now.share, colour: "#1d4e2f", text: pct(now.share) },
    ] as Bar[], 1),
    list("Joined", c.joined.map((e: any) => e.label), MARK.joined,
      c.joined.length ? showButton(page, "joined", c.joined.map((e: any) => e.id), "the elements that joined", "Show them") : null),
    list("Left", c.left.map((e: any) => e.label), MARK.left,
      c.left.length ? showButton(page, "left", c.left.map((e: any) => `left:${e.id}`), "the elements that left", "Show them") : null,
      "They are drawn in red near the ties they had, with those ties."),
    list("Ties strengthened", c.strengthened.map((t: any) => `${tie(t.connection)}: ${STATUS_WORDS[t.before]} → ${STATUS_WORDS[t.after]}`), MARK.stronger,
      c.strengthened.length ? showButton(page, "strengthened", changedEnds(c.strengthened), "the ends of the ties that strengthened", "Show them") : null),
    list("Ties weakened", c.weakened.map((t: any) => `${tie(t.connection)}: ${STATUS_WORDS[t.before]} → ${STATUS_WORDS[t.after]}`), MARK.weaker,
      c.weakened.length ? showButton(page, "weakened", changedEnds(c.weakened), "the ends of the ties that weakened", "Show them") : null),
    list("Ties appeared", c.appeared.map(tie), MARK.joined,
      c.appeared.length ? showButton(page, "appeared", c.appeared.flatMap((r: any) => [r.from.id, r.to.id]), "the ends of the ties that appeared", "Show them") : null),
    list("Ties ended", c.ended.map(tie), MARK.left),
    knowledge > 0 ? h("p", {}, `${plural(knowledge, "other tie")} went from or to “not yet assessed”: a change in what is known, not in the tie.`) : null,
    h("div", { class: "table-scroll" }, table),
    h("div", { class: "actions" },
      h("button", { type: "button", id: "compare-clear", onclick: () => { clearComparison(page); say("The change marks are cleared."); } }, "Clear the marks"),
      h("button", { type: "button", class: "show-all", onclick: () => { page.visible = null; page.redraw(); say("Showing every element again."); } }, "Show all elements")));
}

// ---- The panel ----

/** A version chooser: snapshots, a date, and (for the newer side) now. */
function sideChooser(id: string, label: string, snapshots: Snapshot[], withNow: boolean, chosen: string, date: string): { box: HTMLElement; value: () => string } {
  const select = h("select", { id, "aria-describedby": `${id}-hint` },
    withNow ? h("option", { value: "now" }, "now") : null,
    ...snapshots.map((s) => h("option", { value: `snapshot:${s.name}` }, `snapshot “${s.name}”`)),
    h("option", { value: "date" }, "a date…"));
  select.value = chosen;
  if (select.value !== chosen) select.selectedIndex = 0;
  const dateInput = h("input", { id: `${id}-date`, type: "date", value: date, max: isoDay(new Date()), "aria-label": `${label}: date` });
  const dateBox = h("span", { class: "date-box" }, h("label", { for: `${id}-date`, class: "visually-hidden" }, `${label}: date`), dateInput);
  const sync = () => { dateBox.hidden = select.value !== "date"; };
  select.addEventListener("change", sync);
  sync();
  return {
    box: h("div", { class: "field" }, h("label", { for: id }, label), h("div", { class: "row" }, select, dateBox),
      h("span", { id: `${id}-hint`, class: "visually-hidden" }, "A snapshot, a date, or now")),
    value: () => (select.value === "date" ? dateInput.value : select.value),
  };
}

/** Opens the time panel. */
export function openTime(page: MapPage): void {
  if (page.target.kind !== "member") {
    mount(page.side, h("h2", {}, "Time"), h("p", {}, "The history of a map is for its members."));
    return;
  }
  void renderTime(page);
}

async function renderTime(page: MapPage): Promise<void> {
  const st = state(page);
  const mapNo = mapId(page)!;
  mount(page.side, h("div", { id: "time-panel" }, h("h2", {}, "Time"), h("p", { role: "status" }, "Loading the snapshots…")));
  let snapshots: Snapshot[] = [];
  try {
    snapshots = await loadSnapshots(page);
  } catch (e) {
    say(e instanceof ApiError ? `The snapshots could not be read: ${e.message}` : "The snapshots could not be read.", "error");
  }

  // The map on a date.
  const { start, days, extended } = sliderDays(page);
  const slider = h("input", { id: "date-slider", type: "range", min: "0", max: String(days), step: "1", value: String(days), "aria-describedby": "date-hint" });
  const label = h("output", { id: "date-label", for: "date-slider", class: "date-label" }, sliderWords(page, days));
  const apply = () => {
    window.clearTimeout(st.sliderTimer);
    const i = Number(slider.value);
    const wanted: AsOf = i >= days ? null : { at: isoDay(new Date(start.getTime() + i * DAY)) };
    if (sameVersion(wanted, page.asOf) && !st.comparison) return;
    void showVersion(page, wanted);
  };
  slider.addEventListener("input", () => {
    const words = sliderWords(page, Number(slider.value));
    label.textContent = words;
    slider.setAttribute("aria-valuetext", words);
    window.clearTimeout(st.sliderTimer);
    st.sliderTimer = window.setTimeout(apply, 450);
  });
  const created = page.detail?.created ? longDate(String(page.detail.created)) : "the day it was made";
  const dateSection = h("section", { class: "time-part", "aria-labelledby": "time-date-title" },
    h("h3", { id: "time-date-title" }, "The map on a date"),
    h("label", { for: "date-slider" }, "Date shown"),
    h("div", { class: "slider-row" }, slider, label),
    h("p", { id: "date-hint", class: "hint" },
      `Move the slider to see the map as it was at the end of that day. Its history starts on ${created}`,
      extended ? ": everything was recorded that day, so the day before shows the map empty. Snapshots below hold earlier surveys." : ".",
      " The past cannot be edited."),
    h("button", { type: "button", id: "date-now", onclick: () => void showVersion(page, null) }, "Back to today"));

  // Snapshots.
  const snapList = h("ul", { id: "snapshot-list", class: "snapshots" });
  const drawSnapshots = () => {
    snapList.replaceChildren();
    if (!snapshots.length) snapList.append(h("li", { class: "hint" }, "No snapshot yet."));
    snapshots.forEach((s, i) => {
      const open = page.asOf && "snapshot" in page.asOf && page.asOf.snapshot === s.name;
      snapList.append(h("li", {},
        h("span", {}, h("strong", {}, s.name), h("span", { class: "hint" }, ` saved ${longMoment(s.at)}${s.actor ? ` by ${s.actor.replace(/^user:\d+ /, "").replace(/[<>]/g, "")}` : ""}`)),
        h("button", { type: "button", id: `open-snapshot-${i}`, "aria-label": `Open the snapshot ${s.name}`, "aria-pressed": open ? "true" : "false",
          onclick: () => void showVersion(page, { snapshot: s.name }) }, open ? "Shown" : "Open")));
    });
  };
  drawSnapshots();
  panelRefresh = drawSnapshots;
  const snapMessage = h("p", { id: "snapshot-message", role: "status" });
  let takeForm: HTMLElement | null = null;
  if (st.canEdit) {
    const name = h("input", { id: "snapshot-name", type: "text", maxlength: "200", placeholder: "e.g. end of pilot", autocomplete: "off", "aria-describedby": "snapshot-hint" });
    const take = h("button", { type: "submit", id: "take-snapshot", class: "primary" }, "Take a snapshot");
    const form = h("form", { class: "snapshot-form" },
      h("label", { for: "snapshot-name" }, "Name of a new snapshot"),
      h("div", { class: "row" }, name, take),
      h("p", { id: "snapshot-hint", class: "hint" }, "A snapshot keeps the map as it is now (whatever date is shown above) under a name, to open or compare later."));
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const wanted = name.value.trim();
      snapMessage.className = "";
      if (!wanted) {
        snapMessage.textContent = "Give the snapshot a name first.";
        snapMessage.className = "error-text";
        name.focus();
        return;
      }
      take.disabled = true;
      try {
        await post(`/api/v1/maps/${mapNo}/snapshots`, { name: wanted });
        snapshots = await loadSnapshots(page);
        drawSnapshots();
        refreshChoosers();
        name.value = "";
        snapMessage.textContent = `Saved the map as it is now as the snapshot “${wanted}”.`;
        say(snapMessage.textContent);
      } catch (e) {
        snapMessage.textContent = e instanceof ApiError && e.status === 409
          ? `There is already a snapshot called “${wanted}”: choose another name.`
          : e instanceof ApiError ? e.message : String(e);
        snapMessage.className = "error-text";
      } finally {
        take.disabled = false;
      }
    });
    takeForm = form;
  }
  const snapSection = h("section", { class: "time-part", "aria-labelledby": "time-snap-title" },
    h("h3", { id: "time-snap-title" }, "Snapshots"), snapList,
    takeForm ?? h("p", { class: "hint" }, "Editors and owners can take snapshots."), snapMessage);

  // Compare.
  const result = h("div", { id: "compare-result" });
  const choosers = h("div", { class: "choosers" });
  let fromSide: { value: () => string }, toSide: { value: () => string };
  const refreshChoosers = () => {
    const prevFrom = st.comparison?.from ?? (snapshots[0] ? `snapshot:${snapshots[0].name}` : "date");
    const prevTo = st.comparison?.to ?? "now";
    const day = (spec: string, fallback: string) => (/^\d{4}-\d{2}-\d{2}$/.test(spec) ? spec : fallback);
    const f = sideChooser("compare-from", "From (older)", snapshots, false, /^\d/.test(prevFrom) ? "date" : prevFrom, day(prevFrom, isoDay(start)));
    const t = sideChooser("compare-to", "To (newer)", snapshots, true, /^\d/.test(prevTo) ? "date" : prevTo, day(prevTo, isoDay(new Date())));
    fromSide = f;
    toSide = t;
    mount(choosers, f.box, t.box);
  };
  refreshChoosers();
  const run = h("button", { type: "button", id: "compare-run", class: "primary", onclick: async () => {
    run.disabled = true;
    try {
      await compare(page, fromSide.value(), toSide.value(), result);
    } finally {
      run.disabled = false;
    }
  } }, "Compare");
  const compareSection = h("section", { class: "time-part", "aria-labelledby": "time-compare-title" },
    h("h3", { id: "time-compare-title" }, "Compare two versions"),
    h("p", { class: "hint" }, "See who joined and left and which ties strengthened or weakened. The newer version is drawn with the changes marked in colour."),
    choosers, run, result);

  mount(page.side, h("div", { id: "time-panel" }, h("h2", {}, "Time"), dateSection, snapSection, compareSection));
  syncSlider(page);
  if (st.comparison) {
    renderChange(page, st.comparison.change, sideWords(st.comparison.from), sideWords(st.comparison.to), result);
  }
}
