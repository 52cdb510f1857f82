"use client";

import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";
import { ApiError, apiFetch } from "@/lib/client/api-fetch";

const MIN_PASSWORD = 8;

export function PasswordCard() {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<{ currentPassword?: string; newPassword?: string; form?: string }>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const currentPassword = String(form.get("currentPassword"));
    const newPassword = String(form.get("newPassword"));
    if (newPassword.length < MIN_PASSWORD) {
      setErrors({ newPassword: `Use at least ${MIN_PASSWORD} characters.` });
      return;
    }
    if (newPassword !== String(form.get("confirmPassword"))) {
      setErrors({ newPassword: "The two new passwords do not match." });
      return;
    }
    setPending(true);
    setErrors({});
    try {
      await apiFetch("/api/account/password", { method: "PATCH", body: { currentPassword, newPassword } });
      formElement.reset();
      toast.success("Password changed; other sessions were signed out");
    } catch (caught) {
      const error = caught as ApiError;
      if (error.param === "currentPassword") setErrors({ currentPassword: "That is not your current password." });
      else if (error.param === "newPassword") setErrors({ newPassword: error.message.replace(/^newPassword: /, "") });
      else setErrors({ form: error.message });
    } finally {
      setPending(false);
    }
  }

  return (
    <Card aria-labelledby="password-title">
      <CardHeader
        id="password-title"
        title="Change password"
        description="Every other browser signed in to this account is signed out; this one stays signed in."
      />
      <CardBody>
        <form onSubmit={onSubmit} className="max-w-md space-y-4">
          {errors.form && (
            <p role="alert" className="text-sm text-red-600 dark:text-red-400">
              {errors.form}
            </p>
          )}
          <Field id="current-password" label="Current password" error={errors.currentPassword}>
            <Input
              id="current-password"
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={!!errors.currentPassword}
              aria-describedby={errors.currentPassword ? "current-password-error" : undefined}
            />
          </Field>
          <Field id="new-password" label="New password" error={errors.newPassword} hint={`At least ${MIN_PASSWORD} characters.`}>
            <Input
              id="new-password"
              name="newPassword"
              type="password"
              autoComplete="new-password"
              required
              minLength={MIN_PASSWORD}
              aria-invalid={!!errors.newPassword}
              aria-describedby={errors.newPassword ? "new-password-error" : "new-password-hint"}
            />
          </Field>
          <Field id="confirm-password" label="Confirm new password">
            <Input id="confirm-password" name="confirmPassword" type="password" autoComplete="new-password" required />
          </Field>
          <Button type="submit" loading={pending}>
            Change password
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
