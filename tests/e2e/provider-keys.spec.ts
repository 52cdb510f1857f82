import { expect, test } from "@playwright/test";
import { freshUser, signUp } from "./support/auth-helpers";
import { shootBothThemes, shootOnce } from "./support/screenshots";

test("add a Groq key, see its models, a wrong key is refused, delete works", async ({ page }) => {
  await signUp(page, freshUser("keys"));
  await page.goto("/dashboard/providers");
  await expect(page.getByRole("heading", { name: "Add your first provider key" })).toBeVisible();
  await shootBothThemes(page, "providers-empty");

  await page.getByRole("button", { name: "Add a key" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a provider key" });
  await dialog.getByLabel("Provider").selectOption({ label: "Groq" });
  await expect(dialog.getByRole("link", { name: /Get a free key/ })).toHaveAttribute("href", /groq\.com/);
  const keyField = dialog.getByLabel("API key");
  await expect(keyField).toHaveAttribute("type", "password");
  await keyField.fill("gsk_test");
  await dialog.getByRole("button", { name: "Show key" }).click();
  await expect(keyField).toHaveAttribute("type", "text");
  await dialog.getByLabel("Label").fill("personal");
  await dialog.getByRole("button", { name: "Check and add key" }).click();

  const done = page.getByRole("dialog", { name: "Groq is connected" });
  await expect(done.getByRole("list", { name: "Models found for Groq" })).toContainText("llama-3.3-70b-versatile");
  await expect(page.getByText("Groq key added")).toBeVisible();
  await done.getByRole("button", { name: "Done" }).click();

  const rows = page.getByTestId("provider-key-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("personal");
  await expect(rows.first()).toContainText("…test");
  await expect(rows.first()).toContainText("Active");
  await expect(page.getByText("gsk_test")).toHaveCount(0);
  await rows
    .first()
    .getByRole("button", { name: /models/ })
    .click();
  await expect(page.getByRole("list", { name: "Groq (personal) models" })).toContainText("llama-3.3-70b-versatile");

  // A key the provider refuses: its reason shows inline and nothing is saved.
  await page.getByRole("button", { name: "Add a key" }).click();
  const again = page.getByRole("dialog", { name: "Add a provider key" });
  await again.getByLabel("Provider").selectOption({ label: "Groq" });
  await again.getByLabel("API key").fill("gsk_wrong_key_123");
  await again.getByRole("button", { name: "Check and add key" }).click();
  await expect(again.getByRole("alert")).toContainText(/Groq rejected this key/);
  // The provider's own words, as the mock answers like Groq does.
  await expect(again.getByRole("alert")).toContainText("Invalid API Key");
  await expect(again.getByLabel("API key")).toHaveAttribute("aria-invalid", "true");
  await shootOnce(page, "providers-add-rejected-light");
  await again.getByRole("button", { name: "Cancel" }).click();
  await expect(rows).toHaveCount(1);
  await page.reload();
  await expect(rows).toHaveCount(1);
  await shootBothThemes(page, "providers");

  await rows.first().getByRole("button", { name: "Re-check Groq (personal) key" }).click();
  await expect(page.getByText("Groq key works")).toBeVisible();

  await rows.first().getByRole("button", { name: "Delete Groq (personal) key" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete this Groq key?" });
  await confirm.getByRole("button", { name: "Delete key" }).click();
  await expect(page.getByRole("heading", { name: "Add your first provider key" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Add your first provider key" })).toBeVisible();
});
