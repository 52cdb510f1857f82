import { expect, test } from "@playwright/test";
import { addProviderKey, freshUser, signUp } from "./support/auth-helpers";

test("a streamed answer shows its text, the provider that served it and the latency", async ({ page }) => {
  await signUp(page, freshUser("playground"));
  await addProviderKey(page, "groq", "gsk_test");
  await page.goto("/dashboard/playground");
  await expect(page.getByRole("heading", { level: 1, name: "Playground" })).toBeVisible();
  await expect(page.getByLabel("Model")).toHaveValue("auto");

  const box = page.getByLabel("Message", { exact: true });
  await box.fill("hello playground");
  await box.press("Enter");

  const answer = page.getByTestId("assistant-message").last();
  await expect(answer).toContainText("echo: hello playground");
  const meta = answer.getByTestId("answer-meta");
  await expect(meta).toContainText(/groq/i);
  await expect(meta).toContainText(/\d+(\.\d+)? m?s/);
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  await expect(box).toHaveValue("");

  // Shift+Enter is a new line, not a send.
  await box.press("Shift+Enter");
  await expect(page.getByTestId("assistant-message")).toHaveCount(1);

  await page.getByRole("button", { name: "Clear chat" }).click();
  await expect(page.getByTestId("assistant-message")).toHaveCount(0);
  await expect(page.getByText("Send a first message")).toBeVisible();
});

test("a user without provider keys is sent to add one", async ({ page }) => {
  await signUp(page, freshUser("nokeys"));
  await page.goto("/dashboard/playground");
  const box = page.getByLabel("Message", { exact: true });
  await box.fill("anyone there?");
  await page.getByRole("button", { name: "Send" }).click();
  const alert = page.getByTestId("assistant-message").getByRole("alert");
  await expect(alert).toContainText("no provider keys");
  await expect(alert.getByRole("link", { name: "Add a provider key" })).toHaveAttribute("href", "/dashboard/providers");
});
