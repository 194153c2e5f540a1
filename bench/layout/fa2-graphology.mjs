// Times graphology-layout-forceatlas2 on a network written by
// `cargo run --release -p caremap-core --example fa2_bench` and writes the positions.
//
// Usage: node fa2-graphology.mjs IN.txt OUT.txt [ITERATIONS]
// IN.txt: a line "n m", then n lines "x y" (the start positions), then m lines "u v".
// OUT.txt: n lines "x y". Prints {"seconds": ..., "iterations": ...} on stdout.
// Settings: inferSettings (strong gravity 0.05, scaling 10, slowDown 1 + ln n) with Barnes-Hut
// on and theta 1.2, the settings caremap's ForceAtlas2Options::default() copies.
import { readFileSync, writeFileSync } from 'node:fs';
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

const [input, output, iterationsArg] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node fa2-graphology.mjs IN.txt OUT.txt [ITERATIONS]');
  process.exit(2);
}
const iterations = Number(iterationsArg ?? 100);
const lines = readFileSync(input, 'utf8').split('\n');
const [n, m] = lines[0].split(' ').map(Number);
const graph = new Graph({ type: 'undirected', multi: false });
for (let i = 0; i < n; i++) {
  const [x, y] = lines[1 + i].split(' ').map(Number);
  graph.addNode(i, { x, y });
}
for (let e = 0; e < m; e++) {
  const [u, v] = lines[1 + n + e].split(' ');
  graph.addEdge(u, v);
}

const settings = {
  ...forceAtlas2.inferSettings(graph),
  barnesHutOptimize: true,
  barnesHutTheta: 1.2,
};
const start = process.hrtime.bigint();
const positions = forceAtlas2(graph, { iterations, settings });
const seconds = Number(process.hrtime.bigint() - start) / 1e9;

const out = [];
for (let i = 0; i < n; i++) out.push(`${positions[i].x} ${positions[i].y}`);
writeFileSync(output, out.join('\n') + '\n');
console.log(JSON.stringify({ seconds, iterations, nodes: n, edges: m }));
