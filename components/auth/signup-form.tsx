"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { ApiError, apiFetch } from "@/lib/client/api-fetch";
import { AuthCard, FormError } from "./auth-card";
import { OAuthButtons } from "./oauth-buttons";

const MIN_PASSWORD = 8;

export function SignupForm() {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const router = useRouter();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email")).trim();
    const password = String(form.get("password"));
    const name = String(form.get("name") ?? "").trim();
    if (password.length < MIN_PASSWORD) {
      setError(`Use at least ${MIN_PASSWORD} characters for your password.`);
      return;
    }
    setPending(true);
    setError(null);
    try {
      await apiFetch("/api/account/signup", { method: "POST", body: { email, password, ...(name ? { name } : {}) } });
    } catch (caught) {
      setPending(false);
      setError(caught instanceof ApiError && caught.status === 409 ? "An account with this email already exists. Sign in instead." : (caught as Error).message);
      return;
    }
    const result = await signIn("credentials", { email, password, redirect: false });
    // The session cookie is set by now, so the dashboard's server layout sees it on this navigation;
    // if sign-in failed anyway, the account exists and the login page is the way forward.
    router.replace(result?.ok && !result.error ? "/dashboard" : "/login");
    router.refresh();
  }

  return (
    <AuthCard
      title="Create your account"
      subtitle="Free forever. Set up your gateway in about two minutes."
      footer={
        <>
          Already have an account?{" "}
          <Link href="/login" className="font-medium text-brand-700 hover:underline dark:text-brand-500">
            Sign in
          </Link>
        </>
      }
    >
      <OAuthButtons next="/dashboard" />
      <form onSubmit={onSubmit} className="space-y-4">
        <FormError message={error} />
        <Field id="name" label="Name" optional>
          <Input id="name" name="name" autoComplete="name" />
        </Field>
        <Field id="email" label="Email">
          <Input id="email" name="email" type="email" autoComplete="email" required />
        </Field>
        <Field id="password" label="Password" hint={`At least ${MIN_PASSWORD} characters.`}>
          <Input id="password" name="password" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD} aria-describedby="password-hint" />
        </Field>
        <Button type="submit" className="w-full" loading={pending}>
          Create account
        </Button>
      </form>
    </AuthCard>
  );
}
