// Editing: forms to add, change and delete elements and connections, the vocabularies, undo.
// Every save names the version it read; a conflict is shown with both versions, never lost.

import { h, mount } from "../dom";
import type { MapPage } from "./view";

/** Opens the form of an element (an id) or of a new element (null). */
export function editElement(page: MapPage, id: string | null): void {
  mount(page.side, h("h2", {}, id ? "Edit element" : "New element"), h("p", { class: "hint" }, "Editing is coming."));
}
