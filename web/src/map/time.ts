// Time: a date slider showing the map as it was, comparing two dates or snapshots with the
// changed ties marked, and taking a named snapshot.

import { h, mount } from "../dom";
import type { MapPage } from "./view";

/** Opens the time panel. */
export function openTime(page: MapPage): void {
  mount(page.side, h("h2", {}, "Time"), h("p", { class: "hint" }, "The time panel is coming."));
}
