// Moving around a large map without redrawing it at every frame.
//
// Sigma redraws every element and connection each time the camera moves. With a GPU that is
// cheap; without one (a tablet, an old laptop, a virtual machine: WebGL drawn on the CPU) a
// map of ten thousand elements takes a good part of a second per frame, and a drag crawls. So
// on large maps a move does not redraw: the layers already drawn are shifted and scaled with a
// CSS transform, which the browser's compositor applies to the finished pictures at screen
// rate, and the map is drawn once, for real, when the camera comes to rest (Leaflet moves its
// tiles the same way). What comes into view during the move is blank until then. No library
// does this for sigma, hence this module.

import type Sigma from "sigma";
import type { CameraState } from "sigma/types";

/** How long the camera must rest before the map is drawn again. */
const REST_MS = 120;

export interface FastCamera {
  /** How many real draws the moves have cost (for the performance measurement). */
  draws(): number;
}

/** Makes camera moves of `sigma` transform the drawn layers instead of redrawing them. */
export function fastCamera(sigma: Sigma): FastCamera {
  const camera = sigma.getCamera();
  // Sigma's own listener redraws at each camera update; ours replaces it.
  const own = (sigma as any).activeListeners?.camera;
  if (own) camera.removeListener("updated", own);
  // Hiding edges and labels while moving is for renderers that do redraw.
  sigma.setSetting("hideEdgesOnMove", false);
  sigma.setSetting("hideLabelsOnMove", false);

  let drawn: CameraState = camera.getState();
  let draws = 0;
  let timer: number | undefined;
  let moved = false;
  const layers = () => Object.entries(sigma.getCanvases()).filter(([name]) => name !== "mouse").map(([, c]) => c);

  sigma.on("afterRender", () => {
    drawn = camera.getState();
    if (moved) {
      moved = false;
      for (const c of layers()) c.style.transform = "";
    }
  });

  const settle = () => {
    timer = undefined;
    const captor = sigma.getMouseCaptor() as any;
    if (camera.isAnimated() || captor.isMouseDown) {
      timer = window.setTimeout(settle, REST_MS);
      return;
    }
    draws++;
    sigma.scheduleRender();
  };

  camera.on("updated", (now: CameraState) => {
    // Where two points drawn under the last drawn camera are under the camera now: the move
    // is a scale and a shift (sigma's camera is not rotated here).
    const before = [sigma.framedGraphToViewport({ x: 0, y: 0 }, { cameraState: drawn }), sigma.framedGraphToViewport({ x: 1, y: 1 }, { cameraState: drawn })];
    const after = [sigma.framedGraphToViewport({ x: 0, y: 0 }, { cameraState: now }), sigma.framedGraphToViewport({ x: 1, y: 1 }, { cameraState: now })];
    const span = before[1].x - before[0].x;
    const scale = span !== 0 ? (after[1].x - after[0].x) / span : 1;
    const dx = after[0].x - scale * before[0].x;
    const dy = after[0].y - scale * before[0].y;
    moved = true;
    for (const c of layers()) {
      c.style.transformOrigin = "0 0";
      c.style.transform = `translate(${dx}px, ${dy}px) scale(${scale})`;
    }
    if (timer !== undefined) window.clearTimeout(timer);
    timer = window.setTimeout(settle, REST_MS);
  });
  return { draws: () => draws };
}

/** Whether a map is large enough for [`fastCamera`]. */
export function wantsFastCamera(elements: number, connections: number): boolean {
  return elements > 2000 || connections > 8000;
}
