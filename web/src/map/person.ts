// A person's care map: the rings view of one element, and its comparison between two dates.

import { h, mount } from "../dom";
import type { MapPage } from "./view";

/** Opens the care map of an element. */
export function openPerson(page: MapPage, id: string): void {
  mount(page.side, h("h2", {}, "Care map"), h("p", { class: "hint" }, `The care map of ${id} is coming.`));
}
