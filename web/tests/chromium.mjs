// Starting Debian's Chromium for the browser tests and measurements: headless, software WebGL
// (SwiftShader: CI machines have no GPU), and none of the background services that would try
// to reach Google's hosts from a closed network. CAREMAP_CHROMIUM names another binary.
import { chromium } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--use-gl=swiftshader",
  "--enable-unsafe-swiftshader",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Launches Chromium for a test. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CAREMAP_CHROMIUM || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
  });
}
