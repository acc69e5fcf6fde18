// End-to-end check of the VS Code extension in a real VS Code (code-server, VS Code in the
// browser), driven by Playwright: open a letter, wait for plainly's diagnostics in the
// editor and the Problems panel, read the code lens, apply a quick fix with Ctrl+. and
// check the text and the next diagnostics. Run by run.sh; exits non-zero on a failure.
const { chromium } = require("playwright-core");

const url = process.env.CS_URL;
const shots = process.env.E2E_SHOTS; // a folder for screenshots, optional
const checks = [];
function check(name, ok, detail) {
  checks.push({ name, ok });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail === undefined ? "" : ": " + detail}`);
}

async function poll(fn, ms) {
  const t0 = Date.now();
  let v = await fn();
  while (!v && Date.now() - t0 < ms) {
    await new Promise((r) => setTimeout(r, 500));
    v = await fn();
  }
  return v;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  try {
    await page.goto(url);
    await page.waitForSelector(".monaco-workbench", { timeout: 90000 });
    // Open the letter from the explorer.
    await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "lettre.md" })
      .click({ timeout: 60000 });
    await page.waitForSelector(".monaco-editor .view-lines", { timeout: 30000 });

    // Diagnostics: squiggles, then the Problems panel with rule ids and French messages.
    const squiggles = ".monaco-editor [class*='squiggly-']";
    const n = await poll(async () => (await page.locator(squiggles).count()) || 0, 60000);
    check("squiggles in the editor", n > 0, n);
    await page.keyboard.press("Control+Shift+M");
    const rows = ".markers-panel .monaco-list-row";
    const problems = await poll(async () => {
      const r = await page.locator(rows).allInnerTexts();
      return r.length > 1 ? r : null;
    }, 20000) || [];
    for (const p of problems) console.log("     problem: " + p.replace(/\n/g, " | "));
    const cliche = problems.find((p) => p.includes("« à compter de »"));
    check("Problems panel: admin-cliche with its French message",
      !!cliche && cliche.includes("admin-cliche") && cliche.includes("plainly")
        && cliche.includes("À partir de » est le mot de tous les jours"));
    // Its column: after an emoji (2 UTF-16 units) and accented words.
    check("Problems panel: at Ln 3, Col 150", !!cliche && cliche.includes("[Ln 3, Col 150]"), cliche);

    // The code lens with the plain-language score.
    const lens = await poll(async () =>
      (await page.locator(".monaco-editor .codelens-decoration").allInnerTexts()).join(" / "), 20000);
    check("code lens with the score", /Score de langage clair \d+\/100/.test(lens || ""), lens);

    // Ctrl+. on « à compter de »: the preferred fix comes first; Enter applies it.
    await page.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("Control+G");
    await page.waitForSelector(".quick-input-widget input", { timeout: 10000 });
    await page.keyboard.type("3:152");
    await page.keyboard.press("Enter");
    await page.waitForTimeout(500);
    await page.keyboard.press("Control+.");
    await page.waitForSelector(".action-widget .monaco-list-row", { timeout: 20000 });
    const actions = await page.locator(".action-widget .monaco-list-row").allInnerTexts();
    for (const a of actions) console.log("     action: " + a.replace(/\n/g, " | "));
    check("quick fixes offered", actions.some((a) => a.includes("Ignorer « admin-cliche » pour cette ligne")));
    const focused = await page.locator(".action-widget .monaco-list-row.focused").innerText();
    check("preferred fix first", focused.includes("Remplacer par « à partir de »"), focused);
    await page.keyboard.press("Enter");
    const text = await poll(async () => {
      const t = (await page.locator(".monaco-editor .view-lines").innerText()).replace(/\u00a0/g, " ");
      return t.includes("à partir de") ? t : null;
    }, 10000) || "";
    check("fix applied at the right place",
      text.replace(/\s+/g, " ").includes("quinze jours à partir de la réception de la présente."),
      text.replace(/\n/g, " / "));
    // The next analysis no longer reports it.
    const gone = await poll(async () => {
      const r = await page.locator(rows).allInnerTexts();
      return r.length > 1 && !r.some((x) => x.includes("« à compter de »"));
    }, 20000);
    check("finding gone after the edit", !!gone);
  } catch (e) {
    check("no error", false, String(e).split("\n")[0]);
  } finally {
    if (shots) await page.screenshot({ path: `${shots}/vscode-e2e.png` }).catch(() => {});
    await browser.close();
  }
  const failed = checks.filter((c) => !c.ok).length;
  console.log(`${checks.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
