import { expect, test, type Page } from "@playwright/test";
import { addProviderKey, freshUser, signUp } from "./support/auth-helpers";
import { SCREENSHOT_DIR, shootBothThemes } from "./support/screenshots";

const names = (page: Page) => page.getByTestId("chain-provider-name").allTextContents();

async function expectOrder(page: Page, order: string[]) {
  await expect.poll(() => names(page)).toEqual(order);
}

async function waitForSave(page: Page) {
  await page.waitForResponse((response) => response.url().endsWith("/api/account/chain") && response.request().method() === "PUT" && response.ok());
}

// dnd-kit starts listening for arrows a tick after Space, so give each key a moment.
async function moveByKeyboard(page: Page, arrow: "ArrowUp" | "ArrowDown") {
  await page.keyboard.press("Space");
  await expect(page.locator('[id^="DndLiveRegion"]')).toHaveText(/Picked up|moved to position/);
  await page.waitForTimeout(100);
  await page.keyboard.press(arrow);
  await page.waitForTimeout(250);
  await page.keyboard.press("Space");
}

test("reorder the chain by mouse and keyboard, toggle an entry, and it all survives a reload", async ({ page }) => {
  await signUp(page, freshUser("chain"));
  await page.goto("/dashboard/chain");
  await expect(page.getByRole("heading", { name: "Your chain is empty" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add a provider key" })).toHaveAttribute("href", "/dashboard/providers");

  await addProviderKey(page, "groq", "gsk_test");
  await addProviderKey(page, "gemini", "gemini-test-key");
  await addProviderKey(page, "mistral", "mistral-test");
  await page.reload();
  await expect(page.getByTestId("chain-row")).toHaveCount(3);
  // New keys join the end of the chain in the order they were added.
  const initial = await names(page);
  expect(initial[0]).toMatch(/Groq/);
  expect(initial[2]).toMatch(/Mistral/);

  // Mouse: drag the third entry to the top.
  const [first, second, third] = initial;
  const handle = page.getByRole("button", { name: `Reorder ${third}` });
  const target = page.getByRole("button", { name: `Reorder ${first}` });
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  const saved = waitForSave(page);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 10, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y - 10, { steps: 15 });
  await page.mouse.up();
  await saved;
  await expectOrder(page, [third, first, second]);
  await expect(page.getByText("Order saved")).toBeVisible();

  // Keyboard: move the (now) last entry up one place.
  const keySaved = waitForSave(page);
  await page.getByRole("button", { name: `Reorder ${second}` }).focus();
  await moveByKeyboard(page, "ArrowUp");
  await keySaved;
  await expectOrder(page, [third, second, first]);

  // And back down again, to see ArrowDown work too.
  const downSaved = waitForSave(page);
  await page.getByRole("button", { name: `Reorder ${third}` }).focus();
  await moveByKeyboard(page, "ArrowDown");
  await downSaved;
  await expectOrder(page, [second, third, first]);

  await page.reload();
  await expectOrder(page, [second, third, first]);

  // Toggle the middle entry off; it stays off after a reload.
  const toggleSaved = waitForSave(page);
  await page.getByRole("switch", { name: `Use ${third}` }).click();
  await toggleSaved;
  await expect(page.getByRole("switch", { name: `Use ${third}` })).toHaveAttribute("aria-checked", "false");
  await page.reload();
  await expect(page.getByRole("switch", { name: `Use ${third}` })).toHaveAttribute("aria-checked", "false");
  await expect(page.getByRole("switch", { name: `Use ${second}` })).toHaveAttribute("aria-checked", "true");
  await expectOrder(page, [second, third, first]);

  // Pinning Groq to a model saves and shows that model's free-tier limits.
  const groqName = [first, second, third].find((name) => /Groq/.test(name))!;
  const groqRow = page.getByTestId("chain-row").filter({ hasText: groqName });
  const pinSaved = waitForSave(page);
  await page.getByLabel(`Model for ${groqName}`).selectOption("llama-3.3-70b-versatile");
  await pinSaved;
  await expect(groqRow.getByTestId("chain-limits")).toContainText("30 RPM · 1K RPD · 12K TPM");
  await page.reload();
  await expect(page.getByLabel(`Model for ${groqName}`)).toHaveValue("llama-3.3-70b-versatile");
  await expect(groqRow).toContainText("Ready");
  await expectOrder(page, [second, third, first]);
  await shootBothThemes(page, "chain");
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(page.getByRole("button", { name: `Reorder ${second}` })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/chain-mobile-light.png`, fullPage: true });
});

test("a pin offers only the chat models the key serves, not its embeddings model or catalog models it lacks", async ({ page }) => {
  await signUp(page, freshUser("pin"));
  // The mock Mistral key lists mistral-small-latest, mistral-large-latest and mistral-embed.
  await addProviderKey(page, "mistral", "mistral-test");
  await page.goto("/dashboard/chain");
  const select = page.getByLabel(/^Model for Mistral/);
  await expect(select).toBeVisible();
  await expect(select.locator("option")).toHaveText(["Any model", "mistral-large-latest", "mistral-small-latest"]);
  await expect(select.locator("option", { hasText: "mistral-embed" })).toHaveCount(0);
  await expect(select.locator("option", { hasText: "magistral-medium-latest" })).toHaveCount(0);

  const pinSaved = waitForSave(page);
  await select.selectOption("mistral-small-latest");
  await pinSaved;
  await page.reload();
  await expect(page.getByLabel(/^Model for Mistral/)).toHaveValue("mistral-small-latest");
  await expect(page.getByTestId("chain-row").filter({ hasText: "Mistral" })).toContainText("Ready");
});
