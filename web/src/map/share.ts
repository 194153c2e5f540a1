// Sharing: publish a read-only public view (redacted by the server) and copy its embed code.

import { h, mount } from "../dom";
import type { MapPage } from "./view";

/** Opens the sharing panel (owners). */
export function openShare(page: MapPage): void {
  mount(page.side, h("h2", {}, "Share"), h("p", { class: "hint" }, "Sharing is coming."));
}
