// Bundles src/extension.ts and vscode-languageclient into one CommonJS file, dist/extension.js.
import { build } from "esbuild";

await build({
  entryPoints: ["src/extension.ts"],
  bundle: true,
  outfile: "dist/extension.js",
  external: ["vscode"],
  format: "cjs",
  platform: "node",
  target: "node20",
  sourcemap: false,
  minify: process.argv.includes("--minify"),
  logLevel: "info",
});
