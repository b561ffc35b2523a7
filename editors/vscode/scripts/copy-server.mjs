// Copies the release build of gxlint (target/release/gxlint at the repository root, or the path
// in GXLINT_SERVER_BINARY) to server/gxlint, where the extension looks for its bundled server.
import { copyFileSync, chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const src = process.env.GXLINT_SERVER_BINARY
  ? resolve(process.env.GXLINT_SERVER_BINARY)
  : resolve(here, "../../../target/release/gxlint");
const dest = resolve(here, "../server/gxlint");

if (!existsSync(src) || !statSync(src).isFile()) {
  console.error(`copy-server: ${src} not found; run \`cargo build --release\` at the repository root first`);
  process.exit(1);
}
mkdirSync(dirname(dest), { recursive: true });
copyFileSync(src, dest);
chmodSync(dest, 0o755);
console.log(`copy-server: ${src} -> ${dest} (${statSync(dest).size} bytes)`);
