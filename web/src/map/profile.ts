// The side panel: the profile of the selected element (fields, care types, connections), or
// an overview of the map when nothing is selected.

import { get } from "../api";
import { h, mount } from "../dom";
import type { MapPage } from "./view";
import { editConnection, editElement } from "./edit";
import { openPerson } from "./person";

export function profile(page: MapPage, id: string | null): void {
  const net = page.data.network;
  if (!id) {
    const a = page.data.analysis;
    mount(page.side,
      h("h2", {}, "About this map"),
      net.description ? h("p", {}, net.description) : null,
      h("p", {}, `${net.elements.length} elements, ${net.connections.length} connections${net.as_of ? `, as of ${net.as_of}` : ""}.`),
      a?.membership?.summary ? h("p", {}, a.membership.summary) : null,
      h("p", { class: "hint" }, "Click an element to see its profile; hover to see its neighbours."));
    return;
  }
  const e = net.elements.find((x: any) => x.id === id);
  if (!e) return;
  const m = page.data.metrics.get(id);
  const byId = new Map(net.elements.map((x: any) => [x.id, x]));
  const ties = net.connections.filter((c: any) => c.from === id || c.to === id);
  const rows: [string, string][] = [
    ["Category", e.category || "none"],
    ["Sector", page.data.sectorOf.get(id) ?? "unknown"],
  ];
  if (e.care_types?.length) rows.push(["Care offered", e.care_types.join(", ")]);
  if (e.tags?.length) rows.push(["Tags", e.tags.join(", ")]);
  if (e.start) rows.push(["Since", e.start]);
  for (const [k, v] of Object.entries(e.fields ?? {})) rows.push([k, Array.isArray(v) ? v.join(", ") : String(v)]);
  if (m) rows.push(["Connections", String(m.degree)], ["Community", String(m.community + 1)]);
  const list = h("ul", { class: "ties", "aria-label": "Connections" });
  for (const c of ties) {
    const other: any = byId.get(c.from === id ? c.to : c.from);
    const arrow = c.direction === "directed" ? (c.from === id ? "→" : "←") : "↔";
    list.append(h("li", {},
      h("button", { type: "button", class: "link", onclick: () => page.select(other?.id ?? null) }, `${arrow} ${other?.label ?? "?"}`),
      h("span", { class: `status-${c.status}` }, ` ${String(c.status).replace("_", " ")}`),
      c.care_flowing?.length ? h("span", { class: "hint" }, ` · ${c.care_flowing.join(", ")}`) : null,
      page.canEdit ? h("button", { type: "button", class: "small tie-edit", "aria-label": `Edit the connection with ${other?.label ?? "?"}`, onclick: () => editConnection(page, c.id) }, "Edit") : null));
  }
  const history = page.target.kind === "member" && !page.asOf
    ? h("section", { id: "profile-history", "aria-labelledby": "profile-history-title" },
      h("h3", { id: "profile-history-title" }, "History"), h("p", { class: "hint" }, "Reading the history…"))
    : null;
  mount(page.side,
    h("h2", { id: "profile-title" }, e.label),
    e.description ? h("p", {}, e.description) : null,
    h("dl", { class: "fields" }, ...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
    h("h3", {}, `Connections (${ties.length})`),
    list,
    h("div", { class: "actions" },
      h("button", { type: "button", id: "open-care-map", onclick: () => openPerson(page, id) }, "Care map"),
      page.canEdit ? h("button", { type: "button", id: "edit-element", onclick: () => editElement(page, id) }, "Edit") : null,
      page.canEdit ? h("button", { type: "button", id: "add-connection", onclick: () => editConnection(page, null, { from: id }) }, "Add connection") : null,
      h("button", { type: "button", onclick: () => page.select(null) }, "Close")),
    history);
  if (history && page.target.kind === "member") void fillHistory(history, page.target.id, id);
}

/** Words for the fields of an element, as a change names them. */
const FIELD_WORDS: Record<string, string> = {
  label: "name", category: "category", sector: "sector", description: "description", care_types: "care offered",
  tags: "tags", position: "place on the map", consent: "consent", display_name: "public name", fields: "other details",
  start: "start date", end: "end date", email: "email", url: "web address", image: "picture", location: "location",
  address: "address",
};

/** Who made a change, in words: the account's email, or "the demo". */
function actorWords(actor: string): string {
  const m = actor.match(/<([^>]+)>/);
  return m ? m[1] : actor === "demo" ? "the demo" : actor;
}

/** The element's latest changes, newest first, in the profile. */
async function fillHistory(box: HTMLElement, map: number, id: string): Promise<void> {
  let rows: any[];
  try {
    rows = (await get(`/api/v1/maps/${map}/history?element=${encodeURIComponent(id)}&limit=10`)).history;
  } catch {
    mount(box, h("h3", { id: "profile-history-title" }, "History"), h("p", { class: "hint" }, "The history could not be read."));
    return;
  }
  if (!box.isConnected) return;
  const list = h("ol", { class: "history-list", reversed: true });
  for (const r of rows) {
    const when = new Date(r.at).toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
    let what: string;
    if (r.kind === "create") what = "added";
    else if (r.kind === "delete") what = "deleted";
    else if (r.kind === "erase") what = "erased";
    else {
      const before = r.before ?? {};
      const after = r.after ?? {};
      const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])]
        .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
        .map((k) => FIELD_WORDS[k] ?? k);
      what = changed.length ? `changed: ${changed.join(", ")}` : "saved unchanged";
    }
    list.append(h("li", {}, h("span", { class: "history-when" }, when), ` ${what}, by ${actorWords(r.actor)}`));
  }
  mount(box, h("h3", { id: "profile-history-title" }, "History"),
    rows.length ? list : h("p", { class: "hint" }, "No change recorded."),
    rows.length === 10 ? h("p", { class: "hint" }, "The ten latest changes.") : null);
}
