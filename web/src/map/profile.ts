// The side panel: the profile of the selected element (fields, care types, connections), or
// an overview of the map when nothing is selected.

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
      h("button", { type: "button", onclick: () => page.select(null) }, "Close")));
}
