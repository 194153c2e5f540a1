// Editing: forms to add, change and delete elements and connections, the vocabularies, undo.
// Every save names the version it read; a conflict is shown with both versions, never lost.

import { ApiError, del, get, post, put } from "../api";
import { h, mount, say } from "../dom";
import type { MapPage } from "./view";
import { conflictBox, enc, explain, mapRoot, merge, offerUndo, recentSeqs, reloadAndShow, Values, widen } from "./saving";

/** Categories whose elements are people (consent and a public name apply). */
export const PEOPLE = new Set(["individual active citizen", "care worker"]);
export const SECTORS = ["informal", "voluntary", "formal", "unknown"];
export const STATUSES: [string, string][] = [
  ["generative", "generative: care flows through it, both ways"],
  ["engaged", "engaged: a live tie, not yet carrying care"],
  ["loosely_engaged", "loosely engaged: occasional, light contact"],
  ["inactive", "inactive: exists on paper, dormant"],
  ["unclassified", "unclassified: not yet assessed"],
];

/** Viewers see why there is nothing to edit; true when the page may not edit. */
function viewerOnly(page: MapPage): boolean {
  if (page.canEdit && page.target.kind === "member") return false;
  mount(page.side, h("h2", {}, "Editing"),
    h("p", {}, "You can look at this map but not change it. An owner of the map can give you the editor role."));
  return true;
}

async function vocabulary(page: MapPage): Promise<{ categories: any[]; care_types: any[] }> {
  try {
    return await get(`${mapRoot(page)}/vocabulary`);
  } catch {
    return { categories: page.data.network.categories ?? [], care_types: page.data.network.care_types ?? [] };
  }
}

/** A labelled control, with an optional hint read with it. */
function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  if (hint) control.setAttribute("aria-describedby", `${id}-hint`);
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null);
}

const list = (text: string) => text.split(",").map((s) => s.trim()).filter(Boolean);

/** A group of checkboxes for a list of names (care types), with room for a new name. */
function checkList(id: string, legend: string, names: { name: string; hint?: string }[]) {
  const boxes = new Map<string, HTMLInputElement>();
  const grid = h("div", { class: "check-list" });
  const add = (name: string, hint?: string) => {
    if (boxes.has(name)) return;
    const box = h("input", { type: "checkbox", id: `${id}-${boxes.size}`, value: name });
    boxes.set(name, box);
    grid.append(h("label", { class: "check", for: box.id, title: hint ?? undefined }, box, h("span", {}, name)));
  };
  for (const n of names) add(n.name, n.hint);
  const other = h("input", { id: `${id}-other`, type: "text", autocomplete: "off" });
  const element = h("fieldset", { id, class: "checks" }, h("legend", {}, legend), grid,
    field(`${id}-other`, "Other (a new name; separate several with commas)", other));
  return {
    element,
    get: (): string[] => [...[...boxes].filter(([, b]) => b.checked).map(([n]) => n), ...list(other.value).filter((n) => !boxes.has(n))],
    set: (values: string[]) => {
      for (const v of values) add(v);
      for (const [n, b] of boxes) b.checked = values.includes(n);
      other.value = "";
    },
  };
}

/** What an editor form gives the shared save, conflict and delete logic. */
interface Form {
  noun: "element" | "connection";
  collection: "elements" | "connections";
  fields: [string, string][];
  element: HTMLFormElement;
  saveButton: HTMLButtonElement;
  first: HTMLElement;
  read(): Values;
  fill(v: Values): void;
  valuesOf(item: any): Values;
  toItem(base: any, v: Values): any;
  check(v: Values): string | null;
  /** The element whose profile to open after saving. */
  showAfter(item: any): string | null;
  title: string;
}

/** Mounts an editor form and runs it: save with If-Match, conflicts, delete, undo. */
function run(page: MapPage, form: Form, loaded: { item: any; version: number } | null, cancelTo: string | null): void {
  let base: any = loaded?.item ?? { id: "" };
  let version: number | null = loaded?.version ?? null;
  let original: Values = form.read();
  if (loaded) {
    original = form.valuesOf(loaded.item);
    form.fill(original);
  }
  const error = h("p", { class: "error-text", id: `${form.noun}-error`, role: "alert" });
  const conflictSlot = h("div", { class: "conflict-slot" });
  const confirmSlot = h("div", { class: "confirm-slot" });

  const showConflict = async () => {
    let theirs: { item: any; version: number } | null = null;
    try {
      theirs = await get(`${mapRoot(page)}/${form.collection}/${enc(base.id)}`);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) { error.textContent = explain(e); return; }
    }
    const mine = form.read();
    const theirsValues = theirs ? form.valuesOf(theirs.item) : null;
    const startedFrom = original;
    mount(conflictSlot, conflictBox({
      noun: form.noun, fields: form.fields, original: startedFrom, mine, theirs: theirsValues,
      onReapply: () => {
        if (theirs && theirsValues) {
          form.fill(merge(startedFrom, mine, theirsValues));
          base = theirs.item;
          version = theirs.version;
          original = theirsValues;
        } else {
          form.fill(mine);
          version = null; // it was deleted: save it again as a new one, under the same id
        }
        form.saveButton.focus();
      },
      onTheirs: () => {
        if (!theirs || !theirsValues) return;
        form.fill(theirsValues);
        base = theirs.item;
        version = theirs.version;
        original = theirsValues;
      },
    }));
    say(`Not saved: someone else changed this ${form.noun}. Both versions are shown.`, "error");
    document.getElementById("conflict-title")?.focus();
  };

  const save = async (ev: Event) => {
    ev.preventDefault();
    error.textContent = "";
    const values = form.read();
    const problem = form.check(values);
    if (problem) {
      error.textContent = problem;
      return;
    }
    const item = form.toItem(base, values);
    form.saveButton.disabled = true;
    try {
      const answer = version === null
        ? await post(`${mapRoot(page)}/${form.collection}`, item)
        : await put(`${mapRoot(page)}/${form.collection}/${enc(base.id)}`, item, version);
      const saved = answer.item;
      const seqs = await recentSeqs(page, new Set([saved.id]), 1);
      await reloadAndShow(page, form.showAfter(saved), true);
      const name = saved.label || `${labelOf(page, saved.from)} – ${labelOf(page, saved.to)}`;
      offerUndo(page, `${version === null ? "Added" : "Saved"} “${name}”.`, seqs);
      document.dispatchEvent(new CustomEvent("caremap:changed"));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === "conflict") await showConflict();
      else if (e instanceof ApiError && e.code === "duplicate" && version === null && base.id) {
        base = { ...base, id: "" }; // the old id was taken meanwhile: let the server make one
        error.textContent = "That id is taken now; press Save again to add it with a new id.";
      } else {
        const problems = e instanceof ApiError ? ((e.details as any)?.problems as string[] | undefined) : undefined;
        error.textContent = explain(e) + (problems?.length ? ` ${problems.slice(0, 5).join("; ")}` : "");
      }
    } finally {
      form.saveButton.disabled = false;
    }
  };
  form.element.addEventListener("submit", save);

  const remove = () => {
    if (!loaded || version === null) return;
    const related = form.noun === "element"
      ? page.data.network.connections.filter((c: any) => c.from === base.id || c.to === base.id).map((c: any) => c.id as string)
      : [];
    const name = form.noun === "element" ? base.label : `the connection ${labelOf(page, base.from)} – ${labelOf(page, base.to)}`;
    const yes = h("button", { type: "button", id: "confirm-delete", class: "danger" }, "Yes, delete");
    const no = h("button", { type: "button", id: "cancel-delete", onclick: () => mount(confirmSlot) }, "No, keep it");
    yes.addEventListener("click", async () => {
      yes.disabled = true;
      try {
        const cascade = related.length ? "?cascade=true" : "";
        await del(`${mapRoot(page)}/${form.collection}/${enc(base.id)}${cascade}`, version!);
        const seqs = await recentSeqs(page, new Set([base.id, ...related]), related.length + 1);
        await reloadAndShow(page, form.noun === "element" ? null : base.from, true);
        offerUndo(page, `Deleted ${form.noun === "element" ? `“${name}”` : name}${related.length ? ` and its ${related.length} connection${related.length === 1 ? "" : "s"}` : ""}.`, seqs);
        document.dispatchEvent(new CustomEvent("caremap:changed"));
      } catch (e) {
        mount(confirmSlot);
        if (e instanceof ApiError && e.status === 409) await showConflict();
        else error.textContent = explain(e);
      }
    });
    mount(confirmSlot, h("div", { class: "confirm", role: "group", "aria-labelledby": "confirm-text" },
      h("p", { id: "confirm-text" }, `Delete ${form.noun === "element" ? `“${name}”` : name}?` +
        (related.length ? ` Its ${related.length} connection${related.length === 1 ? "" : "s"} will be deleted too.` : "") +
        " You can undo it straight after."),
      h("div", { class: "actions compact" }, yes, no)));
    no.focus();
  };

  const cancel = () => {
    if (cancelTo && page.graph.hasNode(cancelTo)) page.select(cancelTo);
    else page.select(null);
  };
  const actions = h("div", { class: "actions" },
    form.saveButton,
    h("button", { type: "button", id: `cancel-${form.noun}`, onclick: cancel }, "Cancel"),
    loaded ? h("button", { type: "button", id: `delete-${form.noun}`, class: "danger", onclick: remove }, "Delete…") : null);
  form.element.append(error, actions, confirmSlot);
  mount(page.side, h("h2", { id: `${form.noun}-form-title` }, form.title), conflictSlot, form.element);
  form.first.focus();
}

function labelOf(page: MapPage, id: string): string {
  return page.data.network.elements.find((e: any) => e.id === id)?.label ?? id;
}

const setOrDrop = (item: any, key: string, value: unknown) => {
  const empty = value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length);
  if (empty) delete item[key];
  else item[key] = value;
};

const today = () => new Date().toISOString().slice(0, 10);

/** Opens the form of an element (an id) or of a new element (null). */
export async function editElement(page: MapPage, id: string | null): Promise<void> {
  if (viewerOnly(page)) return;
  mount(page.side, h("h2", {}, id ? "Edit element" : "New element"), h("p", { role: "status" }, "Loading…"));
  let loaded: { item: any; version: number } | null = null;
  let vocab: { categories: any[]; care_types: any[] };
  try {
    [loaded, vocab] = await Promise.all([
      id ? get(`${mapRoot(page)}/elements/${enc(id)}`) : Promise.resolve(null),
      vocabulary(page),
    ]);
  } catch (e) {
    mount(page.side, h("h2", {}, "Edit element"), h("p", { class: "error-text" }, explain(e)));
    return;
  }

  const label = h("input", { id: "element-label", type: "text", required: true, autocomplete: "off" });
  const category = h("select", { id: "element-category" }, h("option", { value: "" }, "(no category)"));
  const categoryNames = new Set<string>();
  const addCategory = (name: string, sector?: string) => {
    if (categoryNames.has(name)) return;
    categoryNames.add(name);
    category.append(h("option", { value: name }, sector ? `${name} (${sector})` : name));
  };
  for (const c of vocab.categories) addCategory(c.name, c.sector);
  const sector = h("select", { id: "element-sector" }, h("option", { value: "" }, "the category's sector"), ...SECTORS.map((s) => h("option", { value: s }, s)));
  const description = h("textarea", { id: "element-description", rows: 3 });
  const care = checkList("element-care-types", "Care offered", vocab.care_types.map((c: any) => ({ name: c.name, hint: c.definition })));
  const tags = h("input", { id: "element-tags", type: "text", autocomplete: "off" });
  const consent = h("input", { id: "element-consent", type: "checkbox" });
  const consentDate = h("input", { id: "element-consent-date", type: "date" });
  const consentBy = h("input", { id: "element-consent-by", type: "text", autocomplete: "off" });
  const displayName = h("input", { id: "element-display-name", type: "text", autocomplete: "off" });
  consent.addEventListener("change", () => {
    if (!consent.checked) return;
    if (!consentDate.value) consentDate.value = today();
    if (!consentBy.value && page.target.kind === "member") consentBy.value = page.target.user?.user?.display_name ?? "";
  });
  const person = h("fieldset", { id: "element-person", class: "person" },
    h("legend", {}, "A person: privacy"),
    h("label", { class: "check", for: "element-consent" }, consent, h("span", {}, "They have agreed to be named on this map")),
    field("element-consent-date", "Agreed on", consentDate),
    field("element-consent-by", "Recorded by", consentBy),
    field("element-display-name", "Public name", displayName, "Shown on public views when they have not agreed, for example their initials."));
  const showPerson = () => { person.hidden = !PEOPLE.has(category.value.toLowerCase()); };
  category.addEventListener("change", showPerson);

  const rows = h("div", { class: "pairs" });
  const addRow = (k = "", v = "") => {
    const n = rows.childElementCount;
    const key = h("input", { type: "text", id: `element-field-name-${n}`, "aria-label": `Detail ${n + 1}: name`, value: k, autocomplete: "off" });
    const value = h("input", { type: "text", id: `element-field-value-${n}`, "aria-label": `Detail ${n + 1}: value`, value: v, autocomplete: "off" });
    const row = h("div", { class: "pair" }, key, value,
      h("button", { type: "button", class: "icon", "aria-label": `Remove detail ${n + 1}`, onclick: () => row.remove() }, "×"));
    rows.append(row);
    return key;
  };
  const fieldsBox = h("fieldset", { id: "element-fields", class: "checks" }, h("legend", {}, "Other details (name and value)"), rows,
    h("button", { type: "button", id: "element-add-field", onclick: () => addRow().focus() }, "Add a detail"));

  const saveButton = h("button", { type: "submit", id: "save-element", class: "primary" }, id ? "Save" : "Add element");
  const element = h("form", { id: "element-form", class: "edit-form", novalidate: true },
    field("element-label", "Name", label),
    field("element-category", "Category", category),
    field("element-sector", "Sector", sector, "Leave as the category's unless this one differs."),
    field("element-description", "Description", description),
    care.element,
    field("element-tags", "Tags", tags, "Separate tags with commas."),
    person,
    fieldsBox);

  const read = (): Values => ({
    label: label.value.trim(),
    category: category.value,
    sector: sector.value,
    description: description.value.trim(),
    care_types: care.get(),
    tags: list(tags.value),
    consent: consent.checked,
    consent_date: consentDate.value,
    consent_by: consentBy.value.trim(),
    display_name: displayName.value.trim(),
    fields: [...rows.querySelectorAll(".pair")].map((r) => {
      const [k, v] = r.querySelectorAll("input");
      return [k.value.trim(), v.value.trim()];
    }).filter(([k]) => k),
  });
  const fill = (v: Values) => {
    label.value = String(v.label ?? "");
    if (v.category) addCategory(String(v.category));
    category.value = String(v.category ?? "");
    sector.value = String(v.sector ?? "");
    description.value = String(v.description ?? "");
    care.set((v.care_types as string[]) ?? []);
    tags.value = ((v.tags as string[]) ?? []).join(", ");
    consent.checked = !!v.consent;
    consentDate.value = String(v.consent_date ?? "");
    consentBy.value = String(v.consent_by ?? "");
    displayName.value = String(v.display_name ?? "");
    rows.replaceChildren();
    for (const [k, val] of (v.fields as [string, string][]) ?? []) addRow(k, val);
    showPerson();
  };
  const valuesOf = (item: any): Values => ({
    label: item.label ?? "",
    category: item.category ?? "",
    sector: item.sector ?? "",
    description: item.description ?? "",
    care_types: item.care_types ?? [],
    tags: item.tags ?? [],
    consent: !!item.consent?.given,
    consent_date: item.consent?.date ?? "",
    consent_by: item.consent?.recorded_by ?? "",
    display_name: item.display_name ?? "",
    fields: Object.entries(item.fields ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : String(v)]),
  });
  const toItem = (b: any, v: Values): any => {
    const item: any = { ...b };
    item.label = v.label;
    setOrDrop(item, "category", v.category);
    setOrDrop(item, "sector", v.sector);
    setOrDrop(item, "description", v.description);
    setOrDrop(item, "care_types", v.care_types);
    setOrDrop(item, "tags", v.tags);
    setOrDrop(item, "display_name", v.display_name);
    if (v.consent || v.consent_date || v.consent_by) {
      const c: any = { given: !!v.consent };
      if (v.consent_date) c.date = v.consent_date;
      if (v.consent_by) c.recorded_by = v.consent_by;
      item.consent = c;
    } else delete item.consent;
    const fields: Record<string, unknown> = {};
    for (const [k, val] of v.fields as [string, string][]) {
      const before = b.fields?.[k];
      // An unchanged list stays a list; everything else is text.
      fields[k] = Array.isArray(before) && before.join(", ") === val ? before : before !== undefined && String(before) === val ? before : val;
    }
    if (Object.keys(fields).length) item.fields = fields;
    else delete item.fields;
    return item;
  };
  fill(valuesOf({}));
  run(page, {
    noun: "element", collection: "elements",
    fields: [["label", "Name"], ["category", "Category"], ["sector", "Sector"], ["description", "Description"], ["care_types", "Care offered"],
      ["tags", "Tags"], ["consent", "Agreed to be named"], ["consent_date", "Agreed on"], ["consent_by", "Recorded by"],
      ["display_name", "Public name"], ["fields", "Other details"]],
    element, saveButton, first: label, read, fill, valuesOf, toItem,
    check: (v) => (v.label ? null : "Give the element a name."),
    showAfter: (item) => item.id,
    title: id ? `Edit ${loaded?.item.label ?? "element"}` : "New element",
  }, loaded, id ?? page.selected);
  if (!id) label.focus();
}

/** Opens the form of a connection (an id) or of a new one, maybe with its ends chosen. */
export async function editConnection(page: MapPage, id: string | null, preset: { from?: string; to?: string } = {}): Promise<void> {
  if (viewerOnly(page)) return;
  mount(page.side, h("h2", {}, id ? "Edit connection" : "New connection"), h("p", { role: "status" }, "Loading…"));
  let loaded: { item: any; version: number } | null = null;
  let vocab: { categories: any[]; care_types: any[] };
  try {
    [loaded, vocab] = await Promise.all([
      id ? get(`${mapRoot(page)}/connections/${enc(id)}`) : Promise.resolve(null),
      vocabulary(page),
    ]);
  } catch (e) {
    mount(page.side, h("h2", {}, "Edit connection"), h("p", { class: "error-text" }, explain(e)));
    return;
  }
  const elements = [...page.data.network.elements].sort((a: any, b: any) => a.label.localeCompare(b.label));
  const options = () => [h("option", { value: "" }, "(choose an element)"), ...elements.map((e: any) => h("option", { value: e.id }, e.label))];
  const from = h("select", { id: "connection-from", required: true }, ...options());
  const to = h("select", { id: "connection-to", required: true }, ...options());
  const direction = h("select", { id: "connection-direction" },
    h("option", { value: "directed" }, "one way: from → to"),
    h("option", { value: "mutual" }, "both ways (mutual)"),
    h("option", { value: "undirected" }, "no direction"));
  const status = h("select", { id: "connection-status" }, ...STATUSES.map(([v, t]) => h("option", { value: v }, t)));
  const care = checkList("connection-care", "Care flowing along it", vocab.care_types.map((c: any) => ({ name: c.name, hint: c.definition })));
  const paid = h("select", { id: "connection-paid" },
    h("option", { value: "" }, "not recorded"), h("option", { value: "gifted" }, "gifted (unpaid)"), h("option", { value: "paid" }, "paid"));
  const start = h("input", { id: "connection-start", type: "date" });
  const end = h("input", { id: "connection-end", type: "date" });
  const description = h("textarea", { id: "connection-description", rows: 3 });
  const saveButton = h("button", { type: "submit", id: "save-connection", class: "primary" }, id ? "Save" : "Add connection");
  const element = h("form", { id: "connection-form", class: "edit-form", novalidate: true },
    field("connection-from", "From", from),
    field("connection-to", "To", to),
    field("connection-direction", "Direction", direction),
    field("connection-status", "Status", status),
    care.element,
    field("connection-paid", "Gifted or paid", paid),
    h("div", { class: "field-row" }, field("connection-start", "Since", start), field("connection-end", "Until", end)),
    field("connection-description", "Description", description));

  const read = (): Values => ({
    from: from.value, to: to.value, direction: direction.value, status: status.value, care_flowing: care.get(),
    paid: paid.value, start: start.value, end: end.value, description: description.value.trim(),
  });
  const fill = (v: Values) => {
    from.value = String(v.from ?? "");
    to.value = String(v.to ?? "");
    direction.value = String(v.direction || "directed");
    status.value = String(v.status || "unclassified");
    care.set((v.care_flowing as string[]) ?? []);
    paid.value = String(v.paid ?? "");
    start.value = String(v.start ?? "");
    end.value = String(v.end ?? "");
    description.value = String(v.description ?? "");
  };
  const valuesOf = (item: any): Values => ({
    from: item.from ?? "", to: item.to ?? "", direction: item.direction ?? "directed", status: item.status ?? "unclassified",
    care_flowing: item.care_flowing ?? [], paid: item.paid === true ? "paid" : item.paid === false ? "gifted" : "",
    start: item.start ?? "", end: item.end ?? "", description: item.description ?? "",
  });
  const toItem = (b: any, v: Values): any => {
    const item: any = { ...b, from: v.from, to: v.to, direction: v.direction, status: v.status };
    setOrDrop(item, "care_flowing", v.care_flowing);
    if (v.paid === "paid") item.paid = true;
    else if (v.paid === "gifted") item.paid = false;
    else delete item.paid;
    setOrDrop(item, "start", v.start);
    setOrDrop(item, "end", v.end);
    setOrDrop(item, "description", v.description);
    return item;
  };
  fill(valuesOf({ from: preset.from ?? "", to: preset.to ?? "" }));
  run(page, {
    noun: "connection", collection: "connections",
    fields: [["from", "From"], ["to", "To"], ["direction", "Direction"], ["status", "Status"], ["care_flowing", "Care flowing"],
      ["paid", "Gifted or paid"], ["start", "Since"], ["end", "Until"], ["description", "Description"]],
    element, saveButton, first: from, read, fill, valuesOf, toItem,
    check: (v) => {
      if (!v.from || !v.to) return "Choose both ends of the connection.";
      if (v.from === v.to) return "Choose two different elements.";
      if (v.start && v.end && String(v.end) < String(v.start)) return "The end date is before the start date.";
      return null;
    },
    showAfter: (item) => item.from,
    title: id ? "Edit connection" : "New connection",
  }, loaded, preset.from ?? loaded?.item.from ?? page.selected);
  if (!id && preset.from && !preset.to) to.focus();
}

/** Opens the editor of the map's vocabularies: categories (with sectors) and care types. */
export async function editVocabulary(page: MapPage): Promise<void> {
  if (viewerOnly(page)) return;
  mount(page.side, h("h2", {}, "Categories and care types"), h("p", { role: "status" }, "Loading…"));
  let vocab: { categories: any[]; care_types: any[] };
  try {
    vocab = await get(`${mapRoot(page)}/vocabulary`);
  } catch (e) {
    mount(page.side, h("h2", {}, "Categories and care types"), h("p", { class: "error-text" }, explain(e)));
    return;
  }
  const catRows = h("div", { class: "vocab-rows", id: "vocabulary-categories" });
  const careRows = h("div", { class: "vocab-rows", id: "vocabulary-care-types" });
  const addCategory = (c: any = {}) => {
    const n = catRows.childElementCount + 1;
    const name = h("input", { type: "text", "aria-label": `Category ${n}: name`, value: c.name ?? "", "data-key": "name" });
    const sector = h("select", { "aria-label": `Category ${n}: sector`, "data-key": "sector" }, ...SECTORS.map((s) => h("option", { value: s }, s)));
    sector.value = c.sector ?? "unknown";
    const description = h("input", { type: "text", "aria-label": `Category ${n}: description`, value: c.description ?? "", "data-key": "description" });
    const row = h("div", { class: "vocab-row category-row" }, name, sector, description,
      h("button", { type: "button", class: "icon", "aria-label": `Remove category ${n}`, onclick: () => row.remove() }, "×"));
    catRows.append(row);
    return name;
  };
  const addCare = (c: any = {}) => {
    const n = careRows.childElementCount + 1;
    const name = h("input", { type: "text", "aria-label": `Care type ${n}: name`, value: c.name ?? "", "data-key": "name" });
    const definition = h("input", { type: "text", "aria-label": `Care type ${n}: definition`, value: c.definition ?? "", "data-key": "definition" });
    const row = h("div", { class: "vocab-row care-row" }, name, definition,
      h("button", { type: "button", class: "icon", "aria-label": `Remove care type ${n}`, onclick: () => row.remove() }, "×"));
    careRows.append(row);
    return name;
  };
  vocab.categories.forEach((c) => addCategory(c));
  vocab.care_types.forEach((c) => addCare(c));
  const problems = h("div", { id: "vocabulary-problems", role: "alert" });
  const saveButton = h("button", { type: "submit", id: "save-vocabulary", class: "primary" }, "Save the vocabulary");
  const form = h("form", { id: "vocabulary-form", class: "edit-form", novalidate: true },
    h("fieldset", { class: "checks" }, h("legend", {}, "Categories: name, sector, description"), catRows,
      h("button", { type: "button", id: "add-category", onclick: () => addCategory().focus() }, "Add a category")),
    h("fieldset", { class: "checks" }, h("legend", {}, "Care types: name and one-line definition"), careRows,
      h("button", { type: "button", id: "add-care-type", onclick: () => addCare().focus() }, "Add a care type")),
    problems,
    h("div", { class: "actions" }, saveButton,
      h("button", { type: "button", onclick: () => page.select(page.selected) }, "Cancel")));
  const rowValues = (rows: HTMLElement) => [...rows.children].map((row) => {
    const out: Record<string, string> = {};
    for (const input of row.querySelectorAll<HTMLInputElement | HTMLSelectElement>("[data-key]")) {
      const v = input.value.trim();
      if (v) out[input.dataset.key!] = v;
    }
    return out;
  }).filter((o) => Object.keys(o).length);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    mount(problems);
    const categories = rowValues(catRows);
    const care_types = rowValues(careRows);
    if ([...categories, ...care_types].some((x) => !x.name)) {
      mount(problems, h("p", { class: "error-text" }, "Every category and care type needs a name (or remove the row)."));
      return;
    }
    for (const [what, rows] of [["category", categories], ["care type", care_types]] as const) {
      const seen = new Set<string>();
      for (const r of rows) {
        const key = r.name.toLowerCase();
        if (seen.has(key)) {
          mount(problems, h("p", { class: "error-text" }, `The ${what} “${r.name}” is listed twice: remove one of them.`));
          return;
        }
        seen.add(key);
      }
    }
    saveButton.disabled = true;
    try {
      await put(`${mapRoot(page)}/vocabulary`, { categories, care_types });
      await reloadAndShow(page, page.selected, false);
      mount(problems, h("p", { class: "ok-text" }, "Saved: the map now uses this vocabulary."));
      say("The vocabulary is saved.");
      document.dispatchEvent(new CustomEvent("caremap:changed"));
    } catch (e) {
      const list = e instanceof ApiError ? ((e.details as any)?.problems as string[] | undefined) ?? [] : [];
      mount(problems,
        h("p", { class: "error-text" }, explain(e)),
        list.length ? h("ul", { class: "problems" }, ...list.map((p) => {
          // "element 'Name' (id) offers ...": offer to open that element's form.
          const m = p.match(/^element '.*?' \(([^)]+)\)/);
          return h("li", {}, p, m ? h("button", { type: "button", class: "small", "aria-label": `Edit the element named in: ${p}`, onclick: () => editElement(page, m[1]) }, "Edit it") : null);
        })) : null);
      say("The vocabulary was not saved.", "error");
    } finally {
      saveButton.disabled = false;
    }
  });
  const root = h("div", { class: "vocabulary" },
    h("h2", {}, "Categories and care types"),
    h("p", { class: "hint" }, "A name still used by an element or a connection cannot be removed or renamed here: change those first. If so, they are listed when you save."),
    form);
  mount(page.side, root);
  widen(page, root);
}
