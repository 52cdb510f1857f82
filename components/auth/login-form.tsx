"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { AuthCard, FormError } from "./auth-card";
import { OAuthButtons } from "./oauth-buttons";

const GENERIC = "Invalid email or password.";

// next-auth reports OAuth problems as ?error=Code; say what happened without internals.
function describe(code: string | undefined): string | null {
  if (!code) return null;
  if (code === "EmailNotVerified") return "That account's email is not verified with the provider.";
  if (code === "OAuthAccountNotLinked") return "That email already has an account. Sign in with your password.";
  if (code === "CredentialsSignin") return GENERIC;
  return "Sign-in did not complete. Please try again.";
}

export function LoginForm({ next, initialError }: { next: string; initialError?: string }) {
  const [error, setError] = useState<string | null>(describe(initialError));
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { email: String(form.get("email")), password: String(form.get("password")), redirect: false });
    if (result?.ok && !result.error) {
      // A full navigation, so the server layout reads the fresh session cookie.
      window.location.assign(next);
      return;
    }
    setPending(false);
    // The server's wording for a bad password differs only in punctuation; show one message.
    setError(result?.error && result.error !== "CredentialsSignin" && !result.error.startsWith("Invalid email or password") ? result.error : GENERIC);
  }

  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back. Your gateway is waiting."
      footer={
        <>
          New here?{" "}
          <Link href="/signup" className="font-medium text-brand-700 hover:underline dark:text-brand-500">
            Create an account
          </Link>
        </>
      }
    >
      <OAuthButtons next={next} />
      <form onSubmit={onSubmit} className="space-y-4" noValidate={false}>
        <FormError message={error} />
        <Field id="email" label="Email">
          <Input id="email" name="email" type="email" autoComplete="email" required autoFocus />
        </Field>
        <Field id="password" label="Password">
          <Input id="password" name="password" type="password" autoComplete="current-password" required />
        </Field>
        <Button type="submit" className="w-full" loading={pending}>
          Sign in
        </Button>
      </form>
    </AuthCard>
  );
}
