// Functions the browser tests and measurements run inside the page (each self-contained:
// playwright sends its source to the page).

/** Installed before any script of a page: records when the app set window.caremap (its sigma
 *  has then drawn the graph once, synchronously) and when the next frame was presented;
 *  `window.__markStart()` starts a new measurement from now. */
export function paintProbe() {
  let value;
  window.__paint = null;
  Object.defineProperty(window, "caremap", {
    configurable: true,
    get: () => value,
    set: (v) => {
      value = v;
      if (window.__paint || !v || !v.graph || v.graph.order === 0) return;
      window.__paint = { drawn: performance.now(), painted: null, order: v.graph.order, size: v.graph.size };
      requestAnimationFrame(() => {
        window.__paint.painted = performance.now();
      });
    },
  });
  window.__markStart = () => {
    window.__paint = null;
    window.__start = performance.now();
  };
}

/** In the page: on the drawn map of `width` x `height` px, the first spot (scanning rows of
 *  the box `from`-`to`, fractions of the size) at least 6 px clear of every element, or null;
 *  and the element drawn nearest the middle. Pressing on an element would drag it, not the map. */
export function mapSpots({ width, height, from, to }) {
  const { sigma, graph } = window.caremap;
  const points = [];
  graph.forEachNode((n) => {
    const d = sigma.getNodeDisplayData(n);
    if (d) points.push({ id: n, ...sigma.framedGraphToViewport(d), r: sigma.scaleSize(d.size) + 6 });
  });
  let empty = null;
  for (let fy = from[1]; fy < to[1] && !empty; fy += 0.01) {
    for (let fx = from[0]; fx < to[0] && !empty; fx += 0.01) {
      const [x, y] = [fx * width, fy * height];
      if (points.every((p) => (p.x - x) ** 2 + (p.y - y) ** 2 > p.r ** 2)) empty = [x, y];
    }
  }
  const distance = (p) => (p.x - width / 2) ** 2 + (p.y - height / 2) ** 2;
  const middle = points.reduce((best, p) => (best && distance(best) <= distance(p) ? best : p), null);
  return { empty, middle };
}
