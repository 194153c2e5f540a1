// The browser app on a large map, measured: not part of the test suite (it takes a minute or
// more). It generates a network (10,000 elements and 50,000 connections by default), starts a
// caremap server of its own on a free port of 127.0.0.1 with a throwaway database, imports the
// network into a map through the API, opens it in headless Chromium and prints
//   - the time to first paint: from navigation to the first frame after sigma drew the graph,
//     once with the server's layout cache cold (the first open computes the positions) and once
//     warm (a reload);
//   - the frame rate while panning: animation frames counted during a 3 s mouse drag across the
//     map, and the time from the release to the map drawn again; the same for a 3 s camera
//     animation; and, for comparison, the frame rate when the whole map is redrawn every frame.
//
//   node web/tests/perf.mjs [--elements N] [--connections N] [--bin PATH]
//
// The binary is --bin, CAREMAP_BIN, target/release/caremap or target/debug/caremap (the first
// that exists; a debug server makes the cold first paint slower, not the browser). Chromium is
// CAREMAP_CHROMIUM or /usr/bin/chromium, with the same flags as e2e.mjs (software WebGL:
// SwiftShader, so the frame rate is that of a machine without a GPU). Every request for another
// host is refused and counted.

import { launchChromium } from "./chromium.mjs";
import { mapSpots, paintProbe } from "./probes.mjs";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const ELEMENTS = Number(option("elements", 10000));
const CONNECTIONS = Number(option("connections", 50000));
const BIN =
  option("bin", process.env.CAREMAP_BIN) ||
  [join(REPO, "target/release/caremap"), join(REPO, "target/debug/caremap")].find((p) => existsSync(p));
const EMAIL = "perf@example.org";
const PASSWORD = "a long perf passphrase";
function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

function caremap(args, input) {
  const run = spawnSync(BIN, args, { input, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`caremap ${args.join(" ")} failed: ${run.stderr}`);
  return run.stdout;
}

async function waitForServer(base, child, log) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server stopped: ${log()}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not start in 30 s: ${log()}`);
}

/** In the page: pans the camera across the map for `ms` and counts animation frames. */
function pan(ms) {
  return new Promise((done) => {
    const camera = window.caremap.sigma.getCamera();
    const start = camera.getState();
    let frames = 0;
    let longest = 0;
    let last = performance.now();
    const began = last;
    let running = true;
    const tick = (now) => {
      frames++;
      longest = Math.max(longest, now - last);
      last = now;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    camera.animate({ x: start.x + 0.6, y: start.y + 0.3, ratio: start.ratio }, { duration: ms, easing: "linear" }, () => {
      running = false;
      const elapsed = performance.now() - began;
      done({ frames, elapsed, fps: (frames * 1000) / elapsed, longestFrame: longest });
    });
  });
}

async function main() {
  if (!BIN) throw new Error("no caremap binary: build one (cargo build --release -p caremap) or pass --bin");
  const dir = mkdtempSync(join(tmpdir(), "caremap-perf-"));
  const file = join(dir, "big.json");
  console.log(`binary: ${BIN}`);
  let t0 = Date.now();
  caremap(["generate", "--elements", String(ELEMENTS), "--connections", String(CONNECTIONS), "-o", file]);
  console.log(`generated ${ELEMENTS} elements and ${CONNECTIONS} connections in ${Date.now() - t0} ms`);

  const data = join(dir, "data");
  caremap(["user", "add", "--admin", "--email", EMAIL, "--name", "Perf", "--password-stdin", "--data", data], `${PASSWORD}\n`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let serverLog = "";
  const server = spawn(BIN, ["serve", "--bind", `127.0.0.1:${port}`, "--data", data, "--no-demo", "--request-timeout", "600"], {
    env: { ...process.env, CAREMAP_LOG: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout.on("data", (d) => (serverLog += d));
  server.stderr.on("data", (d) => (serverLog += d));
  let browser;
  try {
    await waitForServer(base, server, () => serverLog);

    // Sign in, make a map, import the file.
    const login = await fetch(`${base}/api/v1/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
    const cookie = login.headers.get("set-cookie").split(";")[0];
    const { csrf_token: csrf } = await login.json();
    const headers = { cookie, "x-csrf-token": csrf };
    const made = await (
      await fetch(`${base}/api/v1/maps`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ name: "Perf map" }),
      })
    ).json();
    t0 = Date.now();
    const imported = await fetch(`${base}/api/v1/maps/${made.id}/import?filename=big.json`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/octet-stream" },
      body: readFileSync(file),
    });
    if (!imported.ok) throw new Error(`import: ${imported.status} ${await imported.text()}`);
    const summary = await imported.json();
    console.log(`imported into map ${made.id} in ${Date.now() - t0} ms: ${summary.elements} elements, ${summary.connections} connections`);

    // Open it in Chromium, signed in with the same session.
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
    const foreign = [];
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== base) {
        foreign.push(url.href);
        return route.abort("blockedbyclient");
      }
      return route.continue();
    });
    await context.addCookies([{ name: cookie.split("=")[0], value: cookie.slice(cookie.indexOf("=") + 1), url: base }]);
    await context.addInitScript(paintProbe);
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));

    const paint = async (what) => {
      await page.waitForFunction(() => window.__paint && window.__paint.painted !== null, null, { timeout: 600_000, polling: 100 });
      const p = await page.evaluate(() => window.__paint);
      console.log(
        `first paint (${what}): ${Math.round(p.painted)} ms from navigation (graph drawn at ${Math.round(p.drawn)} ms): ${p.order} elements, ${p.size} connections`,
      );
      return p;
    };
    await page.goto(`${base}/maps/${made.id}`);
    const cold = await paint("server layout cache cold: positions computed");
    await page.reload();
    const warm = await paint("warm: a reload");

    const requests = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .filter((r) => r.name.includes("/api/"))
        .map((r) => ({ path: new URL(r.name).pathname + new URL(r.name).search, start: r.startTime, end: r.responseEnd, bytes: r.encodedBodySize })),
    );
    for (const r of requests) {
      console.log(`  (warm) ${r.path}: ${Math.round(r.start)} to ${Math.round(r.end)} ms, ${(r.bytes / 1e6).toFixed(1)} MB`);
    }
    const last = Math.max(...requests.map((r) => r.end));
    console.log(`  (warm) from the last answer to the graph drawn: ${Math.round(warm.drawn - last)} ms (the app's own work)`);

    const renders = await page.evaluate(() => {
      const sigma = window.caremap.sigma;
      const times = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        sigma.render();
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b);
    });
    console.log(`  one sigma.render() on the page's thread: ${Math.round(renders[2])} ms (median of 5)`);

    await page.waitForTimeout(500);
    const fast = await page.evaluate(() => !!window.caremap.fastCamera);
    console.log(`  fast camera (moves transform the drawn map, drawn again at rest): ${fast ? "on" : "off"}`);

    // A person's drag across the map: 3 s of mouse moves, every 16 ms.
    const box = await page.locator("#graph").boundingBox();
    // Start on empty ground: pressing on an element would drag the element, not the map.
    const spots = await page.evaluate(mapSpots, { width: box.width, height: box.height, from: [0.15, 0.2], to: [0.5, 0.6] });
    const start = spots.empty ?? [box.width * 0.3, box.height * 0.3];
    const [x0, y0] = [box.x + start[0], box.y + start[1]];
    await page.mouse.move(x0, y0);
    await page.evaluate(() => {
      window.__frames = { count: 0, longest: 0, last: performance.now(), running: true };
      const tick = (now) => {
        const f = window.__frames;
        f.count++;
        f.longest = Math.max(f.longest, now - f.last);
        f.last = now;
        if (f.running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const began = Date.now();
    await page.mouse.down();
    let steps = 0;
    while (Date.now() - began < 3000) {
      const k = (Date.now() - began) / 3000;
      await page.mouse.move(x0 + k * box.width * 0.4, y0 + k * box.height * 0.3);
      await page.waitForTimeout(16);
      steps++;
    }
    const dragged = await page.evaluate(() => {
      const f = window.__frames;
      f.running = false;
      return { frames: f.count, longest: f.longest };
    });
    await page.mouse.up();
    const settled = await page.evaluate(
      () => new Promise((done) => {
        const t0 = performance.now();
        window.caremap.sigma.once("afterRender", () => done(performance.now() - t0));
        setTimeout(() => done(-1), 5000);
      }),
    );
    const dragMs = Date.now() - began;
    const dragFps = (dragged.frames * 1000) / dragMs;
    console.log(
      `dragging the map for 3 s (${steps} mouse moves): ${dragged.frames} frames = ${dragFps.toFixed(1)} frames per second (longest frame ${Math.round(dragged.longest)} ms); drawn again ${Math.round(settled)} ms after the release`,
    );

    // A camera animation across the map (as a search moves to its find).
    const moved = await page.evaluate(pan, 3000);
    await page.waitForTimeout(600);
    console.log(
      `  a 3 s camera animation: ${moved.frames} frames = ${moved.fps.toFixed(1)} frames per second (longest frame ${Math.round(moved.longestFrame)} ms)`,
    );

    // For comparison: redrawing the whole map at every frame, as sigma does by itself.
    const full = await page.evaluate(
      (ms) => new Promise((done) => {
        const sigma = window.caremap.sigma;
        let frames = 0;
        let longest = 0;
        const began = performance.now();
        let last = began;
        const tick = (now) => {
          frames++;
          longest = Math.max(longest, now - last);
          last = now;
          sigma.render();
          if (now - began < ms) requestAnimationFrame(tick);
          else done({ fps: (frames * 1000) / (now - began), longest });
        };
        requestAnimationFrame(tick);
      }),
      3000,
    );
    console.log(
      `  for comparison, redrawing the whole map at every frame: ${full.fps.toFixed(1)} frames per second (longest frame ${Math.round(full.longest)} ms)`,
    );
    const movedFps = dragFps;
    if (foreign.length) console.log(`requests for other hosts (refused): ${foreign.join(", ")}`);
    if (errors.length) console.log(`the app threw: ${errors.join("; ")}`);
    console.log(`  machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} (SwiftShader draws on these cores)`);
    console.log(
      `\nperf: ${ELEMENTS} elements / ${CONNECTIONS} connections: first paint ${Math.round(cold.painted)} ms cold, ${Math.round(warm.painted)} ms warm; ${movedFps.toFixed(1)} fps while dragging, drawn ${Math.round(settled)} ms after the release`,
    );
    if (foreign.length || errors.length || warm.order !== ELEMENTS) process.exitCode = 1;
  } finally {
    if (browser) await browser.close();
    server.kill("SIGTERM");
    if (server.exitCode === null) await new Promise((r) => { server.once("exit", r); setTimeout(r, 10_000); });
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`perf: ${e.stack || e}`);
  process.exit(1);
});
