// What every edit shares: the map's address, reloading the map after a change, finding the
// history entries a change made, offering to undo them, and showing an edit conflict with both
// versions side by side (the server's and the user's unsaved values), so nothing typed is lost.

import { ApiError, get, post } from "../api";
import { h, mount, say } from "../dom";
import type { MapPage } from "./view";

/** The map's API address (members only: public views cannot change anything). */
export function mapRoot(page: MapPage): string {
  if (page.target.kind !== "member") throw new Error("a public view cannot be changed");
  return `/api/v1/maps/${page.target.id}`;
}

export const enc = encodeURIComponent;

/** A sentence for an error of the API. */
export function explain(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 403) return "Only editors and owners can change this map.";
    return e.message.charAt(0).toUpperCase() + e.message.slice(1);
  }
  return "The server could not be reached; nothing was saved.";
}

/** Widens the side panel while `root` is shown in it (tables and long forms), and resizes the map. */
export function widen(page: MapPage, root: HTMLElement, onClose?: () => void): void {
  const resize = () => requestAnimationFrame(() => { page.sigma.resize(); page.sigma.refresh(); });
  root.dataset.wide = "true";
  page.side.classList.add("wide");
  resize();
  const observer = new MutationObserver(() => {
    if (page.side.contains(root)) return;
    if (!page.side.querySelector("[data-wide]")) page.side.classList.remove("wide");
    observer.disconnect();
    onClose?.();
    resize();
  });
  observer.observe(page.side, { childList: true });
}

/** Reloads the map after a change; shows `id`'s profile when asked (and when it still exists). */
export async function reloadAndShow(page: MapPage, id: string | null, openProfile: boolean): Promise<void> {
  // The reducers look at the selected and hovered elements: clear them while the graph changes.
  page.selected = null;
  page.hovered = null;
  const before = new Map<string, { x: number; y: number }>();
  page.graph.forEachNode((node, attrs) => before.set(node, { x: attrs.x, y: attrs.y }));
  await page.reload();
  keepPlaces(page, before);
  const exists = id !== null && page.graph.hasNode(id);
  if (openProfile) page.select(exists ? id : null);
  else {
    page.selected = exists ? id : null;
    page.sigma.refresh();
  }
}

/**
 * Keeps every element where it was drawn before the reload (the server lays out elements that
 * have no saved place afresh, which would move everything after each edit); a new element goes
 * next to its neighbours.
 */
function keepPlaces(page: MapPage, before: Map<string, { x: number; y: number }>): void {
  if (!before.size) return;
  const graph = page.graph;
  for (const e of page.data.network.elements) {
    let p = before.get(e.id);
    if (!p) {
      const near = graph.hasNode(e.id) ? graph.neighbors(e.id).map((n) => before.get(n)).filter((q): q is { x: number; y: number } => !!q) : [];
      if (!near.length) continue;
      const spread = 15;
      p = {
        x: near.reduce((s, q) => s + q.x, 0) / near.length + spread * Math.cos(e.label.length),
        y: near.reduce((s, q) => s + q.y, 0) / near.length + spread * Math.sin(e.label.length),
      };
    }
    if (!e.position) e.position = { ...p };
    if (graph.hasNode(e.id)) {
      graph.setNodeAttribute(e.id, "x", e.position.x);
      graph.setNodeAttribute(e.id, "y", e.position.y);
    }
  }
  page.sigma.refresh();
}

/**
 * The history entries of the latest change to these items (newest first in the history, returned
 * oldest first), found right after saving them.
 */
export async function recentSeqs(page: MapPage, ids: Set<string>, count: number): Promise<number[]> {
  try {
    const answer = await get(`${mapRoot(page)}/history?limit=${Math.min(10000, count + 20)}`);
    const seen = new Set<string>();
    const seqs: number[] = [];
    for (const entry of answer.history ?? []) {
      if (!ids.has(entry.item_id) || seen.has(entry.item_id)) continue;
      seen.add(entry.item_id);
      seqs.push(entry.seq);
      if (seen.size === ids.size) break;
    }
    return seqs.sort((a, b) => a - b);
  } catch {
    return [];
  }
}

/** Shows a short message over the map with an Undo button for the change just made. */
export function offerUndo(page: MapPage, text: string, seqs: number[]): void {
  say(text);
  const stage = document.querySelector(".stage");
  if (!stage) return;
  let bar = document.getElementById("undo-bar");
  if (!bar) {
    bar = h("div", { id: "undo-bar", class: "undo-bar", role: "status" });
    stage.append(bar);
  }
  const dismiss = h("button", { type: "button", class: "icon", "aria-label": "Close this message", onclick: () => bar!.remove() }, "×");
  const message = h("span", {}, text);
  if (!seqs.length || !page.canEdit) {
    mount(bar, message, dismiss);
    return;
  }
  const undo = h("button", { type: "button", id: "undo", class: "primary" }, "Undo");
  undo.addEventListener("click", async () => {
    undo.disabled = true;
    try {
      // Undo the newest first: a deleted element comes back before its connections.
      for (const seq of [...seqs].sort((a, b) => b - a)) await post(`${mapRoot(page)}/history/${seq}/undo`);
      // A profile or the overview is redrawn with the new data; a form or a table is left as it is.
      const showingProfile = !page.side.querySelector("form, table");
      await reloadAndShow(page, page.selected, showingProfile);
      mount(bar!, h("span", {}, `Undone: ${text}`), dismiss);
      say(`Undone: ${text}`);
      document.dispatchEvent(new CustomEvent("caremap:changed"));
    } catch (e) {
      const why = e instanceof ApiError && e.status === 409
        ? "It cannot be undone: someone changed it since."
        : `It could not be undone: ${explain(e)}`;
      mount(bar!, h("span", { class: "error-text" }, why), dismiss);
      say(why, "error");
    }
  });
  mount(bar, message, undo, dismiss);
}

/** A value of a form, as a person reads it. */
export function show(v: unknown): string {
  if (v === undefined || v === null || v === "") return "(empty)";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (Array.isArray(v)) {
    if (!v.length) return "(none)";
    return v.map((x) => (Array.isArray(x) ? `${x[0]}: ${x[1]}` : String(x))).join(", ");
  }
  return String(v);
}

export const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export type Values = Record<string, unknown>;

/** Takes the user's changes (what differs from what they started from) onto the server's values. */
export function merge(original: Values, mine: Values, theirs: Values): Values {
  const out: Values = { ...theirs };
  for (const k of Object.keys(mine)) if (!same(mine[k], original[k])) out[k] = mine[k];
  return out;
}

export interface ConflictView {
  noun: string;
  fields: [string, string][];
  original: Values;
  mine: Values;
  /** The server's values now, or null when it was deleted. */
  theirs: Values | null;
  onReapply(): void;
  onTheirs(): void;
}

/** The conflict panel: what the server has now beside the user's unsaved values, and the choices. */
export function conflictBox(c: ConflictView): HTMLElement {
  const rows = h("tbody");
  for (const [k, label] of c.fields) {
    const theirs = c.theirs ? c.theirs[k] : undefined;
    if (c.theirs && same(theirs, c.mine[k])) continue;
    const youChanged = !same(c.mine[k], c.original[k]);
    const theyChanged = c.theirs ? !same(theirs, c.original[k]) : false;
    const who = youChanged && theyChanged ? "both of you changed it" : youChanged ? "you changed it" : theyChanged ? "they changed it" : "";
    rows.append(h("tr", {},
      h("th", { scope: "row" }, label, who ? h("span", { class: "hint block" }, who) : null),
      h("td", {}, c.theirs ? show(theirs) : "(deleted)"),
      h("td", {}, show(c.mine[k]))));
  }
  const note = h("p", { class: "conflict-note", role: "status" });
  const box = h("section", { id: "conflict", class: "conflict", "aria-labelledby": "conflict-title" },
    h("h3", { id: "conflict-title", tabindex: "-1" }, c.theirs ? `Someone else saved this ${c.noun} while you were editing` : `Someone else deleted this ${c.noun} while you were editing`),
    h("p", {}, "Nothing is lost: your values are still in the form. Compare them with what is saved now, then choose."),
    h("div", { class: "table-scroll" },
      h("table", { class: "compare" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Field"), h("th", { scope: "col" }, "Saved now"), h("th", { scope: "col" }, "Yours, not saved"))),
        rows)),
    h("div", { class: "actions compact" },
      h("button", { type: "button", id: "conflict-reapply", class: "primary", onclick: () => { c.onReapply(); note.textContent = c.theirs ? "Your changes are now on top of the saved version. Check the form, then press Save." : "Press Save to add yours again as a new one."; } },
        c.theirs ? "Put my changes on the saved version" : `Keep mine as a new ${c.noun}`),
      c.theirs ? h("button", { type: "button", id: "conflict-theirs", onclick: () => { c.onTheirs(); note.textContent = "The form now shows the saved version. Your values stay in the table above until you close the form."; } }, "Use the saved version") : null),
    note);
  return box;
}
