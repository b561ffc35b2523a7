// Opens the page of `gxlint review` in Debian's chromium (playwright-core, as the VS Code
// end-to-end does), from disk: measures how long it takes to open, sorts and filters the report
// table, opens a report's findings and a rule's documentation, checks that the page asks for
// nothing over the network, and takes screenshots at desktop and phone width.
//
// Env (set by .ci/e2e-review.sh):
//   REVIEW_PAGE     the review.html to open (a batch with planted defects and carry-over breaks)
//   REVIEW_REPORTS  how many files the batch holds
//   SCREENSHOT_DIR  where the screenshots go
//   CHROMIUM        the browser (default /usr/bin/chromium)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const PAGE = process.env.REVIEW_PAGE;
const N = Number(process.env.REVIEW_REPORTS);
const SHOTS = process.env.SCREENSHOT_DIR;
const OPEN_LIMIT_MS = 2000;

let browser;
let page;
const requests = [];

function log(msg) {
  process.stderr.write(`[review.test] ${msg}\n`);
}

async function shot(p, name, opts = {}) {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, name);
  await p.screenshot({ path, ...opts });
  log(`screenshot ${path}`);
}

async function shownCount(p = page) {
  const t = await p.locator("#shown").innerText();
  const m = t.match(/显示 (\d+) \/ (\d+)/);
  assert.ok(m, `count line: ${t}`);
  return [Number(m[1]), Number(m[2])];
}

before(async () => {
  assert.ok(PAGE && N && SHOTS, "REVIEW_PAGE, REVIEW_REPORTS, SCREENSHOT_DIR must be set");
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "zh-CN" });
  page = await ctx.newPage();
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => { throw e; });
});

after(async () => {
  await browser?.close();
});

test("the page opens from disk in under 2 s, offline", async () => {
  const url = pathToFileURL(PAGE).href;
  const t0 = Date.now();
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 30_000 });
  const ms = Date.now() - t0;
  const nav = await page.evaluate(() => {
    const e = performance.getEntriesByType("navigation")[0];
    return { load: Math.round(e.loadEventEnd), dom: Math.round(e.domContentLoadedEventEnd) };
  });
  log(`opened ${N} reports in ${ms} ms (domContentLoaded ${nav.dom} ms, load ${nav.load} ms)`);
  assert.ok(ms < OPEN_LIMIT_MS, `opened in ${ms} ms, limit ${OPEN_LIMIT_MS} ms`);
  const [shown, total] = await shownCount();
  assert.equal(total, N);
  assert.equal(shown, N);
  assert.equal(await page.locator("#rows tr.r").count(), N);
  const foreign = requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:"));
  assert.deepEqual(foreign, [], "no request leaves the file");
  await shot(page, "review-desktop.png");
});

test("sorting by errors and by a key figure", async () => {
  await page.locator('#table th[data-k="e"]').click();
  assert.equal(await page.locator('#table th[data-k="e"]').getAttribute("aria-sort"), "descending");
  const errs = (await page.locator("#rows tr.r td:nth-child(5)").evaluateAll(
    (tds) => tds.slice(0, 200).map((t) => Number(t.textContent || 0))));
  assert.ok(errs[0] >= 1, `most errors first: ${errs[0]}`);
  for (let i = 1; i < errs.length; i++) assert.ok(errs[i - 1] >= errs[i], `sorted at ${i}`);
  await page.locator('#table th[data-k="f0"]').click();
  const figs = (await page.locator("#rows tr.r td:nth-child(9)").evaluateAll(
    (tds) => tds.slice(0, 50).map((t) => Number(t.textContent))));
  for (let i = 1; i < figs.length; i++) assert.ok(figs[i - 1] >= figs[i], `new sorted at ${i}`);
  await page.locator('#table th[data-k="agency"]').click();
  assert.equal(await page.locator('#table th[data-k="agency"]').getAttribute("aria-sort"), "ascending");
});

test("filtering by rule, severity and agency", async () => {
  await page.selectOption("#f-rule", "GX701");
  const [withCarry] = await shownCount();
  assert.ok(withCarry > 0 && withCarry < N, `GX701 rows: ${withCarry}`);
  const expected = await page.evaluate(() => {
    const d = JSON.parse(document.getElementById("data").textContent);
    return d.r.filter((r) => r[10].some((f) => f[0] === "GX701")).length;
  });
  assert.equal(withCarry, expected);
  await page.selectOption("#f-rule", "");
  await page.selectOption("#f-sev", "0");
  const [withErrors] = await shownCount();
  const errCells = await page.locator("#rows tr.r td:nth-child(5)").evaluateAll(
    (tds) => tds.map((t) => Number(t.textContent || 0)));
  assert.equal(errCells.length, withErrors);
  assert.ok(errCells.every((n) => n > 0), "every shown report has an error");
  await page.selectOption("#f-sev", "");
  const agency = (await page.locator("#rows tr.r td:first-child").first().innerText()).split("\n")[0];
  const part = agency.slice(0, Math.min(agency.length, 6));
  await page.fill("#f-agency", part);
  await page.waitForFunction((p) => {
    const rows = [...document.querySelectorAll("#rows tr.r td:first-child")];
    return rows.length > 0 && rows.every((td) => td.textContent.includes(p));
  }, part);
  const [byAgency] = await shownCount();
  assert.ok(byAgency >= 1 && byAgency < N, `agency "${part}": ${byAgency}`);
  await page.fill("#f-agency", "");
  await page.waitForFunction((n) => document.querySelectorAll("#rows tr.r").length === n, N);
});

test("a report's findings with the excerpt, and the rule's documentation", async () => {
  await page.selectOption("#f-rule", "GX303");
  const row = page.locator("#rows tr.r").first();
  await row.click();
  const detail = page.locator("#rows tr.d").first();
  await detail.waitFor({ state: "visible" });
  const text = await detail.innerText();
  assert.match(text, /GX303/);
  assert.match(text, /应为 \d+，实为 \d+/);
  const mark = detail.locator("pre.src mark").first();
  assert.ok((await mark.innerText()).trim().length > 0, "the cell is highlighted");
  await shot(page, "review-findings.png");
  await detail.locator("button.code", { hasText: "GX303" }).first().click();
  const dlg = page.locator("dialog#doc");
  await dlg.waitFor({ state: "visible" });
  assert.match(await dlg.innerText(), /GX303 row-total/);
  await page.keyboard.press("Escape");
  await dlg.waitFor({ state: "hidden" });
  await page.selectOption("#f-rule", "");
});

test("readable on a phone", async () => {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "zh-CN",
  });
  const p = await ctx.newPage();
  await p.goto(pathToFileURL(PAGE).href);
  await p.waitForSelector("html[data-ready]", { timeout: 30_000 });
  const width = await p.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 400, `no sideways scrolling: ${width}px`);
  await p.selectOption("#f-rule", "GX701");
  await p.locator("#rows tr.r").first().click();
  await p.locator("#rows tr.d").first().waitFor({ state: "visible" });
  await p.locator("#reports").scrollIntoViewIfNeeded();
  await shot(p, "review-phone.png");
  await ctx.close();
});

test("print layout hides the controls", async () => {
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".controls").isVisible(), false);
  assert.equal(await page.locator("#summary").isVisible(), true);
  await page.emulateMedia({ media: "screen" });
});
