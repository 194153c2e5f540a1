// The list view: every element and relationship the map shows, as text (screen readers, small
// screens). Each list is one tab stop: the arrow keys move within it, Home and End jump, Enter
// shows the item on the map.

import { h, mount, say } from "../dom";
import type { MapPage } from "./view";
import { markConnection, showOnMap } from "./filters";
import { editConnection } from "./edit";

const PAGE = 300;
const STATUS_WORDS: Record<string, string> = {
  generative: "generative", engaged: "engaged", loosely_engaged: "loosely engaged", inactive: "inactive", unclassified: "unclassified (not known)",
};

/** Lets the arrow keys move between the buttons of a list; only one of them is a tab stop. */
function roving(list: HTMLElement): void {
  list.addEventListener("keydown", (ev) => {
    const buttons = [...list.querySelectorAll<HTMLButtonElement>("button.list-item")];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    let next = at;
    if (ev.key === "ArrowDown") next = Math.min(buttons.length - 1, at + 1);
    else if (ev.key === "ArrowUp") next = Math.max(0, at - 1);
    else if (ev.key === "Home") next = 0;
    else if (ev.key === "End") next = buttons.length - 1;
    else if (ev.key === "PageDown") next = Math.min(buttons.length - 1, at + 10);
    else if (ev.key === "PageUp") next = Math.max(0, at - 10);
    else return;
    ev.preventDefault();
    buttons[at].tabIndex = -1;
    buttons[next].tabIndex = 0;
    buttons[next].focus();
  });
}

/** Opens the list view in the side panel. */
export function openList(page: MapPage): void {
  const net = page.data.network;
  const byId = new Map<string, any>(net.elements.map((e: any) => [e.id, e]));
  const degree = new Map<string, number>();
  for (const c of net.connections) {
    degree.set(c.from, (degree.get(c.from) ?? 0) + 1);
    degree.set(c.to, (degree.get(c.to) ?? 0) + 1);
  }
  const filtered = page.visible;

  const find = h("input", { id: "list-filter", type: "search", autocomplete: "off", placeholder: "Name, category, care type…" });
  const onlyShown = h("input", { id: "list-only-shown", type: "checkbox" });
  onlyShown.checked = !!filtered;
  const profileButton = h("button", { type: "button", id: "list-open-profile", disabled: true }, "Open the profile");
  const editButton = page.canEdit ? h("button", { type: "button", id: "list-edit-connection", hidden: true }, "Edit this connection") : null;
  const elementsList = h("ul", { id: "list-elements", class: "item-list", "aria-labelledby": "list-elements-title" });
  const connectionsList = h("ul", { id: "list-connections", class: "item-list", "aria-labelledby": "list-connections-title" });
  const elementsTitle = h("h3", { id: "list-elements-title" });
  const connectionsTitle = h("h3", { id: "list-connections-title" });
  roving(elementsList);
  roving(connectionsList);

  let chosenElement: string | null = page.selected;
  let chosenConnection: string | null = null;
  const mark = () => {
    for (const b of page.side.querySelectorAll<HTMLButtonElement>("button.list-item")) {
      const on = b.dataset.id === (b.dataset.kind === "element" ? chosenElement : chosenConnection);
      b.setAttribute("aria-pressed", on ? "true" : "false");
    }
    profileButton.disabled = !chosenElement;
    profileButton.textContent = chosenElement ? `Open the profile of ${byId.get(chosenElement)?.label ?? ""}` : "Open the profile";
    if (editButton) editButton.hidden = !chosenConnection;
  };
  profileButton.addEventListener("click", () => { if (chosenElement) page.select(chosenElement); });
  editButton?.addEventListener("click", () => { if (chosenConnection) void editConnection(page, chosenConnection); });

  const elementText = (e: any) => {
    const sector = page.data.sectorOf.get(e.id) ?? "unknown";
    const parts = [e.category || "no category", `${sector} sector`, `${degree.get(e.id) ?? 0} connection${degree.get(e.id) === 1 ? "" : "s"}`];
    if (e.care_types?.length) parts.push(`offers ${e.care_types.join(", ")}`);
    return parts.join(" · ");
  };
  const connectionText = (c: any) => {
    const parts = [STATUS_WORDS[c.status ?? "unclassified"] ?? c.status];
    if (c.care_flowing?.length) parts.push(`care: ${c.care_flowing.join(", ")}`);
    if (c.paid === true) parts.push("paid");
    else if (c.paid === false) parts.push("gifted");
    if (c.start) parts.push(`since ${c.start}`);
    if (c.end) parts.push(`until ${c.end}`);
    return parts.join(" · ");
  };
  const ends = (c: any) => {
    const a = byId.get(c.from)?.label ?? c.from;
    const b = byId.get(c.to)?.label ?? c.to;
    return c.direction === "directed" ? `${a} → ${b}` : `${a} ↔ ${b}`;
  };

  let limit = PAGE;
  const render = () => {
    const wanted = find.value.trim().toLowerCase();
    const shown = (id: string) => !onlyShown.checked || !page.visible || page.visible.has(id);
    const elements = net.elements.filter((e: any) => shown(e.id) && (!wanted || `${e.label} ${elementText(e)}`.toLowerCase().includes(wanted)));
    const connections = net.connections.filter((c: any) => shown(c.from) && shown(c.to) && (!wanted || `${ends(c)} ${connectionText(c)}`.toLowerCase().includes(wanted)));
    elementsTitle.textContent = `Elements (${elements.length}${elements.length !== net.elements.length ? ` of ${net.elements.length}` : ""})`;
    connectionsTitle.textContent = `Relationships (${connections.length}${connections.length !== net.connections.length ? ` of ${net.connections.length}` : ""})`;
    const fill = (list: HTMLElement, items: any[], kind: "element" | "connection") => {
      list.replaceChildren();
      items.slice(0, limit).forEach((x, i) => {
        const title = kind === "element" ? x.label : ends(x);
        const meta = kind === "element" ? elementText(x) : connectionText(x);
        const button = h("button", { type: "button", class: "list-item", "data-id": x.id, "data-kind": kind, tabindex: i === 0 ? "0" : "-1" },
          h("span", { class: "item-title" }, title), h("span", { class: "item-meta" }, meta));
        button.addEventListener("click", () => {
          for (const b of list.querySelectorAll<HTMLButtonElement>("button.list-item")) b.tabIndex = -1;
          button.tabIndex = 0;
          if (kind === "element") {
            chosenElement = x.id;
            chosenConnection = null;
            markConnection(page, null);
            showOnMap(page, x.id);
            say(`${x.label} is selected on the map.`);
          } else {
            chosenConnection = x.id;
            chosenElement = x.from;
            markConnection(page, x.id);
            showOnMap(page, x.from);
            say(`The relationship ${title} is marked on the map.`);
          }
          mark();
        });
        list.append(h("li", {}, button));
      });
      if (items.length > limit) {
        list.append(h("li", { class: "more" }, h("button", {
          type: "button", onclick: () => { limit += PAGE; render(); },
        }, `Show ${Math.min(PAGE, items.length - limit)} more (${items.length - limit} not listed yet)`)));
      }
      if (!items.length) list.append(h("li", { class: "hint" }, "Nothing matches."));
    };
    fill(elementsList, elements, "element");
    fill(connectionsList, connections, "connection");
    mark();
  };
  find.addEventListener("input", () => { limit = PAGE; render(); });
  onlyShown.addEventListener("change", () => { limit = PAGE; render(); });

  mount(page.side,
    h("h2", {}, "List"),
    h("p", { class: "hint" }, "Everything the map shows, as text. In a list, the arrow keys move and Enter shows the item on the map."),
    h("div", { class: "field" }, h("label", { for: "list-filter" }, "Find in the list"), find),
    filtered ? h("label", { class: "check", for: "list-only-shown" }, onlyShown, h("span", {}, "Only what the map shows now (filters are on)")) : null,
    h("div", { class: "actions compact" }, profileButton, editButton),
    h("section", { id: "list-view", "aria-label": "List view" },
      elementsTitle, elementsList,
      connectionsTitle, connectionsList));
  render();
}
