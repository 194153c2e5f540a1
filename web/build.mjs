// Bundles the browser app into one script and one stylesheet with esbuild, next to index.html.
// Run by crates/server/build.rs (the Rust build embeds the result), or by hand: npm run build.
// The output directory is CAREMAP_WEB_OUT, or dist/.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const out = process.env.CAREMAP_WEB_OUT || "dist";
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { app: "src/main.ts" },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "esm",
  target: ["chrome110", "firefox110", "safari16"],
  outdir: out,
  logLevel: "warning",
  legalComments: "none",
});
copyFileSync("src/index.html", join(out, "index.html"));
copyFileSync("src/app.css", join(out, "app.css"));
