import type { Page } from "@playwright/test";
import { setTheme } from "./auth-helpers";

// SCREENSHOT_DIR lets a run keep its pictures out of a test-results folder another run may clean.
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? "test-results/screenshots";

/** Full-page screenshots of the current page in both themes, as <dir>/<name>-<theme>.png. */
export async function shootBothThemes(page: Page, name: string): Promise<void> {
  for (const theme of ["light", "dark"] as const) {
    await setTheme(page, theme);
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${theme}.png`, fullPage: true });
  }
  await setTheme(page, "light");
}

/** One viewport-sized picture, for dialogs and transient states. */
export async function shootOnce(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
}
