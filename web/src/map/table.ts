// The table view: elements and connections, sortable, filterable, editable from the keyboard.

import { h, mount } from "../dom";
import type { MapPage } from "./view";

/** Opens the table view. */
export function openTable(page: MapPage): void {
  mount(page.side, h("h2", {}, "Table"), h("p", { class: "hint" }, "The table view is coming."));
}
