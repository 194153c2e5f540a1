// The graphology side of the benchmark harness (see docs/benchmarks.md).
//
//   NODE_PATH=DIR/node_modules node graphology.mjs TASK FILE N [--reference DIR]
//
// TASK: load, components, pagerank, louvain (others print {"skipped": why}). The packages
// (graphology, graphology-components, graphology-metrics, graphology-communities-louvain) are
// looked up from BENCH_NPM_DIR (the throwaway npm directory bench/run makes).
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const npmDir = process.env.BENCH_NPM_DIR || process.cwd();
const require = createRequire(path.join(path.resolve(npmDir), "package.json"));

const [task, file, nArg, ...rest] = process.argv.slice(2);
const n = Number(nArg);
let referenceDir = null;
for (let i = 0; i < rest.length; i += 2) {
  if (rest[i] === "--reference") referenceDir = rest[i + 1];
}
const stem = path.basename(file).replace(/\.[^.]*$/, "");
const out = { tool: "graphology", task, graph: stem, threads: 1 };

function reference(what) {
  if (!referenceDir) return null;
  const p = path.join(referenceDir, `${stem}.${what}.f64`);
  if (!existsSync(p)) return null;
  const b = readFileSync(p);
  const a = new Float64Array(b.buffer, b.byteOffset, b.length / 8);
  return a.length === n ? a : null;
}

function load() {
  const { UndirectedGraph } = require("graphology");
  const g = new UndirectedGraph();
  for (let i = 0; i < n; i++) g.addNode(String(i));
  const text = readFileSync(file, "utf8");
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (!line || line[0] === "#") continue;
    const space = line.indexOf(" ");
    g.mergeEdge(line.slice(0, space), line.slice(space + 1).trim());
  }
  return g;
}

const skip = {
  betweenness_exact: "not run (graphology-metrics betweenness is single-threaded JavaScript; out of scope here)",
  betweenness_sampled: "graphology has no sampled betweenness",
  leiden: "graphology has no Leiden",
};

if (skip[task]) {
  out.skipped = skip[task];
} else {
  let t = performance.now();
  const g = load();
  const loadSeconds = (performance.now() - t) / 1000;
  if (task === "load") {
    out.seconds = loadSeconds;
    out.result = { nodes: g.order, edges: g.size };
  } else if (task === "components") {
    const { connectedComponents } = require("graphology-components");
    t = performance.now();
    const c = connectedComponents(g);
    out.seconds = (performance.now() - t) / 1000;
    out.result = { count: c.length, largest: Math.max(...c.map((x) => x.length)) };
  } else if (task === "pagerank") {
    const pagerank = require("graphology-metrics/centrality/pagerank");
    t = performance.now();
    const pr = pagerank(g, { alpha: 0.85 });
    out.seconds = (performance.now() - t) / 1000;
    let sum = 0;
    let max = 0;
    let err = 0;
    const ref = reference("pagerank");
    for (let i = 0; i < n; i++) {
      const x = pr[String(i)];
      sum += x;
      max = Math.max(max, x);
      if (ref) err = Math.max(err, Math.abs(ref[i] - x));
    }
    out.result = { sum, max };
    if (ref) out.result.max_abs_error = err;
  } else if (task === "louvain") {
    const louvain = require("graphology-communities-louvain");
    t = performance.now();
    const details = louvain.detailed(g, { rng: mulberry(42) });
    out.seconds = (performance.now() - t) / 1000;
    out.result = { modularity: details.modularity, communities: details.count };
  } else {
    out.skipped = `unknown task ${task}`;
  }
}
console.log(JSON.stringify(out));

function mulberry(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
