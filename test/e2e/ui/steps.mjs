// Playwright UI script for the macvlan-spec e2e run (MVS_E2E_UI_SCRIPT, see scripts/e2e/README.md).
// It does nothing by itself: it serves the steps the extension tests ask for (protocol in
// test/e2e/suite/uiSteps.ts), one at a time, until the tests send "done". The tests put the
// workbench in the right state through the VS Code API first (open the spec, wait for its
// diagnostics, open the view); each step here does what needs a browser and returns what it saw.
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const STEP_TIMEOUT_MS = 45_000;

/** Centre of the first element of `locator` once it is visible and laid out. */
async function centreOf(page, locator, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const box = await locator.first().boundingBox().catch(() => null);
    if (box && box.width > 0 && box.height > 0) return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    if (Date.now() > deadline) throw new Error(`${what} not visible within ${timeoutMs} ms`);
    await page.waitForTimeout(100);
  }
}

/** Waits until `locator`'s element and its ancestors are done fading in (hovers and menus animate). */
async function settled(page, locator, timeoutMs = 3_000) {
  const el = await locator.first().elementHandle();
  await page.waitForFunction((node) => {
    for (let n = node; n instanceof Element; n = n.parentElement) {
      if (Number(getComputedStyle(n).opacity) < 1) return false;
      if (n.getAnimations().some((a) => a.playState === 'running')) return false;
    }
    return true;
  }, el, { timeout: timeoutMs, polling: 50 }).catch(() => {});
}

/**
 * The error squiggles of the editor showing `file`, once that editor is the active tab (and,
 * with `codeLens`, preferably once its CodeLens line is drawn: it moves the text down).
 */
async function squigglesOf(page, file, codeLens) {
  if (file) await page.locator('.tabs-container .tab.active', { hasText: file }).first().waitFor({ state: 'visible', timeout: 15_000 });
  // Soft: under load the editor may draw the lenses late; the callers re-aim if lines move.
  if (codeLens) await page.locator('.editor-instance .monaco-editor .codelens-decoration').first().waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
  return page.locator('.editor-instance .monaco-editor .squiggly-error');
}

async function texts(locator) {
  return (await locator.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

const handlers = {
  /**
   * Problems panel opened with its keyboard shortcut, then the mouse over the first error
   * squiggle of the editor of `file` until the hover shows `code`; screenshot `shot`.
   */
  async diagnostic({ file, code, codeLens, shot }, { page, screenshot }) {
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel .monaco-list-row');
    await problems.filter({ hasText: code }).first().waitFor({ state: 'visible', timeout: 15_000 });
    const squiggle = await squigglesOf(page, file, codeLens);
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: code });
    // The editor's lines can still move (a CodeLens appearing above them pushes them down), so
    // the position is taken again until the hover over it is the diagnostic's.
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`no hover with ${code} over the squiggle in ${file}`);
      const at = await centreOf(page, squiggle, `the error squiggle in ${file}`);
      // Moving there from elsewhere is what the editor's hover reacts to.
      await page.mouse.move(at.x - 40, at.y - 60);
      await page.mouse.move(at.x, at.y, { steps: 5 });
      const now = await centreOf(page, squiggle, `the error squiggle in ${file}`);
      if (Math.abs(now.y - at.y) > 2) continue;
      if (await hover.first().waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false)) break;
    }
    await settled(page, hover);
    const png = shot ? await screenshot(shot) : undefined;
    return { problems: await texts(problems), hover: (await texts(hover.first()))[0], squiggles: await squiggle.count(), shot: png };
  },

  /** Click on the first error squiggle of `file` (puts the cursor in it), Ctrl+. opens the quick-fix menu; screenshot it. */
  async quickfix({ file, expect, codeLens, shot }, { page, screenshot }) {
    await page.keyboard.press('Escape');
    const squiggle = await squigglesOf(page, file, codeLens);
    const lightBulb = page.locator('.editor-instance .lightBulbWidget');
    // As above: lines can move under the mouse, so click again until the light bulb shows.
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`no light bulb after clicking the squiggle in ${file}`);
      const at = await centreOf(page, squiggle, `the error squiggle in ${file}`);
      await page.mouse.click(at.x, at.y);
      const now = await centreOf(page, squiggle, `the error squiggle in ${file}`);
      if (Math.abs(now.y - at.y) > 2) continue; // moved while clicking: the cursor is elsewhere
      if (await lightBulb.first().waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false)) break;
    }
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    const item = menu.locator('.monaco-list-row').filter({ hasText: expect });
    await item.first().waitFor({ state: 'visible', timeout: 15_000 });
    await settled(page, item);
    // Out of the way of the menu, so no hover covers it in the picture.
    await page.mouse.move(5, 5);
    const png = shot ? await screenshot(shot) : undefined;
    const items = await texts(menu.locator('.monaco-list-row'));
    await page.keyboard.press('Escape');
    return { items, lightBulb: await lightBulb.count(), shot: png };
  },

  /**
   * The Networks view (container `macvlan`): expands every node, returns its rows (level, label,
   * description) once every string of `expect` shows up (or what it saw at the deadline).
   */
  async tree({ expect = [], timeoutMs = 30_000, shot }, { page, screenshot }) {
    const pane = page.locator('[id="workbench.view.extension.macvlan"]');
    await pane.waitFor({ state: 'visible', timeout: 15_000 });
    const deadline = Date.now() + timeoutMs;
    let rows = [];
    for (;;) {
      // Expand what is collapsed (children load asynchronously; bounded per round).
      for (let i = 0; i < 30; i++) {
        const collapsed = pane.locator('.monaco-list-row[aria-expanded="false"]');
        if ((await collapsed.count()) === 0) break;
        // The view may re-render between finding a row and clicking it (a refresh, the drift
        // arriving): a row that went away is looked up again in the next round.
        try {
          const row = await collapsed.first().elementHandle({ timeout: 2_000 });
          await (await row.$('.monaco-tl-twistie'))?.click({ timeout: 2_000 });
          await page.waitForFunction((el) => el.getAttribute('aria-expanded') !== 'false', row, { timeout: 5_000 }).catch(() => {});
        } catch (err) {
          if (!/not attached|detached|Timeout/i.test(String(err))) throw err;
        }
      }
      rows = await pane.locator('.monaco-list-row').evaluateAll((els) =>
        els.map((el) => ({
          level: Number(el.getAttribute('aria-level') ?? 0),
          label: el.querySelector('.label-name')?.textContent?.trim() ?? '',
          description: el.querySelector('.label-description')?.textContent?.trim() ?? '',
          aria: el.getAttribute('aria-label') ?? '',
        })),
      );
      const seen = rows.map((r) => `${r.label} ${r.description} ${r.aria}`).join('\n');
      if (expect.every((s) => seen.includes(s)) || Date.now() > deadline) break;
      await page.waitForTimeout(500);
    }
    const welcome = (await texts(pane.locator('.welcome-view-content'))).join(' ');
    const png = shot ? await screenshot(shot) : undefined;
    return { rows, welcome, shot: png };
  },

  /**
   * The address map webview (the frame whose page has main#map): waits until it shows every
   * network of `expect` (and, with `wait`, an element matching that selector), then returns its
   * drawn elements and status; with `hover` (a selector) moves the mouse there and returns the
   * tooltip; with `shot` takes a screenshot (after the hover); with `click` (a selector) clicks it
   * last. `theme` returns the body's theme class and the computed fill of `theme` (a selector).
   * `filter` types into the filter box at the end (the next step's `wait` sees the result).
   */
  async addressMap({ expect = [], wait, hover, click, shot, theme, filter }, { page, screenshot }) {
    const deadline = Date.now() + 30_000;
    let frame;
    for (;;) {
      for (const f of page.frames()) {
        const ok = await f.evaluate((names) => {
          const main = document.querySelector('main#map');
          if (!main) return false;
          const nets = [...main.querySelectorAll('section.mv-section')].map((s) => s.getAttribute('data-net'));
          return names.every((n) => nets.includes(n));
        }, expect).catch(() => false);
        if (ok && (!wait || (await f.locator(wait).count().catch(() => 0)) > 0)) frame = f;
      }
      if (frame) break;
      if (Date.now() > deadline) throw new Error(`no address map webview showing ${expect.join(', ')}${wait ? ` and ${wait}` : ''}`);
      await page.waitForTimeout(200);
    }
    const elements = await frame.locator('main#map rect[data-role]').evaluateAll((els) =>
      els.map((el) => ({
        role: el.getAttribute('data-role'),
        net: el.getAttribute('data-net'),
        family: Number(el.getAttribute('data-family')),
        first: el.getAttribute('data-first'),
        last: el.getAttribute('data-last'),
        offset: el.hasAttribute('data-offset') ? Number(el.getAttribute('data-offset')) : undefined,
        title: el.querySelector('title')?.textContent ?? el.getAttribute('data-tip') ?? '',
        cls: el.getAttribute('class'),
        width: el.getBoundingClientRect().width,
      })),
    );
    const status = await frame.locator('#status').textContent();
    let tip;
    if (hover) {
      const target = frame.locator(hover).first();
      const box = await target.boundingBox();
      if (!box) throw new Error(`${hover} is not drawn`);
      await page.mouse.move(box.x + box.width / 2 - 30, box.y - 20);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      await frame.locator('#tip:not([hidden])').waitFor({ state: 'visible', timeout: 5_000 });
      tip = (await frame.locator('#tip').textContent())?.trim();
    }
    let themeSeen;
    if (theme) {
      themeSeen = await frame.evaluate((sel) => {
        const el = document.querySelector(sel);
        return { body: document.body.className, fill: el ? getComputedStyle(el).fill : '' };
      }, theme);
    }
    const png = shot ? await screenshot(shot) : undefined;
    if (click) await frame.locator(click).first().click();
    if (filter !== undefined) await frame.locator('#filter').fill(filter);
    const sections = await frame.locator('main#map section.mv-section').evaluateAll((els) => els.map((el) => el.getAttribute('data-net')));
    return { elements, sections, status, tip, theme: themeSeen, shot: png };
  },

  /** A screenshot of the workbench as it is. */
  async shot({ name }, { screenshot }) {
    return { shot: await screenshot(name) };
  },
};

function withTimeout(p, ms, what) {
  let timer;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms); }),
  ]);
}

export default async function (ctx) {
  const { page, log } = ctx;
  const dir = process.env.MVS_E2E_UI_SIGNALS;
  if (!dir) throw new Error('MVS_E2E_UI_SIGNALS is not set (scripts/e2e/run.sh sets it)');
  await page.waitForSelector('.statusbar', { timeout: 60_000 });
  const handled = new Set();
  for (;;) {
    const pending = (await readdir(dir)).filter((n) => n.endsWith('.req') && !handled.has(n)).sort();
    if (pending.length === 0) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    for (const n of pending) {
      handled.add(n);
      const base = join(dir, n.slice(0, -'.req'.length));
      const { name, args } = JSON.parse(await readFile(join(dir, n), 'utf8'));
      if (name === 'done') {
        log('UI steps: done');
        return;
      }
      const t0 = Date.now();
      let res;
      try {
        const fn = handlers[name];
        if (!fn) throw new Error(`unknown UI step ${name}`);
        res = { ok: true, result: await withTimeout(fn(args ?? {}, ctx), STEP_TIMEOUT_MS + (args?.timeoutMs ?? 0), `UI step ${name}`) };
        log(`UI step ${name}: ok (${Date.now() - t0} ms)`);
      } catch (err) {
        const shot = await ctx.screenshot(`ui-step-${name}-failure`).catch(() => undefined);
        res = { ok: false, error: `${err?.message ?? err}${shot ? ` (screenshot ${shot})` : ''}` };
        log(`UI step ${name}: FAILED (${Date.now() - t0} ms): ${res.error}`);
      }
      await writeFile(`${base}.res.tmp`, JSON.stringify(res));
      await rename(`${base}.res.tmp`, `${base}.res`);
    }
  }
}
