// The browser app in real Chromium, as a person uses it: sign in, open the demo map, find an
// element and read its profile, open the public page, read the analysis, filter and focus, move
// the date slider and compare two versions, add and edit an element and a connection (each seen
// again after a reload), the table view, a care map, and a new map from a spreadsheet with a
// bad row whose warning shows before anything is saved; with screenshots and the time to first
// paint. Run by crates/server/tests/browser.rs against a test server holding the demo map and a
// planted private element (see PLANTED below); by hand:
//
//   node web/tests/e2e.mjs BASE_URL EMAIL PASSWORD SCREENSHOT_DIR
//
// Chromium is CAREMAP_CHROMIUM or /usr/bin/chromium. Every request for another host than
// BASE_URL is refused, and the run fails if the app tried one.
//
// The run is a list of named steps (STEPS below). A step throws with a message saying what was
// expected; the run stops at the first failure, prints it, and exits 1. To test a new feature,
// add a step: `step("what it checks", async (t) => { ... })`, using the helpers of `t` (the page,
// `t.expect`, `t.shot`, `t.waitFor`). A step of a panel names the button that opens it and
// the element it needs (`{ opens: "#open-time", needs: "#date-slider" }`): the runner presses
// the button first, and the step fails if either is missing.

import { launchChromium } from "./chromium.mjs";
import { mapSpots, paintProbe } from "./probes.mjs";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [baseArg, email, password, shotsArg] = process.argv.slice(2);
if (!baseArg || !email || !password || !shotsArg) {
  console.error("usage: node web/tests/e2e.mjs BASE_URL EMAIL PASSWORD SCREENSHOT_DIR");
  process.exit(2);
}
const BASE = new URL(baseArg);
const SHOTS = shotsArg;
const DEMO_NAME = "Larkspur Vale care network";
const DEMO_SLUG = "larkspur-vale-demo";
/** The demo map's elements: 45, and the planted element. CAREMAP_E2E_ELEMENTS overrides. */
const ELEMENTS = Number(process.env.CAREMAP_E2E_ELEMENTS || 46);
/** The elements of the demo's 2025 survey, shown by the date slider 200 days ago. */
const ELEMENTS_2025 = Number(process.env.CAREMAP_E2E_ELEMENTS_2025 || 42);
/** A Kumu spreadsheet with a bad row, written by the Rust test. */
const SPREADSHEET = process.env.CAREMAP_E2E_SPREADSHEET;
/** A viewer of the demo map, EMAIL:PASSWORD. */
const VIEWER = process.env.CAREMAP_E2E_VIEWER;
/** Values of an element without consent that the test server planted in the demo map: the
 *  member view shows them, no public response may hold any of them. */
const PLANTED = {
  label: "Quentin Privateperson",
  email: "e2e.private@example.invalid",
  field: "E2E-PRIVATE-31",
};
const PLANTED_WORDS = [PLANTED.label, PLANTED.email, PLANTED.field, "Quentin", "Privateperson"];
const TIMEOUT = 20_000;

class StepFailure extends Error {}

/** What the steps share. */
const t = {
  browser: null,
  context: null,
  page: null,
  /** Requests for other hosts, refused: the run fails if there is any. */
  foreign: [],
  /** Uncaught errors of the app's pages. */
  pageErrors: [],
  /** The id of the demo map, once found in the list. */
  mapId: null,
  /** Numbers to print at the end. */
  results: {},

  /** Fails the step with `message` unless `ok`. */
  expect(ok, message) {
    if (!ok) throw new StepFailure(message);
  },

  /** Waits until `fn(arg)` is truthy in the page; fails with `message` after `timeout` ms. */
  async waitFor(message, fn, arg, timeout = TIMEOUT, page = t.page) {
    try {
      return await page.waitForFunction(fn, arg, { timeout, polling: 50 });
    } catch (e) {
      throw new StepFailure(`${message} (waited ${timeout} ms: ${String(e.message).split("\n")[0]})`);
    }
  },

  /** Waits for a selector to be visible; fails with `message`. */
  async visible(selector, message, page = t.page) {
    try {
      await page.locator(selector).first().waitFor({ state: "visible", timeout: TIMEOUT });
    } catch {
      throw new StepFailure(`${message}: ${selector} did not appear on ${page.url()}`);
    }
  },

  /** A screenshot of the page into the screenshot directory (or `dir`). */
  async shot(name, page = t.page, dir = SHOTS) {
    const path = join(dir, `${name}.png`);
    await page.screenshot({ path, animations: "disabled" });
    console.log(`  screenshot ${path}`);
  },

  /** A new context (its own cookies) with the foreign-host guard, the app's errors recorded,
   *  and, if `bodies` is given, the text of every response pushed to it; `options` override
   *  the laptop's viewport (a tablet's size, touch). */
  async newContext(bodies, options = {}) {
    const context = await t.browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, ...options });
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== BASE.origin) {
        t.foreign.push(url.href);
        return route.abort("blockedbyclient");
      }
      return route.continue();
    });
    context.on("page", (page) => {
      page.on("pageerror", (e) => t.pageErrors.push(`${page.url()}: ${e.message}`));
      page.on("console", (m) => {
        if (m.type() === "error") console.log(`  (browser console) ${m.text()}`);
      });
      if (bodies) {
        page.on("response", async (response) => {
          try {
            const body = await response.body();
            bodies.push({ url: response.url(), status: response.status(), text: body.toString("utf8") });
          } catch {
            bodies.push({ url: response.url(), status: response.status(), text: "" });
          }
        });
      }
    });
    return context;
  },

  /** Selects an element by typing its name in the search box, as a person would. */
  async search(name) {
    const search = t.page.locator("#search");
    await search.fill(name);
    await search.press("Enter");
    await t.waitFor(
      `searching "${name}" does not select it (window.caremap.selected)`,
      (wanted) => {
        const c = window.caremap;
        if (!c || !c.selected) return false;
        const e = c.data.network.elements.find((x) => x.id === c.selected);
        return e && e.label === wanted;
      },
      name,
    );
    await t.waitFor(
      `the profile of "${name}" is not shown in #side`,
      (wanted) => document.querySelector("#side #profile-title")?.textContent === wanted,
      name,
    );
  },
};

/** In the page: how many pixels of the graph's node layer differ from the background, read in
 *  the same task as a render (the WebGL buffer is intact then). */
function countDrawnPixels() {
  return new Promise((resolve) => {
    const sigma = window.caremap.sigma;
    const canvases = sigma.getCanvases();
    const source = canvases.nodes;
    sigma.once("afterRender", () => {
      const copy = document.createElement("canvas");
      copy.width = source.width;
      copy.height = source.height;
      const ctx = copy.getContext("2d", { willReadFrequently: true });
      ctx.drawImage(source, 0, 0);
      const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
      let drawn = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
      resolve({ drawn, width: copy.width, height: copy.height });
    });
    sigma.refresh();
  });
}

/** In the page: the checks of WCAG 2.2 AA that a script can make on what is shown. Returns the
 *  problems found, each saying which element and why:
 *  - every visible control (button, link, field) has an accessible name (4.1.2);
 *  - every visible control is at least 24 by 24 CSS pixels, or is a link inside a sentence, or
 *    a check box or radio button inside a label that is (2.5.8 target size);
 *  - text contrasts 4.5:1 with what is behind it, 3:1 when large (1.4.3); disabled controls
 *    are exempt. The background is the first opaque one among the ancestors. */
function auditPage() {
  const problems = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const st = getComputedStyle(el);
    return st.visibility !== "hidden" && st.display !== "none" && !el.closest("[hidden], [aria-hidden=true]");
  };
  const describe = (el) => {
    const id = el.id ? `#${el.id}` : "";
    const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
    const text = (el.textContent || el.getAttribute("aria-label") || el.value || "").trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`;
  };
  const nameOf = (el) => {
    const label = el.getAttribute("aria-label");
    if (label && label.trim()) return label;
    const by = el.getAttribute("aria-labelledby");
    if (by) return by.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? "").join(" ").trim();
    if (el.labels && el.labels.length) return [...el.labels].map((l) => l.textContent).join(" ").trim();
    if (el.tagName === "INPUT" && ["submit", "button"].includes(el.type)) return el.value;
    return (el.textContent || el.getAttribute("title") || "").trim();
  };
  const controls = [...document.querySelectorAll("button, a[href], input:not([type=hidden]), select, textarea, summary")].filter(visible);
  for (const el of controls) {
    if (!nameOf(el)) problems.push(`no accessible name: ${describe(el)}`);
    const r = el.getBoundingClientRect();
    if (r.width >= 24 && r.height >= 24) continue;
    if (el.tagName === "A" && el.closest("p, li, dd, td")) {
      // A link in a sentence or a list line is exempt when the line itself is tall enough.
      if (r.height >= 16) continue;
    }
    if (el.tagName === "INPUT" && ["checkbox", "radio"].includes(el.type)) {
      const label = el.closest("label") || (el.labels && el.labels[0]);
      if (label && label.getBoundingClientRect().height >= 24) continue;
    }
    if (el.tagName === "INPUT" && el.type === "range" && r.width >= 24) continue;
    problems.push(`target smaller than 24x24 px (${Math.round(r.width)}x${Math.round(r.height)}): ${describe(el)}`);
  }
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[,\s/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    const layers = [];
    for (let at = el; at; at = at.parentElement) {
      const c = parse(getComputedStyle(at).backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a >= 1) break;
      }
    }
    let out = { r: 255, g: 255, b: 255 };
    for (const c of layers.reverse()) out = { r: c.r * c.a + out.r * (1 - c.a), g: c.g * c.a + out.g * (1 - c.a), b: c.b * c.a + out.b * (1 - c.a) };
    return out;
  };
  const seen = new Set();
  for (const el of document.querySelectorAll("body *")) {
    if (!visible(el) || el.closest("canvas, svg")) continue;
    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!ownText) continue;
    if (el.closest(":disabled") || el.matches(":disabled")) continue;
    const st = getComputedStyle(el);
    const fg = parse(st.color);
    if (!fg) continue;
    const bg = background(el);
    const blended = { r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a) };
    const [a, b] = [lum(blended), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(st.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(st.fontWeight) >= 700);
    const needed = large ? 3 : 4.5;
    if (ratio + 1e-6 < needed) {
      const key = `${st.color}|${bg.r},${bg.g},${bg.b}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(`contrast ${ratio.toFixed(2)}:1 (needs ${needed}:1), ${st.color} on rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)}): ${describe(el)}`);
    }
  }
  return problems;
}

/** Runs the audit on a page and fails the step with every problem found. */
async function audit(where, page = t.page) {
  const problems = await page.evaluate(auditPage);
  t.expect(problems.length === 0, `${where}: ${problems.length} accessibility problem(s):\n        ${problems.join("\n        ")}`);
}

const STEPS = [];
function step(name, run, options = {}) {
  STEPS.push({ name, run, ...options });
}

// ---- The steps, in order. ------------------------------------------------------------------

step("the login page", async () => {
  await t.page.goto(new URL("/", BASE).href);
  await t.visible("#email", "the login form is not shown to a visitor");
  await t.visible("#password", "the login form has no password field");
  await t.shot("login");
  await audit("the login page");
});

step("signing in shows the maps list", async () => {
  await t.page.fill("#password", "not the password at all");
  await t.page.fill("#email", email);
  await t.page.click("button[type=submit]");
  await t.waitFor(
    "a wrong password does not say so in #login-message",
    () => (document.querySelector("#login-message")?.textContent ?? "").length > 0,
  );
  await t.page.fill("#password", password);
  await t.page.click("button[type=submit]");
  await t.visible(".map-list", "after signing in, the list of maps is not shown");
  const link = t.page.locator(".map-list a", { hasText: DEMO_NAME });
  t.expect((await link.count()) === 1, `the maps list does not show "${DEMO_NAME}" once`);
  const href = await link.getAttribute("href");
  const match = href && href.match(/^\/maps\/(\d+)$/);
  t.expect(match, `the demo map's link is ${href}, not /maps/ID`);
  t.mapId = Number(match[1]);
  await t.shot("maps");
  await audit("the maps list");
});

step("opening the demo map draws every element (first paint from the click)", async () => {
  await t.page.evaluate(() => window.__markStart());
  await t.page.click(`.map-list a:has-text("${DEMO_NAME}")`);
  await t.waitFor(
    `the map was not drawn with ${ELEMENTS} elements (window.caremap.graph.order)`,
    () => window.__paint && window.__paint.painted !== null,
  );
  const paint = await t.page.evaluate(() => ({ ...window.__paint, start: window.__start }));
  t.expect(
    t.page.url() === new URL(`/maps/${t.mapId}`, BASE).href,
    `the address is ${t.page.url()}, not /maps/${t.mapId}`,
  );
  t.expect(paint.order === ELEMENTS, `the canvas shows ${paint.order} elements, not ${ELEMENTS}`);
  const order = await t.page.evaluate(() => window.caremap.graph.order);
  t.expect(order === ELEMENTS, `window.caremap.graph.order is ${order}, not ${ELEMENTS}`);
  const detail = await t.page.evaluate(async (id) => (await fetch(`/api/v1/maps/${id}`)).json(), t.mapId);
  t.expect(detail.elements === ELEMENTS, `the API counts ${detail.elements} elements, the test expects ${ELEMENTS}`);
  t.results.firstPaintFromClickMs = Math.round(paint.painted - paint.start);
  console.log(`  first paint after clicking the map: ${t.results.firstPaintFromClickMs} ms`);
});

step("the canvas has the nodes drawn on it", async () => {
  const pixels = await t.page.evaluate(countDrawnPixels);
  t.expect(pixels.width > 300 && pixels.height > 200, `the node canvas is ${pixels.width}x${pixels.height}`);
  t.expect(pixels.drawn > 2000, `only ${pixels.drawn} pixels of the node canvas are drawn: no nodes are visible`);
  console.log(`  ${pixels.drawn} node pixels on a ${pixels.width}x${pixels.height} canvas`);
  // The legend explains the map and hides none of it.
  await t.page.waitForTimeout(300);
  const hidden = await t.page.evaluate(() => {
    const { sigma, graph } = window.caremap;
    const box = document.querySelector("#graph").getBoundingClientRect();
    const key = document.querySelector("#legend").getBoundingClientRect();
    const out = [];
    graph.forEachNode((n, a) => {
      const d = sigma.getNodeDisplayData(n);
      const p = sigma.framedGraphToViewport(d);
      const [x, y, r] = [box.left + p.x, box.top + p.y, sigma.scaleSize(d.size)];
      const dx = Math.max(key.left - x, 0, x - key.right);
      const dy = Math.max(key.top - y, 0, y - key.bottom);
      if (dx * dx + dy * dy < r * r) out.push(a.label);
    });
    return { out, open: document.querySelector("#legend details").open };
  });
  t.expect(hidden.open, "the legend is not open on a laptop's screen");
  t.expect(hidden.out.length === 0, `the legend hides ${hidden.out.length} element(s): ${hidden.out.join(", ")}`);
  await t.shot("map");
});

step("first paint of the demo map on a fresh load", async () => {
  await t.page.reload();
  await t.waitFor(
    "after a reload the map was not drawn",
    () => window.__paint && window.__paint.painted !== null,
  );
  const paint = await t.page.evaluate(() => window.__paint);
  t.expect(paint.order === ELEMENTS, `after a reload the canvas shows ${paint.order} elements`);
  const nav = await t.page.evaluate(() => {
    const n = performance.getEntriesByType("navigation")[0];
    return n ? { domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd } : null;
  });
  t.results.firstPaintMs = Math.round(paint.painted);
  console.log(
    `  first paint of the demo map: ${t.results.firstPaintMs} ms from navigation (drawn at ${Math.round(paint.drawn)} ms; DOMContentLoaded ${Math.round(nav?.domContentLoaded ?? -1)} ms)`,
  );
});

step('searching "Team Maple" selects it and shows its profile', async () => {
  await t.search("Team Maple");
  const side = await t.page.locator("#side").innerText();
  t.expect(side.includes("care team"), `the profile of Team Maple does not give its category: ${side.slice(0, 300)}`);
  t.expect(/Connections \(\d+\)/.test(side), `the profile of Team Maple lists no connections: ${side.slice(0, 300)}`);
  await t.page.waitForTimeout(600); // the camera's move to the element
  await t.shot("profile");
  await audit("the map with a profile open");
});

step("a member sees the planted element's private values", async () => {
  // Through the app's own requests (the network it drew), and in its profile.
  const network = await t.page.evaluate(async (id) => (await fetch(`/api/v1/maps/${id}/network?layout=auto`)).text(), t.mapId);
  for (const value of [PLANTED.label, PLANTED.email, PLANTED.field]) {
    t.expect(
      network.includes(value),
      `the member's network does not hold the planted "${value}": the test server must plant it (crates/server/tests/browser.rs), or the privacy check below proves nothing`,
    );
  }
  await t.search(PLANTED.label);
  const side = await t.page.locator("#side").innerText();
  t.expect(side.includes(PLANTED.field), `the member's profile of ${PLANTED.label} does not show ${PLANTED.field}`);
});

step("the public page sends no private value, in its HTML or any response", async () => {
  const bodies = [];
  const context = await t.newContext(bodies);
  const page = await context.newPage();
  await page.goto(new URL(`/public/${DEMO_SLUG}`, BASE).href);
  await t.waitFor(
    `the public page does not draw ${ELEMENTS} elements`,
    (n) => window.caremap && window.caremap.graph && window.caremap.graph.order === n,
    ELEMENTS,
    TIMEOUT,
    page,
  );
  await page.waitForLoadState("networkidle");
  const urls = bodies.map((b) => new URL(b.url).pathname + new URL(b.url).search);
  for (const wanted of [`/api/v1/public/${DEMO_SLUG}/network?layout=auto`, `/api/v1/public/${DEMO_SLUG}/analysis`]) {
    t.expect(urls.includes(wanted), `the public page did not read ${wanted} (it read: ${urls.join(", ")})`);
  }
  for (const b of bodies) {
    t.expect(!new URL(b.url).pathname.startsWith("/api/v1/maps"), `the public page called a member route: ${b.url}`);
  }
  const texts = [{ url: "the page's HTML as rendered", text: await page.content() }, ...bodies];
  texts.push({ url: "the page's visible text", text: await page.locator("body").innerText() });
  for (const { url, text } of texts) {
    const lower = text.toLowerCase();
    for (const word of PLANTED_WORDS) {
      t.expect(!lower.includes(word.toLowerCase()), `the public page leaks "${word}" in ${url}`);
    }
  }
  const network = bodies.find((b) => b.url.includes(`/public/${DEMO_SLUG}/network`));
  t.expect(network && network.text.includes('"Q. P."'), "the public network does not show the planted person by initials (Q. P.)");
  console.log(`  ${bodies.length} responses checked, none holds a planted value`);
  await t.shot("public", page);
  await audit("the public page", page);
  await context.close();
});

// ---- The panels: each step opens its panel with the button a person would press. -----------

step(
  "the analysis panel reads every chapter, and a figure shows its elements on the map",
  async () => {
    const chapters = await t.page.locator("#analysis-panel h3[id^=chapter-]").allInnerTexts();
    t.expect(chapters.length >= 7, `the analysis panel shows ${chapters.length} chapters: ${chapters.join(" | ")}`);
    const text = await t.page.locator("#analysis-panel").innerText();
    t.expect(/\d/.test(text) && text.length > 1000, `the analysis panel has few sentences or no figures: ${text.slice(0, 300)}`);
    const figure = t.page.locator("#analysis-panel button.show-on-map").first();
    t.expect((await figure.count()) === 1, "no figure of the analysis panel can be shown on the map (button.show-on-map)");
    const count = Number(await figure.getAttribute("data-count"));
    await figure.click();
    await t.waitFor(
      `clicking a figure of ${count} elements does not show just them on the map`,
      (n) => window.caremap.visible && window.caremap.visible.size === n,
      count,
    );
    await t.page.waitForTimeout(500); // the camera's move
    await t.shot("analysis");
    await audit("the analysis panel");
    await t.page.evaluate(() => { window.caremap.visible = null; window.caremap.redraw(); });
  },
  { opens: "#open-analysis", needs: "#analysis-panel h3[id^=chapter-]" },
);

step(
  "filtering by category shows only that category",
  async () => {
    await t.page.selectOption("#filter-category", "care team");
    await t.waitFor(
      "choosing the category 'care team' does not narrow the shown elements (window.caremap.visible)",
      () => window.caremap.visible && window.caremap.visible.size > 0 && window.caremap.visible.size < window.caremap.graph.order,
    );
    const wrong = await t.page.evaluate(() => {
      const c = window.caremap;
      return [...c.visible]
        .map((id) => c.data.network.elements.find((e) => e.id === id))
        .filter((e) => !e || e.category !== "care team")
        .map((e) => e?.label ?? "?");
    });
    t.expect(wrong.length === 0, `the care-team filter shows other elements too: ${wrong.join(", ")}`);
    await t.page.click("#clear-filters");
    await t.waitFor(
      "clearing the filters does not show every element again",
      () => !window.caremap.visible || window.caremap.visible.size === window.caremap.graph.order,
    );
  },
  { opens: "#open-explore", needs: "#filter-category" },
);

step("colouring by one of the map's own fields (Ward) gives each ward its colour, and the legend says so", async () => {
  await t.page.selectOption("#colour-by", "field:Ward");
  await t.waitFor("the legend does not say the colour is the ward", () => (document.querySelector("#legend")?.textContent ?? "").includes("Colour: Ward"));
  const check = await t.page.evaluate(() => {
    const { graph, data } = window.caremap;
    const byWard = new Map();
    const clashes = [];
    for (const e of data.network.elements) {
      const ward = e.fields?.Ward ?? "(none)";
      const colour = graph.getNodeAttribute(e.id, "color");
      if (!byWard.has(ward)) byWard.set(ward, colour);
      else if (byWard.get(ward) !== colour) clashes.push(`${e.label} (${ward})`);
    }
    const legend = document.querySelector("#legend").textContent;
    const missing = [...byWard.keys()].filter((w) => w !== "(none)" && !legend.includes(w));
    return { wards: byWard.size, colours: new Set(byWard.values()).size, clashes, missing };
  });
  t.expect(check.wards >= 3, `the demo has ${check.wards} wards`);
  t.expect(check.clashes.length === 0, `elements of one ward have different colours: ${check.clashes.join(", ")}`);
  t.expect(check.colours === check.wards, `${check.wards} wards share ${check.colours} colours`);
  t.expect(check.missing.length === 0, `the legend does not name the wards ${check.missing.join(", ")}`);
  await t.shot("colour-by-field");
  await t.page.selectOption("#colour-by", "care_type");
  await t.waitFor("colouring by care offered does not say so in the legend", () => (document.querySelector("#legend")?.textContent ?? "").includes("Colour: care offered"));
  await t.page.selectOption("#colour-by", "category");
});

step(
  'focusing on "Team Maple" to one step shows it and its direct contacts only',
  async () => {
    const expected = await t.page.evaluate(() => {
      const net = window.caremap.data.network;
      const id = net.elements.find((e) => e.label === "Team Maple").id;
      const ids = new Set([id]);
      for (const c of net.connections) {
        if (c.from === id) ids.add(c.to);
        if (c.to === id) ids.add(c.from);
      }
      return [...ids].sort();
    });
    await t.page.fill("#focus-element", "Team Maple");
    await t.page.selectOption("#focus-steps", "1");
    await t.page.click("#focus-apply");
    await t.waitFor(
      `focusing does not show Team Maple and its ${expected.length - 1} contacts`,
      (n) => window.caremap.visible && window.caremap.visible.size === n,
      expected.length,
    );
    const shown = await t.page.evaluate(() => [...window.caremap.visible].sort());
    t.expect(JSON.stringify(shown) === JSON.stringify(expected), `the focus shows ${shown.join(", ")}, not ${expected.join(", ")}`);
    const count = await t.page.locator("#explore-count").innerText();
    t.expect(count.includes(String(expected.length)), `the Explore panel does not say how many elements are shown: "${count}"`);
    await t.shot("explore");
    await audit("the Explore panel");
    await t.page.click("#focus-clear");
    await t.waitFor(
      "stopping the focus does not show every element again",
      () => !window.caremap.visible || window.caremap.visible.size === window.caremap.graph.order,
    );
  },
  { opens: "#open-explore", needs: "#focus-element" },
);

step(
  "the date slider shows the map as it was, and comparing the 2025 survey with now marks the changes",
  async () => {
    await t.waitFor(
      "the Time panel does not list the demo's snapshot '2025 survey'",
      () => (document.querySelector("#snapshot-list")?.textContent ?? "").includes("2025 survey"),
    );
    // The test server recorded the 2025 survey 400 days ago and the 2026 one 30 days ago.
    const max = Number(await t.page.getAttribute("#date-slider", "max"));
    t.expect(max >= 399 && max <= 401, `the date slider spans ${max} days, not the map's 400 days of history`);
    const slider = t.page.locator("#date-slider");
    await slider.focus();
    await slider.evaluate((el, v) => {
      el.value = String(v);
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }, max - 200);
    const words = await t.page.locator("#date-label").innerText();
    await t.waitFor(
      `200 days ago the map had the 2025 survey's ${ELEMENTS_2025} elements; it does not show them (slider says "${words}")`,
      (n) => window.caremap.graph.order === n && window.caremap.asOf && "at" in window.caremap.asOf,
      ELEMENTS_2025,
    );
    await t.visible("#as-of-banner", "a past date is not announced over the map");
    const addDisabled = await t.page.locator("#add-element").isDisabled();
    t.expect(addDisabled, "the map of a past date still offers to add an element");
    // One step with the keyboard: the slider moves a day, and the map follows.
    const day = await t.page.evaluate(() => window.caremap.asOf.at);
    await slider.press("ArrowRight");
    t.expect(Number(await slider.inputValue()) === max - 199, "the arrow key does not move the date slider by a day");
    await t.waitFor(
      `the map does not follow the slider's move from ${day} to the next day`,
      (d) => window.caremap.asOf && window.caremap.asOf.at > d,
      day,
    );
    await t.shot("time-slider");
    await t.page.click("#as-of-back");
    await t.waitFor(`back to today, the map does not show its ${ELEMENTS} elements`, (n) => window.caremap.graph.order === n && !window.caremap.asOf, ELEMENTS);

    // Compare the 2025 snapshot with now.
    await t.page.selectOption("#compare-from", "snapshot:2025 survey");
    await t.page.selectOption("#compare-to", "now");
    await t.page.click("#compare-run");
    await t.visible("#compare-title", "comparing the 2025 survey with now shows no result");
    await t.waitFor("the comparison does not mark the map", () => window.caremap.marks !== null);
    await t.visible("#change-legend", "the map's marks of the comparison have no legend");
    const result = await t.page.locator("#compare-result").innerText();
    t.expect(/joined/i.test(result), `the comparison does not say who joined: ${result.slice(0, 400)}`);
    t.expect(result.includes(PLANTED.label) || /\b[4-9] /.test(result), `the comparison does not count the elements that joined since 2025: ${result.slice(0, 400)}`);
    await t.shot("time-compare");
    await audit("the Time panel with a comparison");
    await t.page.click("#compare-clear");
    await t.waitFor("clearing the comparison leaves its marks", () => window.caremap.marks === null);
  },
  { opens: "#open-time", needs: "#date-slider" },
);

const ADDED = "Larkspur E2E Knitting Circle";
const RENAMED = "Larkspur E2E Knitting and Sewing Circle";

/** Reloads the page and waits for the map; returns the element of `label` and its connections. */
async function reloadAndFind(label) {
  await t.page.reload();
  await t.waitFor("after a reload the map is not drawn", () => window.caremap && window.caremap.graph && window.caremap.graph.order > 0);
  return t.page.evaluate((wanted) => {
    const net = window.caremap.data.network;
    const e = net.elements.find((x) => x.label === wanted);
    if (!e) return null;
    const byId = new Map(net.elements.map((x) => [x.id, x.label]));
    return {
      element: e,
      drawn: window.caremap.graph.hasNode(e.id) && window.caremap.graph.getNodeAttribute(e.id, "label") === wanted,
      connections: net.connections
        .filter((c) => c.from === e.id || c.to === e.id)
        .map((c) => ({ id: c.id, status: c.status, other: byId.get(c.from === e.id ? c.to : c.from) })),
    };
  }, label);
}

step(
  "adding an element and a connection, then editing both, is kept after each reload",
  async () => {
    const before = await t.page.evaluate(() => window.caremap.graph.order);
    await t.page.fill("#element-label", ADDED);
    await t.page.selectOption("#element-category", "grassroots or mutual-aid group");
    await t.page.click("#save-element");
    await t.waitFor("the added element is not drawn (graph.order did not grow by one)", (n) => window.caremap.graph.order === n + 1, before);

    let found = await reloadAndFind(ADDED);
    t.expect(found && found.drawn, `after a reload "${ADDED}" is not on the map`);
    t.expect(found.element.category === "grassroots or mutual-aid group", `after a reload "${ADDED}" has the category ${found.element.category}`);

    // A connection from its profile.
    await t.search(ADDED);
    await t.page.click("#add-connection");
    await t.visible("#connection-form", "Add connection does not open the connection form");
    const maple = await t.page.evaluate(() => window.caremap.data.network.elements.find((e) => e.label === "Team Maple").id);
    await t.page.selectOption("#connection-to", maple);
    await t.page.selectOption("#connection-status", "engaged");
    await t.page.click("#save-connection");
    await t.waitFor(
      "the added connection is not in the map",
      (label) => {
        const net = window.caremap.data.network;
        const e = net.elements.find((x) => x.label === label);
        return e && net.connections.some((c) => c.from === e.id);
      },
      ADDED,
    );
    found = await reloadAndFind(ADDED);
    t.expect(
      found.connections.length === 1 && found.connections[0].other === "Team Maple" && found.connections[0].status === "engaged",
      `after a reload "${ADDED}" has the connections ${JSON.stringify(found.connections)}, not one engaged tie with Team Maple`,
    );

    // Edit the element: a new name.
    await t.search(ADDED);
    await t.page.click("#edit-element");
    await t.visible("#element-form", "Edit does not open the element form");
    await t.page.fill("#element-label", RENAMED);
    await t.page.click("#save-element");
    await t.waitFor("the new name is not drawn", (label) => {
      const c = window.caremap;
      const e = c.data.network.elements.find((x) => x.label === label);
      return e && c.graph.hasNode(e.id) && c.graph.getNodeAttribute(e.id, "label") === label;
    }, RENAMED);

    // Edit the connection: it became generative.
    await t.search(RENAMED);
    await t.page.click("#side .tie-edit");
    await t.visible("#connection-form", "the Edit button of a connection does not open its form");
    await t.page.selectOption("#connection-status", "generative");
    await t.page.click("#save-connection");
    await t.waitFor("the connection's new status is not in the map", (label) => {
      const net = window.caremap.data.network;
      const e = net.elements.find((x) => x.label === label);
      return e && net.connections.some((c) => (c.from === e.id || c.to === e.id) && c.status === "generative");
    }, RENAMED);

    found = await reloadAndFind(RENAMED);
    t.expect(found && found.drawn, `after a reload the renamed "${RENAMED}" is not on the map`);
    t.expect(
      found.connections.length === 1 && found.connections[0].status === "generative",
      `after a reload the edited connection is ${JSON.stringify(found.connections)}, not generative`,
    );
    t.expect((await reloadAndFind(ADDED)) === null, `after a reload the old name "${ADDED}" is still on the map`);
    // Its profile tells its story: added, then renamed, by the owner.
    await t.search(RENAMED);
    await t.waitFor(
      "the profile's history does not show the element added and renamed",
      () => {
        const text = document.querySelector("#profile-history")?.textContent ?? "";
        return /changed: name/.test(text) && /added/.test(text);
      },
    );
    const story = await t.page.locator("#profile-history").innerText();
    t.expect(story.includes(email), `the profile's history does not say who made the changes: ${story}`);

    // Leave the demo map as it was, through the API.
    await t.page.evaluate(async (id) => {
      const c = window.caremap;
      const me = await (await fetch("/api/v1/me")).json();
      const path = `/api/v1/maps/${c.target.id}/elements/${encodeURIComponent(id)}`;
      const current = await (await fetch(path)).json();
      const answer = await fetch(`${path}?cascade=true`, {
        method: "DELETE",
        headers: { "x-csrf-token": me.csrf_token, "if-match": `"${current.version}"` },
      });
      if (answer.status !== 204) throw new Error(`deleting the test element answered ${answer.status}`);
    }, found.element.id);
    await t.page.reload();
    await t.waitFor(`after cleaning up, the map does not show its ${ELEMENTS} elements`, (n) => window.caremap && window.caremap.graph && window.caremap.graph.order === n, ELEMENTS);
  },
  { opens: "#add-element", needs: "#element-form" },
);

step("dragging an element places it for good; a click without a move saves nothing", async () => {
  const latest = () => t.page.evaluate(async (id) => (await (await fetch(`/api/v1/maps/${id}/history?limit=1`)).json()).history[0].seq, t.mapId);
  const where = () => t.page.evaluate(() => {
    const { sigma, data } = window.caremap;
    const e = data.network.elements.find((x) => x.label === "Team Rowan");
    const p = sigma.framedGraphToViewport(sigma.getNodeDisplayData(e.id));
    const box = document.querySelector("#graph").getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y, position: e.position };
  });
  await t.page.evaluate(() => window.caremap.select(null));
  await t.page.waitForTimeout(300);
  const before = await latest();
  let at = await where();
  await t.page.mouse.click(at.x, at.y);
  await t.waitFor("a click on Team Rowan does not open its profile", () => document.querySelector("#side #profile-title")?.textContent === "Team Rowan");
  await t.page.waitForTimeout(500);
  t.expect((await latest()) === before, "a click on an element, without a move, saved something");

  at = await where();
  await t.page.mouse.move(at.x, at.y);
  await t.page.mouse.down();
  for (let i = 1; i <= 8; i++) await t.page.mouse.move(at.x + 8 * i, at.y + 5 * i);
  await t.page.mouse.up();
  await t.waitFor("dropping Team Rowan does not say it was saved", () => /Team Rowan placed here; saved/.test(document.querySelector("#status")?.textContent ?? ""));
  t.expect((await latest()) > before, "the drop recorded nothing in the history");
  await t.page.reload();
  await t.waitFor("after a reload the map is not drawn", (n) => window.caremap && window.caremap.graph && window.caremap.graph.order === n, ELEMENTS);
  const after = await where();
  t.expect(
    JSON.stringify(after.position) !== JSON.stringify(at.position),
    `after a reload Team Rowan is still at ${JSON.stringify(at.position)}`,
  );
});

step("with the keyboard alone: the List finds an element, shows it on the map and opens its profile", async () => {
  await t.page.evaluate(() => window.caremap.select(null));
  await t.page.focus("#open-list");
  await t.page.keyboard.press("Enter");
  await t.visible("#list-elements button.list-item", "Enter on List does not open the list view");
  await t.page.focus("#list-filter");
  await t.page.keyboard.type("Larkspur Care Circle");
  // Tab moves to the first (and only) match: each list is one tab stop.
  let focused = "";
  for (let i = 0; i < 6 && !focused.includes("list-item"); i++) {
    await t.page.keyboard.press("Tab");
    focused = await t.page.evaluate(() => `${document.activeElement?.className} ${document.activeElement?.textContent}`);
  }
  t.expect(focused.includes("list-item") && focused.includes("Larkspur Care Circle"), `Tab from the list's filter does not reach the element: focus on "${focused}"`);
  await t.page.keyboard.press("Enter");
  await t.waitFor("Enter on the element in the list does not show it on the map", () => {
    const c = window.caremap;
    const e = c.data.network.elements.find((x) => x.label === "Larkspur Care Circle");
    return c.selected === e.id;
  });
  for (let i = 0; i < 6 && focused !== "list-open-profile"; i++) {
    await t.page.keyboard.press("Shift+Tab");
    focused = await t.page.evaluate(() => document.activeElement?.id ?? "");
  }
  t.expect(focused === "list-open-profile", "Shift+Tab from the list does not reach “Open the profile”");
  await t.page.keyboard.press("Enter");
  await t.waitFor("Enter on “Open the profile” does not open it", () => document.querySelector("#side #profile-title")?.textContent === "Larkspur Care Circle");
});

step(
  "the table view lists every element, sorts by a column from the keyboard and filters",
  async () => {
    const rows = () => t.page.locator("#table-view tbody tr");
    t.expect((await rows().count()) === ELEMENTS, `the table lists ${await rows().count()} elements, not ${ELEMENTS}`);
    // Sort by the number of connections with the keyboard: highest first.
    await t.page.locator('#table-view button[data-sort="degree"]').focus();
    await t.page.keyboard.press("Enter");
    await t.waitFor(
      "Enter on the Connections heading does not sort the table by it",
      () => document.querySelector('#table-view button[data-sort="degree"]')?.closest("th")?.getAttribute("aria-sort") !== "none",
    );
    const degrees = await t.page.evaluate(() => {
      const heads = [...document.querySelectorAll("#table-view thead th")];
      const col = heads.findIndex((th) => th.querySelector('[data-sort="degree"]'));
      return [...document.querySelectorAll("#table-view tbody tr")].map((tr) => Number(tr.children[col]?.textContent));
    });
    const sorted = [...degrees].sort((a, b) => b - a);
    t.expect(JSON.stringify(degrees) === JSON.stringify(sorted), `the table is not sorted by connections, highest first: ${degrees.join(", ")}`);
    await t.shot("table");
    await audit("the table view");
    await t.page.fill("#table-filter", "Team Maple");
    await t.waitFor("typing in the table's filter does not narrow the rows", () => document.querySelectorAll("#table-view tbody tr").length === 1);
    await t.page.fill("#table-filter", "");
  },
  { opens: "#open-table", needs: "#table-view tbody tr" },
);

step("a person's care map opens from the profile", async () => {
  await t.search("Team Maple");
  await t.page.click("#open-care-map");
  await t.visible("#care-map-svg", "the care map of Team Maple is not drawn");
  const expected = await t.page.evaluate(() => {
    const net = window.caremap.data.network;
    const id = net.elements.find((e) => e.label === "Team Maple").id;
    return new Set(net.connections.filter((c) => c.from === id || c.to === id).map((c) => (c.from === id ? c.to : c.from))).size;
  });
  const text = await t.page.locator("#care-map").innerText();
  t.expect(text.includes(`Team Maple has ${expected} direct ties`), `the care map does not say Team Maple has ${expected} direct ties: ${text.slice(0, 300)}`);
  await t.page.waitForTimeout(300);
  await t.shot("care-map");
  await audit("the care map");
  await t.page.click("#care-map-close");
});

step("a spreadsheet with a bad row: its warning is shown before anything is saved", async () => {
  t.expect(SPREADSHEET, "CAREMAP_E2E_SPREADSHEET names no spreadsheet (crates/server/tests/browser.rs writes one)");
  await t.page.goto(new URL("/", BASE).href);
  await t.visible(".map-list", "the maps list is not shown");
  const mapsBefore = await t.page.evaluate(async () => (await (await fetch("/api/v1/maps")).json()).maps.length);
  await t.page.fill("#new-map-name", "Hollybank survey (e2e)");
  await t.page.check("#new-map-from-file");
  await t.visible("#new-map-file", "choosing to start from a file shows no file chooser");
  await t.page.setInputFiles("#new-map-file", SPREADSHEET);
  await t.visible("#import-warnings", "the spreadsheet's warnings are not listed before the map is made");
  const preview = await t.page.locator("#import-preview").innerText();
  t.expect(/4 elements and 2 connections/.test(preview), `the preview does not say what the file holds: ${preview}`);
  t.expect(/Connections/i.test(preview) && /no To/.test(preview) && /row skipped/.test(preview), `the preview does not name the bad row and why: ${preview}`);
  const mapsNow = await t.page.evaluate(async () => (await (await fetch("/api/v1/maps")).json()).maps.length);
  t.expect(mapsNow === mapsBefore, `checking the file made a map (${mapsBefore} maps before, ${mapsNow} now)`);
  await t.shot("import-preview");
  await audit("the new-map form with a file's warnings");

  await t.page.click("#create-map");
  await t.waitFor("creating the map from the spreadsheet does not open it with 4 elements", () => window.caremap && window.caremap.graph && window.caremap.graph.order === 4);
  const made = await t.page.evaluate(() => ({
    id: window.caremap.target.id,
    connections: window.caremap.data.network.connections.length,
    title: document.querySelector(".map-title")?.textContent,
    status: document.querySelector("#status")?.textContent ?? "",
  }));
  t.expect(made.connections === 2, `the imported map has ${made.connections} connections, not the 2 good rows`);
  t.expect(made.title === "Hollybank survey (e2e)", `the imported map is called "${made.title}", not the name given`);
  t.expect(/warning/.test(made.status), `the new map does not say it was imported with a warning: "${made.status}"`);
  await t.page.evaluate(async (id) => {
    const me = await (await fetch("/api/v1/me")).json();
    const answer = await fetch(`/api/v1/maps/${id}`, { method: "DELETE", headers: { "x-csrf-token": me.csrf_token } });
    if (answer.status !== 204) throw new Error(`deleting the imported map answered ${answer.status}`);
  }, made.id);
});

step("a viewer sees the map and its panels, and no control that edits", async () => {
  t.expect(VIEWER, "CAREMAP_E2E_VIEWER names no viewer account (crates/server/tests/browser.rs makes one)");
  const [viewerEmail, viewerPassword] = [VIEWER.slice(0, VIEWER.indexOf(":")), VIEWER.slice(VIEWER.indexOf(":") + 1)];
  const context = await t.newContext();
  const page = await context.newPage();
  await page.goto(new URL("/", BASE).href);
  await page.fill("#email", viewerEmail);
  await page.fill("#password", viewerPassword);
  await page.click("button[type=submit]");
  await t.visible(".map-list", "the viewer's list of maps is not shown", page);
  await page.click(`.map-list a:has-text("${DEMO_NAME}")`);
  await t.waitFor("the viewer does not see the demo map drawn", (n) => window.caremap && window.caremap.graph && window.caremap.graph.order === n, ELEMENTS, TIMEOUT, page);
  const role = await page.locator("#role").innerText();
  t.expect(role === "viewer", `the viewer's badge says "${role}"`);
  const editing = ["#add-element", "#open-share"];
  for (const sel of editing) t.expect((await page.locator(sel).count()) === 0, `a viewer is offered ${sel}`);
  // The profile: no Edit, no Add connection, no Edit of a tie.
  const search = page.locator("#search");
  await search.fill("Team Maple");
  await search.press("Enter");
  await t.waitFor("the viewer cannot open a profile", () => document.querySelector("#side #profile-title")?.textContent === "Team Maple", undefined, TIMEOUT, page);
  for (const sel of ["#edit-element", "#add-connection", "#side .tie-edit"]) {
    t.expect((await page.locator(sel).count()) === 0, `a viewer's profile offers ${sel}`);
  }
  // The table: readable, not editable.
  await page.click("#open-table");
  await t.visible("#table-view tbody tr", "the viewer's table does not open", page);
  for (const sel of ["#table-add-element", "#table-add-connection"]) {
    t.expect((await page.locator(sel).count()) === 0, `a viewer's table offers ${sel}`);
  }
  // Time: snapshots can be read, not taken.
  await page.click("#open-time");
  await t.visible("#snapshot-list", "the viewer's Time panel does not open", page);
  t.expect((await page.locator("#take-snapshot").count()) === 0, "a viewer is offered to take a snapshot");
  // Dragging an element does not move it.
  const at = await page.evaluate(() => {
    const { sigma, data } = window.caremap;
    const e = data.network.elements.find((x) => x.label === "Team Willow");
    const p = sigma.framedGraphToViewport(sigma.getNodeDisplayData(e.id));
    const box = document.querySelector("#graph").getBoundingClientRect();
    return { id: e.id, x: box.left + p.x, y: box.top + p.y, graph: { x: window.caremap.graph.getNodeAttribute(e.id, "x"), y: window.caremap.graph.getNodeAttribute(e.id, "y") } };
  });
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(at.x + 10 * i, at.y + 6 * i);
  await page.mouse.up();
  const moved = await page.evaluate((id) => ({ x: window.caremap.graph.getNodeAttribute(id, "x"), y: window.caremap.graph.getNodeAttribute(id, "y") }), at.id);
  t.expect(moved.x === at.graph.x && moved.y === at.graph.y, "a viewer's drag moved an element");
  await audit("the map as a viewer sees it", page);
  await context.close();
});

step("on a tablet held upright the map, its panels and a tap on an element work by touch", async () => {
  const context = await t.newContext(undefined, { viewport: { width: 768, height: 1024 }, hasTouch: true });
  await context.addCookies(await t.context.cookies());
  const page = await context.newPage();
  await page.goto(new URL(`/maps/${t.mapId}`, BASE).href);
  await t.waitFor(`the tablet does not draw the ${ELEMENTS} elements`, (n) => window.caremap && window.caremap.graph && window.caremap.graph.order === n, ELEMENTS, TIMEOUT, page);
  const layout = await page.evaluate(() => {
    const graph = document.querySelector("#graph").getBoundingClientRect();
    const side = document.querySelector("#side").getBoundingClientRect();
    return { graph: [graph.width, graph.height], side: [side.width, side.top, side.height], overflow: document.scrollingElement.scrollWidth - window.innerWidth };
  });
  t.expect(layout.graph[0] >= 700 && layout.graph[1] >= 300, `on a tablet the map is only ${layout.graph.map(Math.round).join("x")} px`);
  t.expect(layout.overflow <= 0, `on a tablet the page scrolls sideways by ${layout.overflow} px`);
  // A tap on Team Maple opens its profile.
  const at = await page.evaluate(() => {
    const { sigma, data } = window.caremap;
    const id = data.network.elements.find((e) => e.label === "Team Maple").id;
    const p = sigma.framedGraphToViewport(sigma.getNodeDisplayData(id));
    const box = document.querySelector("#graph").getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  });
  const covering = await page.evaluate(({ x, y }) => {
    const hit = document.elementFromPoint(x, y);
    return hit && hit.closest("#graph") ? null : hit ? `${hit.tagName.toLowerCase()}.${hit.className}` : "nothing";
  }, at);
  t.expect(covering === null, `on a tablet Team Maple is covered by ${covering}`);
  const legendOpen = await page.evaluate(() => document.querySelector("#legend details").open);
  t.expect(!legendOpen, "on a narrow screen the legend starts open over the map");
  await page.touchscreen.tap(at.x, at.y);
  await t.waitFor("a tap on Team Maple does not open its profile", () => document.querySelector("#side #profile-title")?.textContent === "Team Maple", undefined, TIMEOUT, page);
  // The panels open by touch too, below the map.
  await page.locator("#open-analysis").tap();
  await t.visible("#analysis-panel h3[id^=chapter-]", "the Analysis panel does not open by touch", page);
  await t.shot("tablet", page);
  await audit("the map on a tablet", page);
  await context.close();
});

step("on a large map a drag moves the drawing with the mouse, and the map is drawn again at rest", async () => {
  // A made-up map of 2,500 elements in rings of 50, sent through the import.
  const made = await t.page.evaluate(async () => {
    const me = await (await fetch("/api/v1/me")).json();
    const headers = { "x-csrf-token": me.csrf_token, "content-type": "application/json" };
    const map = await (await fetch("/api/v1/maps", { method: "POST", headers, body: JSON.stringify({ name: "Large map (e2e)" }) })).json();
    const elements = [];
    const connections = [];
    for (let i = 0; i < 2500; i++) {
      elements.push({ id: `n${i}`, label: `Member ${i}`, category: "individual active citizen" });
      if (i % 50 !== 0) connections.push({ id: `c${i}`, from: `n${i - 1}`, to: `n${i}`, status: "engaged" });
      if (i >= 50) connections.push({ id: `r${i}`, from: `n${i - 50}`, to: `n${i}`, status: "loosely_engaged" });
    }
    const file = { caremap: 1, network: { name: "Large map (e2e)", categories: [], care_types: [], elements, connections } };
    const answer = await fetch(`/api/v1/maps/${map.id}/import?format=caremap`, { method: "POST", headers, body: JSON.stringify(file) });
    if (!answer.ok) throw new Error(`import: ${answer.status} ${await answer.text()}`);
    return map.id;
  });
  await t.page.goto(new URL(`/maps/${made}`, BASE).href);
  await t.waitFor("the large map is not drawn with its 2,500 elements", () => window.caremap && window.caremap.graph && window.caremap.graph.order === 2500, undefined, 60_000);
  t.expect(await t.page.evaluate(() => !!window.caremap.fastCamera), "a map of 2,500 elements does not use the fast camera");
  await t.page.waitForTimeout(500);

  const box = await t.page.locator("#graph").boundingBox();
  // An empty spot to press on (pressing on an element would drag the element), and an element
  // to follow.
  const spots = await t.page.evaluate(mapSpots, { width: box.width, height: box.height, from: [0.3, 0.3], to: [0.7, 0.7] });
  const probe = { at: spots.empty, node: spots.middle.id, x: spots.middle.x, y: spots.middle.y };
  t.expect(probe.at, "no empty spot to press on in the middle of the large map");
  const [x0, y0] = [box.x + probe.at[0], box.y + probe.at[1]];
  await t.page.mouse.move(x0, y0);
  await t.page.mouse.down();
  for (let i = 1; i <= 10; i++) await t.page.mouse.move(x0 + 12 * i, y0 + 6 * i);
  await t.page.waitForTimeout(300); // the hand rests before the release: no inertia
  const during = await t.page.evaluate(() => {
    const c = window.caremap.sigma.getCanvases();
    return { nodes: c.nodes.style.transform, edges: c.edges.style.transform, mouse: c.mouse.style.transform };
  });
  const shift = during.nodes.match(/translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/);
  t.expect(shift, `while dragging, the drawn nodes are not moved by a transform: "${during.nodes}"`);
  t.expect(Math.abs(Number(shift[1]) - 120) < 2 && Math.abs(Number(shift[2]) - 60) < 2 && Math.abs(Number(shift[3]) - 1) < 1e-6,
    `a drag of (120, 60) px moved the drawing by ${shift.slice(1).join(", ")}`);
  t.expect(during.edges === during.nodes, `the edges (${during.edges}) do not move with the nodes (${during.nodes})`);
  t.expect(!during.mouse, "the layer that takes the mouse was moved too");
  await t.page.evaluate(() => {
    window.__drawn = false;
    window.caremap.sigma.once("afterRender", () => { window.__drawn = true; });
  });
  await t.page.mouse.up();
  await t.waitFor("the map is not drawn again after the drag", () => window.__drawn === true, undefined, 10_000);
  const after = await t.page.evaluate((id) => {
    const { sigma } = window.caremap;
    const p = sigma.framedGraphToViewport(sigma.getNodeDisplayData(id));
    return { x: p.x, y: p.y, transform: sigma.getCanvases().nodes.style.transform };
  }, probe.node);
  t.expect(!after.transform, `after drawing again, the layers keep a transform: ${after.transform}`);
  t.expect(Math.abs(after.x - probe.x - 120) < 2 && Math.abs(after.y - probe.y - 60) < 2,
    `after the drag the element is drawn at (${after.x}, ${after.y}), not 120, 60 px from (${probe.x}, ${probe.y})`);
  await t.page.evaluate(async (id) => {
    const me = await (await fetch("/api/v1/me")).json();
    const answer = await fetch(`/api/v1/maps/${id}`, { method: "DELETE", headers: { "x-csrf-token": me.csrf_token } });
    if (answer.status !== 204) throw new Error(`deleting the large map answered ${answer.status}`);
  }, made);
});

// ---- The runner. ---------------------------------------------------------------------------

/** For a step of a panel: clicks the button that opens it and waits for the element it
 *  needs; fails saying which is missing. */
async function opened(s) {
  t.expect((await t.page.locator(s.opens).count()) > 0, `the page has no ${s.opens} button`);
  await t.page.click(s.opens);
  await t.visible(s.needs, `${s.opens} does not open what the step needs`);
}

async function main() {
  mkdirSync(SHOTS, { recursive: true });
  t.browser = await launchChromium();
  t.context = await t.newContext();
  await t.context.addInitScript(paintProbe);
  t.page = await t.context.newPage();
  let passed = 0;
  let failed = 0;
  const started = Date.now();
  for (const s of STEPS) {
    const begun = Date.now();
    try {
      if (s.opens) await opened(s);
      await s.run(t);
      t.expect(t.foreign.length === 0, `the app requested other hosts: ${t.foreign.join(", ")}`);
      t.expect(t.pageErrors.length === 0, `the app threw: ${t.pageErrors.join("; ")}`);
      console.log(`ok    ${s.name} (${Date.now() - begun} ms)`);
      passed++;
    } catch (e) {
      failed++;
      console.log(`FAIL  ${s.name}\n      ${e instanceof StepFailure ? e.message : e.stack}`);
      try {
        await t.shot(`caremap-e2e-failure-${STEPS.indexOf(s) + 1}`, t.page, tmpdir());
      } catch {
        // no screenshot: the page is gone
      }
      break;
    }
  }
  await t.browser.close();
  const notRun = STEPS.length - passed - failed;
  console.log(
    `\nfirst paint of the demo map: ${t.results.firstPaintMs ?? "?"} ms from navigation, ${t.results.firstPaintFromClickMs ?? "?"} ms from the click in the maps list`,
  );
  console.log(`e2e: ${passed} passed, ${failed} failed${notRun ? `, ${notRun} not run` : ""} in ${Date.now() - started} ms`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`e2e: could not run: ${e.stack || e}`);
  process.exit(1);
});
