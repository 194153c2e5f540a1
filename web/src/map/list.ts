// The list view: every element and relationship the map shows, as text (screen readers, small
// screens).

import { h, mount } from "../dom";
import type { MapPage } from "./view";

/** Opens the list view in the side panel. */
export function openList(page: MapPage): void {
  mount(page.side, h("h2", {}, "List"), h("p", { class: "hint" }, "The list view is coming."));
}
