// A person's care map: the rings view of one element, and its comparison between two dates.

import { ApiError, get } from "../api";
import { h, mount, say } from "../dom";
import type { MapPage } from "./view";
import { SECTOR_COLOURS } from "./graph";
import { longDate, names, pct, plural, showOnMap, STATUS_BAR, STATUS_WORDS, svg } from "./figures";

type Ref = { id: string; label: string; category: string; sector: string };
interface Entry {
  element: Ref;
  relation: "cared_for_by_person" | "cares_for_person" | "mutual" | "also_cares";
  ring: number;
  status: string;
  care_types: string[];
  via: Ref[];
  carer: boolean;
  care_units: number;
  linked_to_formal_carer: boolean;
}
interface PersonMap {
  person: Ref;
  inner: Entry[];
  outer: Entry[];
  informal_share: number;
  evenness: number;
  carers: number;
  informal_carers: number;
  formal_carers: number;
  integrated_informal_carers: number;
}

const RANK: Record<string, number> = { generative: 0, engaged: 1, loosely_engaged: 2, inactive: 3, unclassified: 4 };
const STRENGTH_COLOUR = { new: "#0a7d4f", stronger: "#1f5fbf", weaker: "#b35900" };

// ---- The care map of a public view, computed here (the public API has no care-map route) ----

/** The care map of one element, by the rules of docs/analysis-json.md (PersonMap). */
export function localPersonMap(page: MapPage, id: string): PersonMap | null {
  const net = page.data.network;
  const byId = new Map<string, any>(net.elements.map((e: any) => [e.id, e]));
  const ref = (eid: string): Ref => {
    const e = byId.get(eid);
    return { id: eid, label: e?.label ?? eid, category: e?.category ?? "", sector: page.data.sectorOf.get(eid) ?? "unknown" };
  };
  if (!byId.has(id)) return null;
  const counted = (net.connections as any[]).filter((c) => byId.has(c.from) && byId.has(c.to) && c.from !== c.to);
  const runs = (c: any, from: string, to: string) => (c.direction === "mutual" || c.direction === "undirected")
    ? (c.from === from && c.to === to) || (c.from === to && c.to === from)
    : c.from === from && c.to === to;
  const stronger = (a: string, b: string) => ((RANK[a] ?? 4) <= (RANK[b] ?? 4) ? a : b);
  const inner = new Map<string, Entry & { toPerson: boolean; fromPerson: boolean }>();
  for (const c of counted) {
    if (c.from !== id && c.to !== id) continue;
    const other = c.from === id ? c.to : c.from;
    let e = inner.get(other);
    if (!e) {
      e = { element: ref(other), relation: "mutual", ring: 1, status: "unclassified", care_types: [], via: [], carer: false, care_units: 0, linked_to_formal_carer: false, toPerson: false, fromPerson: false };
      e.status = c.status ?? "unclassified";
      inner.set(other, e);
    }
    e.status = stronger(e.status, c.status ?? "unclassified");
    const towards = runs(c, other, id);
    if (towards) e.toPerson = true;
    if (runs(c, id, other)) e.fromPerson = true;
    for (const t of c.care_flowing ?? []) if (!e.care_types.includes(t)) e.care_types.push(t);
    if (towards && (c.status ?? "unclassified") !== "inactive") {
      e.carer = true;
      e.care_units += Math.max(1, (c.care_flowing ?? []).length);
    }
  }
  for (const e of inner.values()) e.relation = e.toPerson && e.fromPerson ? "mutual" : e.toPerson ? "cares_for_person" : "cared_for_by_person";
  const outer = new Map<string, Entry>();
  for (const c of counted) {
    for (const [giver, taker] of [[c.from, c.to], [c.to, c.from]] as [string, string][]) {
      if (!runs(c, giver, taker) || !inner.has(taker) || giver === id || inner.has(giver)) continue;
      let e = outer.get(giver);
      if (!e) {
        e = { element: ref(giver), relation: "also_cares", ring: 2, status: c.status ?? "unclassified", care_types: [], via: [], carer: false, care_units: 0, linked_to_formal_carer: false };
        outer.set(giver, e);
      }
      e.status = stronger(e.status, c.status ?? "unclassified");
      if (!e.via.some((v) => v.id === taker)) e.via.push(ref(taker));
      for (const t of c.care_flowing ?? []) if (!e.care_types.includes(t)) e.care_types.push(t);
    }
  }
  const order = (a: Entry, b: Entry) => (RANK[a.status] ?? 4) - (RANK[b.status] ?? 4) || a.element.label.localeCompare(b.element.label) || a.element.id.localeCompare(b.element.id);
  const ring1 = [...inner.values()].map(({ toPerson: _t, fromPerson: _f, ...e }) => e as Entry).sort(order);
  const carers = ring1.filter((e) => e.carer);
  const community = (e: Entry) => e.element.sector === "informal" || e.element.sector === "voluntary";
  const formal = carers.filter((e) => e.element.sector === "formal");
  const tieStatus = (a: string, b: string) => counted.filter((c) => (c.from === a && c.to === b) || (c.from === b && c.to === a)).map((c) => c.status ?? "unclassified");
  for (const e of carers) {
    if (community(e)) e.linked_to_formal_carer = formal.some((f) => tieStatus(e.element.id, f.element.id).some((s) => s === "generative" || s === "engaged"));
  }
  const units = carers.reduce((t, e) => t + e.care_units, 0);
  let evenness = 0;
  if (carers.length >= 2 && units > 0) {
    const entropy = -carers.reduce((t, e) => (e.care_units ? t + (e.care_units / units) * Math.log(e.care_units / units) : t), 0);
    evenness = entropy / Math.log(carers.length);
  }
  const informal = carers.filter(community);
  return {
    person: ref(id),
    inner: ring1,
    outer: [...outer.values()].map((e) => ({ ...e, via: e.via.sort((a, b) => a.label.localeCompare(b.label)) })).sort(order),
    informal_share: carers.length ? informal.length / carers.length : 0,
    evenness,
    carers: carers.length,
    informal_carers: informal.length,
    formal_carers: formal.length,
    integrated_informal_carers: informal.filter((e) => e.linked_to_formal_carer).length,
  };
}

// ---- The rings drawing ----

interface Box { x: number; y: number; w: number; h: number }
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

let measurer: CanvasRenderingContext2D | null = null;
function textWidth(text: string, size: number, weight = 400): number {
  if (!measurer) measurer = document.createElement("canvas").getContext("2d");
  if (!measurer) return text.length * size * 0.6;
  measurer.font = `${weight} ${size}px system-ui, -apple-system, "Segoe UI", sans-serif`;
  return measurer.measureText(text).width;
}

interface Marked { kind: keyof typeof STRENGTH_COLOUR; words: string }

const MAX_INNER = 36;
const MAX_OUTER = 60;

/**
 * Draws the care map as rings: the person in the middle, direct ties on ring 1, who else cares
 * for those on ring 2. Labels are placed where they overlap nothing; an element whose name finds
 * no room gets a number, listed under the drawing.
 */
export function drawRings(full: PersonMap, width: number, height: number, marks: Map<string, Marked>, onOpen: (id: string) => void): { svg: SVGSVGElement; numbered: [number, string][]; left: number } {
  // A drawing stays readable with a few dozen names: the strongest ties are drawn, the lists carry all.
  const inner = full.inner.slice(0, MAX_INNER);
  const drawnInner = new Set(inner.map((e) => e.element.id));
  const outer = full.outer.filter((e) => e.via.some((v) => drawnInner.has(v.id))).slice(0, MAX_OUTER)
    .map((e) => ({ ...e, via: e.via.filter((v) => drawnInner.has(v.id)) }));
  const pm: PersonMap = { ...full, inner, outer };
  const left = full.inner.length + full.outer.length - inner.length - outer.length;
  const W = Math.max(360, Math.round(width));
  const H = Math.max(320, Math.round(height));
  const cx = W / 2, cy = H / 2;
  const FONT = 13;
  const margin = Math.min(150, W * 0.2);
  const maxR = Math.max(80, Math.min(W / 2 - margin, H / 2 - 28));
  const hasOuter = pm.outer.length > 0;
  // Ring 1 widens when it holds many discs, so that they do not touch.
  const needed = (pm.inner.length * 30) / (2 * Math.PI);
  const R1 = hasOuter ? Math.min(maxR * 0.72, Math.max(maxR * 0.52, needed)) : maxR * 0.8;
  const R2 = maxR;
  const root = svg("svg", {
    id: "care-map-svg", viewBox: `0 0 ${W} ${H}`, width: "100%", height: "100%", role: "img",
    "aria-labelledby": "care-map-svg-title care-map-svg-desc", preserveAspectRatio: "xMidYMid meet",
  });
  root.append(
    svg("title", { id: "care-map-svg-title" }, `Care map of ${pm.person.label}`),
    svg("desc", { id: "care-map-svg-desc" }, `${pm.person.label} in the middle; ring 1: ${plural(pm.inner.length, "direct tie")}; ring 2: ${plural(pm.outer.length, "element")} who also care for those.${left ? ` ${plural(left, "more element")} not drawn.` : ""} The lists beside the drawing carry everyone.`));
  const defs = svg("defs");
  for (const [status, colour] of Object.entries(STATUS_BAR)) {
    defs.append(svg("marker", { id: `arrow-${status}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" },
      svg("path", { d: "M0,0 L10,5 L0,10 z", fill: colour })));
  }
  root.append(defs);
  // The rings.
  root.append(svg("circle", { cx, cy, r: R1, fill: "none", stroke: "#c9d3d6", "stroke-dasharray": "3 5" }));
  if (hasOuter) root.append(svg("circle", { cx, cy, r: R2, fill: "none", stroke: "#c9d3d6", "stroke-dasharray": "3 5" }));

  const radiusOf = (e: Entry) => (e.carer ? 8 + Math.min(6, e.care_units) : 7);
  const pos = new Map<string, { x: number; y: number; angle: number; r: number }>();
  // Ring 1: grouped by relation, strongest first within each group.
  const relOrder: Record<string, number> = { cares_for_person: 0, mutual: 1, cared_for_by_person: 2 };
  const ring1 = [...pm.inner].sort((a, b) => (relOrder[a.relation] ?? 3) - (relOrder[b.relation] ?? 3));
  ring1.forEach((e, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, ring1.length);
    pos.set(e.element.id, { x: cx + R1 * Math.cos(angle), y: cy + R1 * Math.sin(angle), angle, r: radiusOf(e) });
  });
  // Ring 2: near the ring-1 elements they care for, evenly spaced.
  const wanted = pm.outer.map((e) => {
    let sx = 0, sy = 0;
    for (const v of e.via) { const p = pos.get(v.id); if (p) { sx += Math.cos(p.angle); sy += Math.sin(p.angle); } }
    return { e, angle: sx || sy ? Math.atan2(sy, sx) : 0 };
  }).sort((a, b) => a.angle - b.angle);
  const n2 = wanted.length;
  if (n2) {
    const step = (2 * Math.PI) / n2;
    let sx = 0, sy = 0;
    wanted.forEach((w, i) => { sx += Math.cos(w.angle - i * step); sy += Math.sin(w.angle - i * step); });
    const offset = Math.atan2(sy, sx);
    wanted.forEach((w, i) => {
      const angle = offset + i * step;
      pos.set(w.e.element.id, { x: cx + R2 * Math.cos(angle), y: cy + R2 * Math.sin(angle), angle, r: radiusOf(w.e) });
    });
  }

  // Lines: which way care runs, styled by status.
  const lines = svg("g", { class: "ties" });
  const line = (from: { x: number; y: number; r: number }, to: { x: number; y: number; r: number }, status: string, start: boolean, end: boolean) => {
    const dx = to.x - from.x, dy = to.y - from.y;
    const len = Math.hypot(dx, dy) || 1;
    const ux = dx / len, uy = dy / len;
    const width = status === "generative" ? 3 : status === "engaged" ? 2.2 : status === "loosely_engaged" ? 1.6 : 1.3;
    const attrs: Record<string, string | number> = {
      x1: from.x + ux * (from.r + 2), y1: from.y + uy * (from.r + 2), x2: to.x - ux * (to.r + 2), y2: to.y - uy * (to.r + 2),
      stroke: STATUS_BAR[status] ?? "#777", "stroke-width": width,
    };
    if (status === "inactive") attrs["stroke-dasharray"] = "5 4";
    if (status === "unclassified") attrs["stroke-dasharray"] = "2 3";
    if (end) attrs["marker-end"] = `url(#arrow-${status in STATUS_BAR ? status : "unclassified"})`;
    if (start) attrs["marker-start"] = `url(#arrow-${status in STATUS_BAR ? status : "unclassified"})`;
    lines.append(svg("line", attrs));
  };
  const centre = { x: cx, y: cy, r: 16 };
  for (const e of pm.outer) {
    const p = pos.get(e.element.id)!;
    for (const v of e.via) { const q = pos.get(v.id); if (q) line(p, q, e.status, false, true); }
  }
  for (const e of pm.inner) {
    const p = pos.get(e.element.id)!;
    // The line runs from the element to the centre: an arrow at the centre's end means care runs to the person.
    line(p, centre, e.status, e.relation !== "cares_for_person", e.relation !== "cared_for_by_person");
  }
  root.append(lines);

  // Discs.
  const discs = svg("g", { class: "discs" });
  const occupied: Box[] = [];
  const centreColour = SECTOR_COLOURS[pm.person.sector] ?? "#7a7a7a";
  discs.append(svg("circle", { cx, cy, r: 16, fill: centreColour, stroke: "#1d2a2f", "stroke-width": 3 }));
  occupied.push({ x: cx - 18, y: cy - 18, w: 36, h: 36 });
  const all = [...pm.inner, ...pm.outer];
  for (const e of all) {
    const p = pos.get(e.element.id)!;
    const mark = marks.get(e.element.id);
    const g = svg("g", {
      class: "ring-node", tabindex: 0, role: "button", "data-id": e.element.id,
      "aria-label": `${e.element.label}: ${relationWords(e, pm.person.label)}. Open its care map.`,
    });
    if (mark) g.append(svg("circle", { cx: p.x, cy: p.y, r: p.r + 5, fill: "none", stroke: STRENGTH_COLOUR[mark.kind], "stroke-width": 3.5 }));
    g.append(svg("circle", { cx: p.x, cy: p.y, r: p.r, fill: SECTOR_COLOURS[e.element.sector] ?? "#7a7a7a", stroke: e.carer ? "#1d2a2f" : "#ffffff", "stroke-width": e.carer ? 2.5 : 1.5 }),
      svg("title", {}, `${e.element.label} (${e.element.category || "no category"}, ${e.element.sector}): ${relationWords(e, pm.person.label)}`));
    g.addEventListener("click", () => onOpen(e.element.id));
    g.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); onOpen(e.element.id); }
    });
    discs.append(g);
    const pad = mark ? p.r + 6 : p.r + 1;
    occupied.push({ x: p.x - pad, y: p.y - pad, w: pad * 2, h: pad * 2 });
  }
  root.append(discs);

  // Labels: the person's first, then ring 1, then ring 2; each where it overlaps nothing.
  const labelsG = svg("g", { class: "labels", "aria-hidden": "true" });
  const bounds: Box = { x: 2, y: 2, w: W - 4, h: H - 4 };
  const inside = (b: Box) => b.x >= bounds.x && b.y >= bounds.y && b.x + b.w <= bounds.x + bounds.w && b.y + b.h <= bounds.y + bounds.h;
  const free = (b: Box) => inside(b) && !occupied.some((o) => overlaps(o, b));
  const put = (text: string, b: Box, size: number, weight: number) => {
    occupied.push(b);
    labelsG.append(svg("text", {
      x: b.x + 1, y: b.y + b.h - size * 0.28, "font-size": size, "font-weight": weight, fill: "#1d2a2f",
      stroke: "#ffffff", "stroke-width": 3.5, "paint-order": "stroke", "stroke-linejoin": "round",
    }, text));
  };
  const candidates = (x: number, y: number, r: number, angle: number, w: number, hgt: number): Box[] => {
    const c = Math.cos(angle), s = Math.sin(angle);
    const out: Box[] = [];
    for (const extra of [3, 10, 20]) {
      const ax = x + c * (r + extra), ay = y + s * (r + extra);
      if (c > 0.35) out.push({ x: ax, y: ay - hgt / 2, w, h: hgt });
      else if (c < -0.35) out.push({ x: ax - w, y: ay - hgt / 2, w, h: hgt });
      else out.push({ x: ax - w / 2, y: s < 0 ? ay - hgt : ay, w, h: hgt });
    }
    // Then beside, above or below the disc, near and a little farther.
    for (const gap of [3, 12, 24]) {
      out.push(
        { x: x + r + gap, y: y - hgt / 2, w, h: hgt },
        { x: x - r - gap - w, y: y - hgt / 2, w, h: hgt },
        { x: x - w / 2, y: y - r - gap - hgt, w, h: hgt },
        { x: x - w / 2, y: y + r + gap, w, h: hgt },
      );
    }
    out.push(
      { x: x + r, y: y - r - hgt, w, h: hgt },
      { x: x - r - w, y: y - r - hgt, w, h: hgt },
      { x: x + r, y: y + r, w, h: hgt },
      { x: x - r - w, y: y + r, w, h: hgt },
    );
    return out;
  };
  // The person's own label, under the centre.
  {
    const w = textWidth(pm.person.label, 15, 700) + 2;
    const spots: Box[] = [{ x: cx - w / 2, y: cy + 20, w, h: 19 }, { x: cx - w / 2, y: cy - 20 - 19, w, h: 19 }, { x: cx + 20, y: cy - 9, w, h: 19 }];
    const spot = spots.find(free) ?? spots[0];
    put(pm.person.label, spot, 15, 700);
  }
  const numbered: [number, string][] = [];
  for (const e of [...pm.inner, ...pm.outer]) {
    const p = pos.get(e.element.id)!;
    const text = e.element.label;
    const w = textWidth(text, FONT, e.ring === 1 ? 600 : 400) + 2;
    const spot = candidates(p.x, p.y, p.r, p.angle, w, FONT + 4).find(free);
    if (spot) {
      put(text, spot, FONT, e.ring === 1 ? 600 : 400);
      continue;
    }
    const n = String(numbered.length + 1);
    const nw = textWidth(n, FONT, 700) + 2;
    const nspot = candidates(p.x, p.y, p.r, p.angle, nw, FONT + 4).find(free);
    if (nspot) {
      numbered.push([numbered.length + 1, text]);
      put(n, nspot, FONT, 700);
    }
  }
  root.append(labelsG);
  return { svg: root, numbered, left };
}

function relationWords(e: Entry, person: string): string {
  switch (e.relation) {
    case "cares_for_person": return `cares for ${person} (${STATUS_WORDS[e.status]})`;
    case "cared_for_by_person": return `${person} cares for them (${STATUS_WORDS[e.status]})`;
    case "mutual": return `care runs both ways with ${person} (${STATUS_WORDS[e.status]})`;
    default: return `also cares for ${names(e.via.map((v) => v.label), 3)} (${STATUS_WORDS[e.status]})`;
  }
}

function evennessWords(pm: PersonMap): string {
  if (pm.carers < 2) return `With ${pm.carers === 1 ? "one carer" : "no carer"}, the caring load cannot be spread: evenness does not apply.`;
  const e = pm.evenness;
  const words = e >= 0.8 ? "the caring load is spread evenly across the carers" : e >= 0.5 ? "the caring load is spread unevenly" : "the caring load rests on a few carers";
  return `Evenness ${e.toFixed(2)} (1 is perfectly even): ${words}.`;
}

// ---- The view ----

interface PersonState { against: string; date: string }
const remembered: PersonState = { against: "", date: "" };

function versionQuery(page: MapPage): string {
  const v = page.asOf;
  if (!v) return "";
  return "at" in v ? `at=${encodeURIComponent(v.at)}` : `snapshot=${encodeURIComponent(v.snapshot)}`;
}

/** Where the focus goes back to when the care map closes. */
let careOpener: HTMLElement | null = null;

/** Opens the care map of an element. */
export async function openPerson(page: MapPage, id: string): Promise<void> {
  const active = document.activeElement as HTMLElement | null;
  if (active && !active.closest("#care-map")) careOpener = active;
  const element = page.data.network.elements.find((e: any) => e.id === id);
  const name = element?.label ?? id;
  let pm: PersonMap | null = null;
  try {
    if (page.target.kind === "member") {
      const q = versionQuery(page);
      pm = await get(`/api/v1/maps/${page.target.id}/people/${encodeURIComponent(id)}/care-map${q ? `?${q}` : ""}`);
    } else {
      pm = localPersonMap(page, id);
    }
  } catch (e) {
    say(e instanceof ApiError ? `The care map of ${name} could not be made: ${e.message}` : `The care map of ${name} could not be made.`, "error");
    return;
  }
  if (!pm) {
    say(`${name} is not on the map as shown.`, "error");
    return;
  }
  showDialog(page, pm, null);
}

function showDialog(page: MapPage, pm: PersonMap, change: any | null): void {
  const old = document.getElementById("care-map") as HTMLDialogElement | null;
  if (old) {
    old.dataset.replaced = "yes";
    old.close();
    old.remove();
  }
  const dialog = h("dialog", { id: "care-map", class: "care-dialog", "aria-labelledby": "care-map-title" });
  const drawing = h("div", { class: "care-drawing" });
  const key = h("div", { class: "care-key" });
  const numbers = h("ol", { id: "care-map-numbers", class: "care-numbers", "aria-label": "Numbered names on the drawing" });
  const drawnNote = h("p", { id: "care-map-drawn", class: "hint care-drawn" });
  const text = h("div", { class: "care-text" });
  const close = h("button", { type: "button", id: "care-map-close", onclick: () => dialog.close() }, "Close");
  dialog.append(
    h("header", { class: "care-head" },
      h("h2", { id: "care-map-title" }, `Care map of ${pm.person.label}`),
      h("span", { class: "hint" }, page.asOf ? (("at" in page.asOf) ? `as it was on ${longDate(page.asOf.at)}` : `snapshot “${page.asOf.snapshot}”`) : page.target.kind === "public" ? "public view" : "now"),
      h("div", { class: "care-head-tools" },
        h("button", { type: "button", id: "care-show-on-map", onclick: () => {
          dialog.close();
          showOnMap(page, [pm.person.id, ...pm.inner.map((e) => e.element.id), ...pm.outer.map((e) => e.element.id)], `the care map of ${pm.person.label}`);
        } }, "Show on the map"),
        page.graph.hasNode(pm.person.id) ? h("button", { type: "button", id: "care-open-profile", onclick: () => { dialog.close(); page.select(pm.person.id); } }, "Profile") : null,
        close)),
    h("div", { class: "care-body" }, h("figure", { class: "care-figure" }, drawing, drawnNote, key, numbers), text));
  dialog.addEventListener("close", () => {
    if (dialog.dataset.replaced) return;
    dialog.remove();
    if (careOpener && document.contains(careOpener)) careOpener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  close.focus();

  const marks = new Map<string, Marked>();
  if (change) {
    for (const e of change.new_ties ?? []) marks.set(e.id, { kind: "new", words: "new tie" });
    for (const [e, b, a] of change.strengthened ?? []) marks.set(e.id, { kind: "stronger", words: `${STATUS_WORDS[b]} → ${STATUS_WORDS[a]}` });
    for (const [e, b, a] of change.weakened ?? []) marks.set(e.id, { kind: "weaker", words: `${STATUS_WORDS[b]} → ${STATUS_WORDS[a]}` });
  }
  const open = (id: string) => { dialog.close(); void openPerson(page, id); };
  const draw = () => {
    const rect = drawing.getBoundingClientRect();
    const { svg: picture, numbered, left } = drawRings(pm, rect.width || 640, rect.height || 520, marks, open);
    mount(drawing, picture);
    drawnNote.textContent = left ? `The drawing shows the ${Math.min(MAX_INNER, pm.inner.length)} strongest direct ties and up to ${MAX_OUTER} of those who also care for them; ${plural(left, "more element")} ${left === 1 ? "is" : "are"} in the lists only.` : "";
    drawnNote.hidden = !left;
    mount(numbers, ...numbered.map(([n, label]) => h("li", { value: String(n) }, label)));
    numbers.hidden = !numbered.length;
  };
  draw();
  mount(key, ...keyItems(!!change));
  renderText(page, pm, change, text, marks, (c) => showDialog(page, pm, c));
  say(`The care map of ${pm.person.label} is open: ${plural(pm.inner.length, "direct tie")}, ${plural(pm.outer.length, "tie")} of ties.`);
}

function keyItems(withChange: boolean): Node[] {
  const item = (swatch: Node, text: string) => h("span", { class: "key-item" }, swatch, text);
  const dot = (colour: string, ring = false) => h("span", { class: "swatch", style: `background:${colour};${ring ? "box-shadow:0 0 0 2px #1d2a2f" : ""}` });
  const bar = (colour: string, dashed = false) => h("span", { class: "line", style: dashed ? `border-top:3px dashed ${colour};height:0` : `background:${colour};height:3px` });
  const out: Node[] = [
    item(dot(SECTOR_COLOURS.informal), "informal"), item(dot(SECTOR_COLOURS.voluntary), "voluntary"), item(dot(SECTOR_COLOURS.formal), "formal"),
    item(dot("#ffffff", true), "dark outline: a carer (care runs to the person on a live tie)"),
    item(h("span", { "aria-hidden": "true" }, "→"), "arrows: which way care runs"),
    item(bar(STATUS_BAR.generative), "generative"), item(bar(STATUS_BAR.engaged), "engaged"), item(bar(STATUS_BAR.loosely_engaged), "loosely engaged"),
    item(bar(STATUS_BAR.inactive, true), "inactive"), item(bar(STATUS_BAR.unclassified, true), "not yet assessed"),
    item(h("span", { class: "hint" }, "inner ring"), "direct ties"), item(h("span", { class: "hint" }, "outer ring"), "who else cares for those"),
  ];
  if (withChange) {
    out.push(
      item(h("span", { class: "swatch ring", style: `border-color:${STRENGTH_COLOUR.new}` }), "new tie"),
      item(h("span", { class: "swatch ring", style: `border-color:${STRENGTH_COLOUR.stronger}` }), "strengthened"),
      item(h("span", { class: "swatch ring", style: `border-color:${STRENGTH_COLOUR.weaker}` }), "weakened"));
  }
  return out;
}

function renderText(page: MapPage, pm: PersonMap, change: any | null, text: HTMLElement, marks: Map<string, Marked>, redraw: (change: any | null) => void): void {
  const who = pm.person.label;
  const entry = (e: Entry) => h("li", {},
    h("button", { type: "button", class: "link", onclick: () => { (document.getElementById("care-map") as HTMLDialogElement | null)?.close(); void openPerson(page, e.element.id); } }, e.element.label),
    ` (${e.element.sector}, ${STATUS_WORDS[e.status]})`,
    e.care_types.length ? `: ${names(e.care_types, 3)}` : "",
    e.ring === 2 ? `; cares for ${names(e.via.map((v) => v.label), 3)}` : "",
    marks.get(e.element.id) ? h("span", { class: `change-tag tag-${marks.get(e.element.id)!.kind}` }, ` ${marks.get(e.element.id)!.words}`) : null);
  const group = (title: string, items: Entry[], id: string) => {
    if (!items.length) return null;
    const first = 50;
    const section = h("section", { "aria-labelledby": id }, h("h4", { id }, `${title} (${items.length})`), h("ul", { class: "facts" }, ...items.slice(0, first).map(entry)));
    if (items.length > first) {
      const more = h("details", { class: "more" }, h("summary", {}, `The other ${items.length - first}`));
      more.addEventListener("toggle", () => {
        if (more.open && more.childElementCount === 1) more.append(h("ul", { class: "facts" }, ...items.slice(first).map(entry)));
      });
      section.append(more);
    }
    return section;
  };
  const caresFor = pm.inner.filter((e) => e.relation === "cares_for_person");
  const both = pm.inner.filter((e) => e.relation === "mutual");
  const caredFor = pm.inner.filter((e) => e.relation === "cared_for_by_person");
  const parts: (Node | null)[] = [
    h("p", {}, `${who} has ${plural(pm.inner.length, "direct tie")} (the inner ring) and ${plural(pm.outer.length, "element")} who also care for those ties (the outer ring).`),
    h("p", {}, pm.carers
      ? `${plural(pm.carers, "carer")}: care runs towards ${who} from them on a live tie. ${pm.informal_carers} ${pm.informal_carers === 1 ? "is" : "are"} informal or voluntary (${pct(pm.informal_share)}), ${pm.formal_carers} formal. `
        + (pm.informal_carers ? `${pm.integrated_informal_carers} of the informal or voluntary carers ${pm.integrated_informal_carers === 1 ? "has" : "have"} an active tie to a formal carer: ${pm.integrated_informal_carers ? "informal and formal support are joined up there" : "informal and formal support do not meet"}.` : "")
      : `No one is recorded as caring for ${who} on a live tie.`),
    h("p", {}, evennessWords(pm)),
  ];
  if (page.target.kind === "member") parts.push(compareForm(page, pm, change, redraw));
  else parts.push(h("p", { class: "hint" }, "Comparing a care map over time is for members of the map."));
  parts.push(
    group(`Who cares for ${who}`, caresFor, "care-list-carers"),
    group("Care both ways", both, "care-list-both"),
    group(`Whom ${who} cares for`, caredFor, "care-list-cared"),
    group("Who else cares for those (outer ring)", pm.outer, "care-list-outer"),
  );
  mount(text, ...parts);
}

function compareForm(page: MapPage, pm: PersonMap, change: any | null, redraw: (change: any | null) => void): HTMLElement {
  const box = h("section", { class: "care-compare", "aria-labelledby": "care-compare-title" }, h("h3", { id: "care-compare-title" }, "Compare with an earlier version"));
  const select = h("select", { id: "care-against" }, h("option", { value: "date" }, "a date…"));
  const date = h("input", { id: "care-against-date", type: "date", max: new Date().toISOString().slice(0, 10), value: remembered.date, "aria-label": "Earlier date" });
  const dateBox = h("span", { class: "date-box" }, date);
  const sync = () => { dateBox.hidden = select.value !== "date"; };
  select.addEventListener("change", sync);
  const message = h("div", { id: "care-findings", role: "status" });
  const run = h("button", { type: "button", id: "care-compare", class: "primary" }, "Compare");
  run.addEventListener("click", async () => {
    const against = select.value === "date" ? date.value : select.value;
    if (!against) {
      mount(message, h("p", { class: "error-text" }, "Choose a snapshot or a date first."));
      return;
    }
    remembered.against = select.value;
    remembered.date = date.value;
    const q = versionQuery(page);
    run.disabled = true;
    try {
      const answer = await get(`/api/v1/maps/${(page.target as any).id}/people/${encodeURIComponent(pm.person.id)}/care-map?against=${encodeURIComponent(against)}${q ? `&${q}` : ""}`);
      redraw(answer.change);
    } catch (e) {
      mount(message, h("p", { class: "error-text", role: "alert" }, e instanceof ApiError ? e.message : String(e)));
    } finally {
      run.disabled = false;
    }
  });
  box.append(h("div", { class: "row" }, h("label", { for: "care-against" }, "Earlier version"), select, dateBox, run), message);
  void get(`/api/v1/maps/${(page.target as any).id}/snapshots`).then((answer) => {
    for (const s of answer.snapshots ?? []) select.insertBefore(h("option", { value: `snapshot:${s.name}` }, `snapshot “${s.name}”`), select.lastChild);
    if (remembered.against && [...select.options].some((o) => o.value === remembered.against)) select.value = remembered.against;
    else if (select.options.length > 1) select.selectedIndex = 0;
    sync();
  }).catch(() => sync());
  sync();
  if (change) {
    const lost = (change.lost_ties ?? []) as Ref[];
    mount(message,
      h("h4", {}, "What changed"),
      h("ul", { class: "findings" }, ...(change.findings as string[]).map((f) => h("li", {}, f))),
      lost.length ? h("p", {}, `Ties no longer there (not drawn): ${names(lost.map((r) => r.label), 8)}.`) : null,
      h("p", { class: "hint" }, `Before: ${plural(change.before.carers, "carer")}, evenness ${Number(change.before.evenness).toFixed(2)}. Now: ${plural(change.after.carers, "carer")}, evenness ${Number(change.after.evenness).toFixed(2)}.`),
      h("button", { type: "button", id: "care-compare-clear", onclick: () => redraw(null) }, "Clear the comparison"));
  }
  return box;
}
