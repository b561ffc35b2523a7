// Drives a real VS Code (code-server) with the gxlint .vsix installed, through Debian's chromium.
//
// Env (set by .ci/e2e-vscode.sh):
//   CODE_SERVER_URL  http://127.0.0.1:PORT/ serving the folder GXLINT_E2E_DIR
//   GXLINT_E2E_DIR   the folder of drafts; defective.md carries two planted defects:
//                    `扫一扫在手机打开当前页` (GX503) and `365体育官网` (GX504)
//   GXLINT           the gxlint binary, to check the saved file
//   SCREENSHOT_DIR   where the screenshots go
//   CHROMIUM         the browser (default /usr/bin/chromium)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const URL = process.env.CODE_SERVER_URL;
const DIR = process.env.GXLINT_E2E_DIR;
const GXLINT = process.env.GXLINT;
const SHOTS = process.env.SCREENSHOT_DIR;
const RESIDUE = "扫一扫在手机打开当前页";
const SPAM = "365体育官网";
const DRAFT = "defective.md";
const T = 60_000;

let browser;
let page;

function log(msg) {
  process.stderr.write(`[vscode.test] ${msg}\n`);
}

async function shot(name) {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, name);
  await page.screenshot({ path });
  log(`screenshot ${path}`);
}

/** Runs a command from the command palette by its title. */
async function runCommand(title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: T });
  await input.fill(`>${title}`);
  const row = page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first();
  await row.waitFor({ state: "visible", timeout: T });
  await page.keyboard.press("Enter");
  await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: T });
}

/** Rows of the Problems panel (the panel is opened on first use). */
function problemRows() {
  return page.locator(".markers-panel .monaco-list-row");
}

async function problemsText() {
  return (await problemRows().allInnerTexts()).join("\n");
}

async function waitForProblems(pred, what) {
  const deadline = Date.now() + T;
  let text = "";
  while (Date.now() < deadline) {
    text = await problemsText();
    if (pred(text)) {
      return text;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`${what}; the Problems panel shows:\n${text}`);
}

function savedDraft() {
  return readFileSync(join(DIR, DRAFT), "utf8");
}

async function save() {
  const before = savedDraft();
  await page.keyboard.press("Control+S");
  const deadline = Date.now() + T;
  while (Date.now() < deadline && savedDraft() === before) {
    await page.waitForTimeout(200);
  }
}

before(async () => {
  assert.ok(URL && DIR && GXLINT && SHOTS, "CODE_SERVER_URL, GXLINT_E2E_DIR, GXLINT, SCREENSHOT_DIR must be set");
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on("pageerror", (e) => log(`page error: ${e.message}`));
  await page.goto(URL, { waitUntil: "domcontentloaded", timeout: T });
  await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: T });
  // The explorer shows the drafts folder once the workbench is up.
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: DRAFT }).first()
    .waitFor({ state: "visible", timeout: T });
});

after(async () => {
  await browser?.close();
});

test("the extension starts its bundled server and diagnostics show in the Problems panel", async () => {
  // Open the draft through Quick Open.
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: T });
  await input.fill(DRAFT);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: DRAFT }).first()
    .waitFor({ state: "visible", timeout: T });
  await page.keyboard.press("Enter");
  await page.locator(".monaco-editor .view-lines").first().waitFor({ state: "visible", timeout: T });
  await runCommand("View: Focus Problems");
  const text = await waitForProblems(
    (t) => t.includes("GX503") && t.includes("GX504"),
    "GX503 and GX504 not shown",
  );
  log(`problems:\n${text}`);
  // Each marker row shows the message, the source, the code and the position. Positions are
  // VS Code's 1-based line and UTF-16 column: the residue is a whole line, the spam starts after
  // the title's text.
  const lines = readFileSync(join(DIR, DRAFT), "utf8").split("\n");
  const residueLn = lines.findIndex((l) => l.includes(RESIDUE)) + 1;
  const spamLn = lines.findIndex((l) => l.includes(SPAM)) + 1;
  const spamCol = lines[spamLn - 1].indexOf(SPAM) + 1;
  const rows = await problemRows().allInnerTexts();
  const has = (code, ln, col) =>
    rows.some((r) => r.includes("gxlint") && r.includes(code) && r.includes(`[Ln ${ln}, Col ${col}]`));
  assert.ok(has("GX503", residueLn, 1), `no gxlint GX503 row at [Ln ${residueLn}, Col 1]`);
  assert.ok(has("GX504", spamLn, spamCol), `no gxlint GX504 row at [Ln ${spamLn}, Col ${spamCol}]`);
  // Squiggles in the editor itself.
  await page.locator(".monaco-editor .squiggly-warning, .monaco-editor .squiggly-error").first()
    .waitFor({ state: "attached", timeout: T });
  await shot("vscode-diagnostics.png");
});

test("a quick fix removes the web residue line", async () => {
  // Double-clicking the problem selects its range in the editor and focuses the editor;
  // Ctrl+. then lists the quick fixes there.
  const row = problemRows().filter({ hasText: "GX503" }).first();
  await row.dblclick();
  await page.locator(".monaco-editor.focused").first().waitFor({ state: "visible", timeout: T });
  await page.keyboard.press("Control+.");
  const items = page.locator(".action-widget .monaco-list-row.action");
  try {
    await items.first().waitFor({ state: "visible", timeout: T });
  } catch (e) {
    await shot("debug-quickfix.png");
    const html = await page.locator(".context-view").first().evaluate((n) => n.outerHTML).catch(() => "none");
    log(`context view: ${html.slice(0, 3000)}`);
    throw e;
  }
  const titles = await items.allInnerTexts();
  log(`quick fixes offered: ${JSON.stringify(titles)}`);
  const idx = titles.findIndex((t) => t.includes("GX503") && !/disable|停用|禁用|忽略/i.test(t));
  assert.ok(idx >= 0, `no fix among ${JSON.stringify(titles)}`);
  await items.nth(idx).click();
  await waitForProblems((t) => !t.includes("GX503") && t.includes("GX504"), "GX503 still shown after the quick fix");
  await save();
  const saved = savedDraft();
  assert.ok(!saved.includes(RESIDUE), "the residue line is still in the saved file");
  assert.ok(saved.includes(SPAM), "the quick fix touched more than the residue");
});

test("gxlint: Fix All applies source.fixAll.gxlint and the saved draft passes gxlint check", async () => {
  await runCommand("gxlint: Fix All");
  await waitForProblems((t) => !t.includes("GX504"), "GX504 still shown after Fix All");
  await save();
  const saved = savedDraft();
  assert.ok(!saved.includes(SPAM), "the spam is still in the saved file");
  await shot("vscode-fixed.png");
  // The file VS Code saved is clean for the CLI too (exit status 0).
  let out = "";
  try {
    out = execFileSync(GXLINT, ["check", join(DIR, DRAFT)], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    assert.fail(`gxlint check failed on the saved draft:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
  log(`gxlint check: ${out.trim()}`);
});
