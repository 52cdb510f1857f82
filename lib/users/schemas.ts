import { z } from "zod";
import { storableText } from "@/lib/validation/storable-text";

export const emailSchema = storableText().trim().toLowerCase().pipe(z.email("Enter a valid email address").max(254, "Email is at most 254 characters"));

export const passwordSchema = z.string().min(8, "Password must be at least 8 characters").max(256, "Password is at most 256 characters");

export const createUserSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: storableText().trim().min(1).max(100, "Name is at most 100 characters").nullish(),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string().max(256).default(""),
  newPassword: passwordSchema,
});

export const deleteAccountSchema = z.object({
  confirmEmail: storableText().trim().toLowerCase().min(1, "Type your email to confirm"),
});

export type CreateUserInput = z.input<typeof createUserSchema>;
export type CreateUserData = z.output<typeof createUserSchema>;
export type ChangePasswordData = z.output<typeof changePasswordSchema>;
export type DeleteAccountData = z.output<typeof deleteAccountSchema>;
