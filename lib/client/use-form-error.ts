"use client";

import { useState } from "react";
import { ApiError, errorMessage } from "./api-fetch";

export interface FormError {
  message: string;
  /** The field the API named; absent for an error about the whole form. */
  param?: string;
}

/** A form's last failed submit: shown next to the field the API names, otherwise above the buttons. */
export function useFormError() {
  const [error, setError] = useState<FormError | null>(null);
  return {
    error,
    fieldError: (param: string) => (error?.param === param ? error.message : null),
    formError: error && !error.param ? error.message : null,
    clear: () => setError(null),
    /** Records the failure and returns it, for a caller that also toasts a form-level one. */
    fail(caught: unknown): FormError {
      const next = { message: errorMessage(caught), param: caught instanceof ApiError ? caught.param : undefined };
      setError(next);
      return next;
    },
  };
}
