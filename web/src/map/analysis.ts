// The analysis panel: every chapter in plain sentences with figures and charts; a figure's
// elements can be shown on the map. Downloads of the report and of every export format.

import { h, mount } from "../dom";
import type { MapPage } from "./view";

/** Opens the analysis panel. */
export function openAnalysis(page: MapPage): void {
  mount(page.side, h("h2", {}, "Analysis"), h("p", { class: "hint" }, "The analysis panel is coming."));
}
