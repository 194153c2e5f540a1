// The user's maps, and making a new one: empty, a copy of the demo, or from a file that is read
// and checked first, so its warnings are shown before anything is saved.

import { ApiError, call, del, get, patch, post } from "../api";
import { h, mount } from "../dom";
import { go, route } from "../main";

interface Finding {
  place: string;
  message: string;
}

/** What `/api/v1/import/check` says of a file. */
interface FileCheck {
  format: string;
  name: string;
  elements: number;
  connections: number;
  warnings: Finding[];
  problems: Finding[];
}

const FORMAT_NAMES: Record<string, string> = {
  "kumu-xlsx": "Kumu spreadsheet",
  "kumu-csv": "Kumu CSV",
  "kumu-json": "Kumu JSON",
  gexf: "GEXF (Gephi)",
  graphml: "GraphML",
  graphology: "graphology JSON",
  "gephi-csv": "Gephi CSV",
  caremap: "caremap JSON",
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** A list of findings (place: message), at most `shown` of them with a note of the rest. */
function findingList(id: string, findings: Finding[], shown = 50): HTMLElement {
  const list = h("ul", { id, class: "findings" });
  for (const f of findings.slice(0, shown)) {
    list.append(h("li", {}, h("strong", {}, f.place), `: ${f.message}`));
  }
  if (findings.length > shown) list.append(h("li", {}, `and ${findings.length - shown} more`));
  return list;
}

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

  const name = h("input", { id: "new-map-name", required: true, autocomplete: "off", placeholder: "e.g. Larkspur Vale care network" });
  const choice = (value: string, text: string, checked = false) =>
    h("label", { class: "choice" },
      h("input", { type: "radio", name: "new-map-from", id: `new-map-from-${value}`, value, checked }),
      ` ${text}`);
  const from = h("fieldset", { id: "new-map-from", class: "checks" },
    h("legend", {}, "Start from"),
    choice("empty", "an empty map", true),
    choice("demo", "a copy of the demo map (an invented neighbourhood, to try things out)"),
    choice("file", "a file: Kumu spreadsheet or CSV, GEXF, GraphML, JSON"));
  const file = h("input", { id: "new-map-file", type: "file", accept: ".xlsx,.csv,.json,.gexf,.graphml,.zip", "aria-describedby": "import-preview" });
  const fileRow = h("div", { id: "new-map-file-row", hidden: true },
    h("label", { for: "new-map-file" }, "The file"), file);
  const preview = h("div", { id: "import-preview", "aria-live": "polite" });
  const message = h("div", { id: "new-map-message", role: "status" });
  const submit = h("button", { type: "submit", class: "primary", id: "create-map" }, "Create map");
  const form = h(
    "form",
    { class: "card", "aria-labelledby": "new-map-title", id: "new-map-form" },
    h("h2", { id: "new-map-title" }, "New map"),
    h("label", { for: "new-map-name" }, "Name"),
    name,
    from,
    fileRow,
    preview,
    message,
    submit,
  );

  const chosenStart = () => (form.querySelector("input[name=new-map-from]:checked") as HTMLInputElement | null)?.value ?? "empty";
  /** The checked file, once its check has answered. */
  let checked: { file: File; result: FileCheck } | null = null;
  let checking: Promise<void> | null = null;

  const showCheck = (chosen: File, result: FileCheck) => {
    const parts: (Node | string)[] = [
      h("p", { id: "import-summary" },
        `${chosen.name} (${FORMAT_NAMES[result.format] ?? result.format}): ${plural(result.elements, "element")} and ${plural(result.connections, "connection")}.`),
    ];
    if (result.problems.length) {
      parts.push(
        h("p", { class: "error-text" }, `It cannot be imported: ${plural(result.problems.length, "problem")} to fix in the file first.`),
        findingList("import-problems", result.problems),
      );
    }
    if (result.warnings.length) {
      parts.push(
        h("p", { class: "warning-text", id: "import-warning-note" },
          `${plural(result.warnings.length, "warning")}: these rows were read with a change or left out. Nothing is saved until you create the map.`),
        findingList("import-warnings", result.warnings),
      );
    } else if (!result.problems.length) {
      parts.push(h("p", {}, "No warnings: everything in the file was read."));
    }
    mount(preview, ...parts);
    submit.disabled = result.problems.length > 0;
  };

  const checkFile = async () => {
    checked = null;
    message.textContent = "";
    submit.disabled = false;
    const chosen = file.files?.[0];
    if (!chosen) {
      mount(preview);
      return;
    }
    mount(preview, h("p", {}, `Reading ${chosen.name}…`));
    try {
      const result = await call<FileCheck>("POST", `/api/v1/import/check?filename=${encodeURIComponent(chosen.name)}`, {
        raw: chosen,
        headers: { "content-type": "application/octet-stream" },
      });
      if (file.files?.[0] !== chosen) return; // another file was chosen meanwhile
      checked = { file: chosen, result };
      showCheck(chosen, result);
      if (!name.value.trim()) name.value = result.name.trim() || chosen.name.replace(/\.[^.]+$/, "");
    } catch (e) {
      mount(preview, h("p", { class: "error-text", id: "import-error" }, e instanceof ApiError ? e.message : String(e)));
      submit.disabled = true;
    }
  };

  form.addEventListener("change", (event) => {
    const target = event.target as HTMLElement;
    if (target === file) {
      checking = checkFile();
      return;
    }
    if ((target as HTMLInputElement).name === "new-map-from") {
      const isFile = chosenStart() === "file";
      fileRow.hidden = !isFile;
      if (isFile) {
        if (checked) showCheck(checked.file, checked.result);
      } else {
        mount(preview);
        submit.disabled = false;
      }
    }
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.textContent = "";
    message.className = "";
    const start = chosenStart();
    const wanted = name.value.trim();
    if (!wanted) {
      message.textContent = "Give the map a name.";
      message.className = "error-text";
      name.focus();
      return;
    }
    if (start === "file") {
      if (checking) await checking;
      if (!checked) {
        message.textContent = file.files?.[0] ? "The file could not be read: see above." : "Choose the file to start from.";
        message.className = "error-text";
        file.focus();
        return;
      }
      if (checked.result.problems.length) return;
    }
    submit.disabled = true;
    submit.textContent = start === "empty" ? "Creating…" : "Creating and filling the map…";
    let made: any = null;
    try {
      made = await post("/api/v1/maps", { name: wanted, from: start === "demo" ? "demo" : "empty" });
      if (start === "file" && checked) {
        const result = await call("POST", `/api/v1/maps/${made.id}/import?filename=${encodeURIComponent(checked.file.name)}`, {
          raw: checked.file,
          headers: { "content-type": "application/octet-stream" },
        });
        // An import takes the file's map name; the person's choice wins.
        if (checked.result.name.trim() && checked.result.name.trim() !== wanted) {
          await patch(`/api/v1/maps/${made.id}`, { name: wanted });
        }
        if (result.warnings?.length) {
          sessionStorage.setItem(`caremap-warnings-${made.id}`, JSON.stringify(result.warnings));
        }
      }
      go(`/maps/${made.id}`);
    } catch (e) {
      // No half-made map: one that could not be filled is removed again.
      if (made) await del(`/api/v1/maps/${made.id}`).catch(() => undefined);
      message.textContent = `The map was not created: ${e instanceof ApiError ? e.message : String(e)}`;
      message.className = "error-text";
      submit.disabled = false;
      submit.textContent = "Create map";
    }
  });

  const logout = h("button", { type: "button", onclick: async () => { await post("/api/v1/logout"); await route(); } }, "Sign out");
  mount(
    app,
    h("header", { class: "topbar" }, h("strong", {}, "caremap"), h("span", {}, `${user.user.display_name}`), logout),
    h("main", { class: "page" }, h("h1", {}, "Your maps"), list, form),
  );
}
