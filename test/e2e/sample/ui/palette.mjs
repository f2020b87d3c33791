// Sample UI script for MVS_E2E_UI_SCRIPT: runs the sample's command from the command palette
// and finds its notification. The wrapper calls the default export with the Playwright page
// once the workbench is loaded, alongside the extension tests (which wait for it, see
// test/e2e/harness/ui.ts); a throw fails the run.
// Note: with enable-smoke-test-driver the workbench never shows notification toasts, so the
// notification is looked up in the notification center instead.

async function runFromPalette(page, title, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    // Commands of the extension under test appear once the extension host has registered them.
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    if (await row.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false)) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) throw new Error(`command "${title}" never appeared in the palette`);
    await page.waitForTimeout(500);
  }
}

export default async function ({ page, screenshot, log }) {
  await page.waitForSelector('.statusbar', { timeout: 60_000 });
  await runFromPalette(page, 'MVS Sample: Show Hello');
  await runFromPalette(page, 'Notifications: Show Notifications');
  const item = page.locator('.notifications-center .notification-list-item-message', { hasText: 'Hello from the e2e sample' });
  await item.first().waitFor({ state: 'visible', timeout: 15_000 });
  log(`UI: notification found; ${await screenshot('ui-notification')}`);
}
