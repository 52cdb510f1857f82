import { expect, test } from "@playwright/test";
import { freshUser, signUp } from "./support/auth-helpers";

test("a new user sees the onboarding checklist and quick-start snippets with the /v1 base URL", async ({ page }) => {
  await signUp(page, freshUser("overview"));
  const checklist = page.getByRole("region", { name: "Get your gateway running" });
  await expect(checklist).toBeVisible();
  await expect(checklist).toContainText("0 of 3 done");

  const quickStart = page.getByRole("region", { name: "Quick start" });
  const origin = new URL(page.url()).origin;
  await expect(quickStart.getByTestId("base-url")).toHaveText(`${origin}/v1`);
  await expect(quickStart.locator("pre").first()).toContainText(`${origin}/v1`);
  await expect(page.getByRole("term").filter({ hasText: "Requests today" })).toBeVisible();
});
