// The app's entry: a small router over the address bar.
//   /                 the user's maps (or the login page)
//   /maps/{id}        a map
//   /public/{slug}    a published map, read-only and redacted by the server

import { me } from "./api";
import { loginView } from "./views/login";
import { mapsView } from "./views/maps";
import { mapView } from "./map/view";

export async function route(): Promise<void> {
  const app = document.getElementById("app")!;
  const path = location.pathname;
  const publicMatch = path.match(/^\/public\/([a-z0-9-]+)\/?$/);
  if (publicMatch) {
    await mapView(app, { kind: "public", slug: publicMatch[1] });
    return;
  }
  const user = await me();
  if (!user) {
    loginView(app);
    return;
  }
  const mapMatch = path.match(/^\/maps\/(\d+)\/?$/);
  if (mapMatch) {
    await mapView(app, { kind: "member", id: Number(mapMatch[1]), user });
    return;
  }
  await mapsView(app, user);
}

/** Goes to an address of the app without reloading the page. */
export function go(path: string): void {
  history.pushState(null, "", path);
  void route();
}

window.addEventListener("popstate", () => void route());
void route();
