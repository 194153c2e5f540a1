// Exploring: filters (category, sector, status, care type, team, community), focus on an
// element and its neighbours to N steps, showcase, bridges and brokers, suggested introductions.

import { h, mount } from "../dom";
import type { MapPage } from "./view";

/** Opens the explore panel in the side panel. */
export function openFilters(page: MapPage): void {
  mount(page.side, h("h2", {}, "Explore"), h("p", { class: "hint" }, "Filters are coming."));
}
