// The user's maps, and making a new one (empty, from the demo, or from a file).

import { ApiError, call, get, post } from "../api";
import { h, mount } from "../dom";
import { go, route } from "../main";

export async function mapsView(app: HTMLElement, user: any): Promise<void> {
  const { maps } = await get("/api/v1/maps");
  const list = h("ul", { class: "map-list", "aria-label": "Your maps" });
  for (const m of maps) {
    list.append(
      h("li", {},
        h("a", { href: `/maps/${m.id}`, onclick: (e: Event) => { e.preventDefault(); go(`/maps/${m.id}`); } }, m.name),
        h("span", { class: "role" }, ` ${m.role}`),
      ),
    );
  }
  if (!maps.length) list.append(h("li", {}, "You are not a member of any map yet. Make one below."));

  const name = h("input", { id: "new-map-name", required: true, placeholder: "e.g. Larkspur Vale care network" });
  const file = h("input", { id: "new-map-file", type: "file", accept: ".xlsx,.csv,.json,.gexf,.graphml" });
  const message = h("div", { id: "new-map-message", role: "status" });
  const form = h(
    "form",
    { class: "card", "aria-labelledby": "new-map-title" },
    h("h2", { id: "new-map-title" }, "New map"),
    h("label", { for: "new-map-name" }, "Name"),
    name,
    h("label", { for: "new-map-file" }, "Start from a file (optional: Kumu spreadsheet, CSV, GEXF, GraphML, JSON)"),
    file,
    message,
    h("button", { type: "submit", class: "primary" }, "Create map"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.textContent = "";
    try {
      const made = await post("/api/v1/maps", { name: name.value });
      const chosen = file.files?.[0];
      if (chosen) {
        const result = await call("POST", `/api/v1/maps/${made.id}/import?filename=${encodeURIComponent(chosen.name)}`, {
          raw: chosen,
          headers: { "content-type": "application/octet-stream" },
        });
        if (result.warnings?.length) {
          sessionStorage.setItem(`caremap-warnings-${made.id}`, JSON.stringify(result.warnings));
        }
      }
      go(`/maps/${made.id}`);
    } catch (e) {
      message.textContent = e instanceof ApiError ? e.message : String(e);
      message.className = "error-text";
    }
  });

  const logout = h("button", { type: "button", onclick: async () => { await post("/api/v1/logout"); await route(); } }, "Sign out");
  mount(
    app,
    h("header", { class: "topbar" }, h("strong", {}, "caremap"), h("span", {}, `${user.user.display_name}`), logout),
    h("main", { class: "page" }, h("h1", {}, "Your maps"), list, form),
  );
}
