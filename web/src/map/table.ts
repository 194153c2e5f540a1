// The table view: elements and connections, sortable, filterable, editable from the keyboard.
// Editors change a name, category or status in place (Enter saves, Escape cancels) and delete
// after a confirmation; each save names the version the table read, and a conflict shows both.

import { ApiError, del, get, put } from "../api";
import { h, mount, say } from "../dom";
import type { MapPage } from "./view";
import { markConnection, showOnMap } from "./filters";
import { editConnection, editElement, editVocabulary, STATUSES } from "./edit";
import { conflictBox, enc, explain, mapRoot, merge, offerUndo, recentSeqs, reloadAndShow, Values, widen } from "./saving";

type Tab = "elements" | "connections";
interface Row { item: any; version: number }
interface Column { key: string; title: string; value(r: Row): string; sortBy?(r: Row): string; numeric?: boolean; nowrap?: boolean }
interface Editing { id: string; base: any; version: number; original: Values; values: Values; conflict: HTMLElement | null }

const MAX_ROWS = 500;
const STATUS_WORDS = new Map(STATUSES.map(([v, t]) => [v, t.split(":")[0]]));

/** Opens the table view (in the side panel, widened). */
export async function openTable(page: MapPage, tab: Tab = "elements"): Promise<void> {
  if (page.target.kind !== "member") return;
  mount(page.side, h("h2", {}, "Table"), h("p", { role: "status" }, "Loading the table…"));
  let elements: Row[] = [];
  let connections: Row[] = [];
  let labels = new Map<string, string>();
  const fetchRows = async () => {
    const [e, c] = await Promise.all([get(`${mapRoot(page)}/elements`), get(`${mapRoot(page)}/connections`)]);
    elements = e.elements;
    connections = c.connections;
    labels = new Map();
  };
  try {
    await fetchRows();
  } catch (e) {
    mount(page.side, h("h2", {}, "Table"), h("p", { class: "error-text" }, explain(e)));
    return;
  }
  let categories: any[] = page.data.network.categories ?? [];

  const sort: Record<Tab, { key: string; ascending: boolean }> = {
    elements: { key: "label", ascending: true },
    connections: { key: "from", ascending: true },
  };
  let editing: Editing | null = null;
  let confirming: string | null = null;

  const labelOf = (id: string) => {
    if (labels.size !== elements.length) labels = new Map(elements.map((r) => [r.item.id, r.item.label]));
    return labels.get(id) ?? id;
  };
  const degree = () => {
    const d = new Map<string, number>();
    for (const { item: c } of connections) {
      d.set(c.from, (d.get(c.from) ?? 0) + 1);
      d.set(c.to, (d.get(c.to) ?? 0) + 1);
    }
    return d;
  };
  const sectorOf = (item: any) => item.sector || categories.find((c) => c.name === item.category)?.sector || "unknown";
  let degrees = degree();
  const columns: Record<Tab, Column[]> = {
    elements: [
      { key: "label", title: "Name", value: (r) => r.item.label },
      { key: "category", title: "Category", value: (r) => r.item.category ?? "" },
      { key: "sector", title: "Sector", value: (r) => sectorOf(r.item) },
      { key: "care", title: "Care offered", value: (r) => (r.item.care_types ?? []).join(", ") },
      { key: "degree", title: "Connections", value: (r) => String(degrees.get(r.item.id) ?? 0), numeric: true },
    ],
    connections: [
      { key: "from", title: "From", value: (r) => labelOf(r.item.from) },
      // The arrow says the direction: → one way, ↔ mutual, — no direction.
      { key: "to", title: "To", value: (r) => `${({ directed: "→", mutual: "↔", undirected: "—" } as any)[r.item.direction ?? "directed"] ?? ""} ${labelOf(r.item.to)}`, sortBy: (r) => labelOf(r.item.to) },
      { key: "status", title: "Status", value: (r) => STATUS_WORDS.get(r.item.status ?? "unclassified") ?? r.item.status },
      { key: "care", title: "Care flowing", value: (r) => (r.item.care_flowing ?? []).join(", ") },
      { key: "paid", title: "Gifted or paid", value: (r) => (r.item.paid === true ? "paid" : r.item.paid === false ? "gifted" : "") },
      { key: "start", title: "Since", value: (r) => r.item.start ?? "", nowrap: true },
    ],
  };

  const filter = h("input", { id: "table-filter", type: "search", autocomplete: "off", placeholder: "Type to filter the rows" });
  const tabButton = (t: Tab, text: string) => h("button", { type: "button", id: `table-tab-${t}`, "aria-pressed": t === tab ? "true" : "false", onclick: () => { tab = t; editing = null; confirming = null; render(); } }, text);
  const tabs = h("div", { class: "segmented", role: "group", "aria-label": "What the table shows" }, tabButton("elements", "Elements"), tabButton("connections", "Connections"));
  const summary = h("p", { class: "hint", id: "table-summary", role: "status" });
  const holder = h("div", { class: "table-scroll" });
  const root = h("div", { class: "table-view", id: "table-view" },
    h("div", { class: "table-head" },
      h("h2", {}, "Table"),
      page.canEdit ? h("div", { class: "actions compact" },
        h("button", { type: "button", id: "table-add-element", onclick: () => editElement(page, null) }, "Add element"),
        h("button", { type: "button", id: "table-add-connection", onclick: () => editConnection(page, null) }, "Add connection"),
        h("button", { type: "button", id: "edit-vocabulary", onclick: () => editVocabulary(page) }, "Categories and care types")) : null),
    page.canEdit ? null : h("p", { class: "hint" }, "You can read this map; only its editors and owners can change it."),
    h("div", { class: "table-tools" }, tabs, h("div", { class: "field inline" }, h("label", { for: "table-filter" }, "Filter"), filter)),
    summary,
    holder);

  const focusLater = (selector: string) => requestAnimationFrame(() => holder.querySelector<HTMLElement>(selector)?.focus());

  const refresh = async (focusSelector?: string) => {
    await fetchRows();
    categories = page.data.network.categories ?? categories;
    degrees = degree();
    render();
    if (focusSelector) focusLater(focusSelector);
  };

  // --- Inline editing -------------------------------------------------------------------------
  const valuesOf = (t: Tab, item: any): Values => (t === "elements" ? { label: item.label ?? "", category: item.category ?? "" } : { status: item.status ?? "unclassified" });
  const startEdit = (row: Row) => {
    editing = { id: row.item.id, base: row.item, version: row.version, original: valuesOf(tab, row.item), values: valuesOf(tab, row.item), conflict: null };
    confirming = null;
    render();
    focusLater(tab === "elements" ? "#inline-label" : "#inline-status");
  };
  const cancelEdit = () => {
    const id = editing?.id;
    editing = null;
    render();
    if (id) focusLater(`button[data-edit="${CSS.escape(id)}"]`);
  };
  const readInline = (): Values => {
    const v: Values = { ...editing!.values };
    const label = holder.querySelector<HTMLInputElement>("#inline-label");
    const category = holder.querySelector<HTMLSelectElement>("#inline-category");
    const status = holder.querySelector<HTMLSelectElement>("#inline-status");
    if (label) v.label = label.value.trim();
    if (category) v.category = category.value;
    if (status) v.status = status.value;
    return v;
  };
  const saveEdit = async () => {
    if (!editing) return;
    const ed = editing;
    ed.values = readInline();
    if (tab === "elements" && !ed.values.label) {
      say("Give the element a name.", "error");
      return;
    }
    const item: any = { ...ed.base, ...ed.values };
    if (tab === "elements" && !item.category) delete item.category;
    const collection = tab;
    try {
      await put(`${mapRoot(page)}/${collection}/${enc(ed.id)}`, item, ed.version);
      const seqs = await recentSeqs(page, new Set([ed.id]), 1);
      editing = null;
      await reloadAndShow(page, page.selected, false);
      await refresh(`button[data-edit="${CSS.escape(ed.id)}"]`);
      const name = tab === "elements" ? item.label : `${labelOf(item.from)} – ${labelOf(item.to)}`;
      offerUndo(page, `Saved “${name}”.`, seqs);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        let theirs: Row | null = null;
        try {
          theirs = await get(`${mapRoot(page)}/${collection}/${enc(ed.id)}`);
        } catch { theirs = null; }
        const theirsValues = theirs ? valuesOf(tab, theirs.item) : null;
        const mine = ed.values;
        const startedFrom = ed.original;
        ed.conflict = conflictBox({
          noun: tab === "elements" ? "element" : "connection",
          fields: tab === "elements" ? [["label", "Name"], ["category", "Category"]] : [["status", "Status"]],
          original: startedFrom, mine, theirs: theirsValues,
          onReapply: () => {
            if (!theirs || !theirsValues) { say("It was deleted: add it again from the Add button.", "error"); return; }
            ed.values = merge(startedFrom, mine, theirsValues);
            ed.base = theirs.item;
            ed.version = theirs.version;
            ed.original = theirsValues;
            const keep = ed.conflict;
            render();
            focusLater(tab === "elements" ? "#inline-label" : "#inline-status");
            void keep;
          },
          onTheirs: () => {
            editing = null;
            void refresh();
          },
        });
        render();
        say("Not saved: someone else changed it. Both versions are shown under the row.", "error");
        focusLater("#conflict-title");
      } else say(`Not saved: ${explain(e)}`, "error");
    }
  };

  // --- Deleting -------------------------------------------------------------------------------
  const remove = async (row: Row) => {
    const id = row.item.id;
    const related = tab === "elements" ? connections.filter((r) => r.item.from === id || r.item.to === id).map((r) => r.item.id as string) : [];
    const name = tab === "elements" ? `“${row.item.label}”` : `the connection ${labelOf(row.item.from)} – ${labelOf(row.item.to)}`;
    try {
      await del(`${mapRoot(page)}/${tab}/${enc(id)}${related.length ? "?cascade=true" : ""}`, row.version);
      const seqs = await recentSeqs(page, new Set([id, ...related]), related.length + 1);
      confirming = null;
      if (page.selected === id) page.selected = null;
      await reloadAndShow(page, page.selected, false);
      await refresh("#table-filter");
      offerUndo(page, `Deleted ${name}${related.length ? ` and its ${related.length} connection${related.length === 1 ? "" : "s"}` : ""}.`, seqs);
    } catch (e) {
      confirming = null;
      if (e instanceof ApiError && e.status === 409) {
        await refresh();
        say("Not deleted: someone changed it since the table was loaded. The table now shows the new version; check it and try again.", "error");
      } else say(`Not deleted: ${explain(e)}`, "error");
    }
  };

  // --- Rendering ------------------------------------------------------------------------------
  const render = () => {
    for (const t of ["elements", "connections"] as Tab[]) document.getElementById(`table-tab-${t}`)?.setAttribute("aria-pressed", t === tab ? "true" : "false");
    const cols = columns[tab];
    const rowsAll = tab === "elements" ? elements : connections;
    const wanted = filter.value.trim().toLowerCase();
    const rows = rowsAll.filter((r) => !wanted || cols.map((c) => c.value(r)).join(" ").toLowerCase().includes(wanted));
    const s = sort[tab];
    const col = cols.find((c) => c.key === s.key) ?? cols[0];
    rows.sort((a, b) => {
      const x = (col.sortBy ?? col.value)(a);
      const y = (col.sortBy ?? col.value)(b);
      const d = col.numeric ? Number(x) - Number(y) : x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
      return s.ascending ? d : -d;
    });
    summary.textContent = `${rows.length === rowsAll.length ? `${rows.length}` : `${rows.length} of ${rowsAll.length}`} ${tab}` +
      `${rows.length > MAX_ROWS ? `; the first ${MAX_ROWS} are listed, filter to find the others` : ""}, sorted by ${col.title.toLowerCase()} (${col.numeric ? (s.ascending ? "lowest first" : "highest first") : s.ascending ? "A to Z" : "Z to A"}).` +
      (tab === "connections" ? " Arrows: → one way, ↔ both ways (mutual), — no direction." : "");

    const head = h("tr", {}, ...cols.map((c) => {
      const sorted = c.key === s.key;
      return h("th", { scope: "col", "aria-sort": sorted ? (s.ascending ? "ascending" : "descending") : "none" },
        h("button", {
          type: "button", class: "sort", "data-sort": c.key, onclick: () => {
            if (sort[tab].key === c.key) sort[tab].ascending = !sort[tab].ascending;
            else sort[tab] = { key: c.key, ascending: !c.numeric };
            render();
            focusLater(`button[data-sort="${c.key}"]`);
          },
        }, c.title, h("span", { class: "sort-mark", "aria-hidden": "true" }, sorted ? (s.ascending ? " ▲" : " ▼") : "")));
    }), h("th", { scope: "col" }, "Actions"));

    const body = h("tbody");
    for (const row of rows.slice(0, MAX_ROWS)) {
      const item = row.item;
      const isEditing = editing?.id === item.id;
      const cells = cols.map((c) => {
        if (isEditing && tab === "elements" && c.key === "label") {
          return h("td", {}, h("input", { id: "inline-label", type: "text", value: String(editing!.values.label ?? ""), "aria-label": "Name", autocomplete: "off" }));
        }
        if (isEditing && tab === "elements" && c.key === "category") {
          const select = h("select", { id: "inline-category", "aria-label": "Category" }, h("option", { value: "" }, "(no category)"),
            ...categories.map((k: any) => h("option", { value: k.name }, k.name)));
          const current = String(editing!.values.category ?? "");
          if (current && !categories.some((k: any) => k.name === current)) select.append(h("option", { value: current }, current));
          select.value = current;
          return h("td", {}, select);
        }
        if (isEditing && tab === "connections" && c.key === "status") {
          const select = h("select", { id: "inline-status", "aria-label": "Status" }, ...STATUSES.map(([v]) => h("option", { value: v }, STATUS_WORDS.get(v)!)));
          select.value = String(editing!.values.status ?? "unclassified");
          return h("td", {}, select);
        }
        return c.key === (tab === "elements" ? "label" : "from") ? h("th", { scope: "row" }, c.value(row)) : h("td", { class: c.numeric ? "num" : c.nowrap ? "nowrap" : undefined }, c.value(row));
      });
      const name = tab === "elements" ? item.label : `${labelOf(item.from)} – ${labelOf(item.to)}`;
      const show = h("button", {
        type: "button", class: "small", "aria-label": `Show ${name} on the map`, onclick: () => {
          if (tab === "elements") { markConnection(page, null); showOnMap(page, item.id); }
          else { markConnection(page, item.id); showOnMap(page, item.from); }
          say(`${name} is shown on the map.`);
        },
      }, "Show");
      let actions: HTMLElement;
      if (isEditing) {
        actions = h("td", { class: "row-actions" },
          h("button", { type: "button", id: "inline-save", class: "small primary", onclick: () => void saveEdit() }, "Save"),
          h("button", { type: "button", id: "inline-cancel", class: "small", onclick: cancelEdit }, "Cancel"),
          h("button", {
            type: "button", class: "small", "aria-label": `All the fields of ${name}`,
            onclick: () => (tab === "elements" ? editElement(page, item.id) : editConnection(page, item.id)),
          }, "More…"));
      } else if (confirming === item.id) {
        const related = tab === "elements" ? degrees.get(item.id) ?? 0 : 0;
        actions = h("td", { class: "row-actions confirm" },
          h("span", { id: "row-confirm-text" }, `Delete ${tab === "elements" ? `“${item.label}”` : "this connection"}${related ? ` and its ${related} connection${related === 1 ? "" : "s"}` : ""}?`),
          h("button", { type: "button", id: "row-confirm-delete", class: "small danger", "aria-describedby": "row-confirm-text", onclick: () => void remove(row) }, "Yes, delete"),
          h("button", { type: "button", id: "row-cancel-delete", class: "small", onclick: () => { confirming = null; render(); focusLater(`button[data-delete="${CSS.escape(item.id)}"]`); } }, "No"));
      } else {
        actions = h("td", { class: "row-actions" }, show,
          page.canEdit ? h("button", { type: "button", class: "small", "data-edit": item.id, "aria-label": `Edit ${name}`, onclick: () => startEdit(row) }, "Edit") : null,
          page.canEdit ? h("button", { type: "button", class: "small danger", "data-delete": item.id, "aria-label": `Delete ${name}`, onclick: () => { confirming = item.id; editing = null; render(); focusLater("#row-cancel-delete"); } }, "Delete") : null);
      }
      const tr = h("tr", { "data-id": item.id, class: isEditing ? "editing" : undefined }, ...cells, actions);
      if (isEditing) {
        tr.addEventListener("keydown", (ev) => {
          if (ev.key === "Escape") { ev.preventDefault(); cancelEdit(); }
          else if (ev.key === "Enter" && (ev.target as HTMLElement).tagName !== "BUTTON") { ev.preventDefault(); void saveEdit(); }
        });
        tr.addEventListener("input", () => { if (editing) editing.values = readInline(); });
        tr.addEventListener("change", () => { if (editing) editing.values = readInline(); });
      }
      body.append(tr);
      if (isEditing && editing!.conflict) body.append(h("tr", { class: "conflict-row" }, h("td", { colspan: cols.length + 1 }, editing!.conflict)));
    }
    if (!rows.length) body.append(h("tr", {}, h("td", { colspan: cols.length + 1, class: "hint" }, "No row matches the filter.")));
    const caption = tab === "elements" ? "Elements of the map" : "Connections of the map";
    mount(holder, h("table", { id: `table-${tab}`, class: "data-table" },
      h("caption", { class: "visually-hidden" }, `${caption}. Select a column title to sort by it.`),
      h("thead", {}, head), body));
  };
  filter.addEventListener("input", () => render());

  // The table is wide: the side panel widens while it is open, and the map is resized.
  const onChanged = () => { if (!editing) void refresh(); };
  mount(page.side, root);
  render();
  document.addEventListener("caremap:changed", onChanged);
  widen(page, root, () => document.removeEventListener("caremap:changed", onChanged));
}
