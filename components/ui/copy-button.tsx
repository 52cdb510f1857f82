"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Button, type ButtonVariant } from "./button";
import { CheckIcon, CopyIcon } from "./icons";

/** Copies `value`; falls back to selecting nothing and saying so where the clipboard is blocked. */
export function CopyButton({
  value,
  label = "Copy",
  variant = "secondary",
  showLabel = true,
  className,
}: {
  value: string;
  label?: string;
  variant?: ButtonVariant;
  showLabel?: boolean;
  className?: string;
}) {
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      toast.success("Copied to clipboard");
      setTimeout(() => setCopied(false), 2000);
    } catch {
      toast.error("Your browser blocked the clipboard. Select the text and copy it by hand.");
    }
  }

  return (
    <Button
      variant={variant}
      size={showLabel ? "sm" : "icon"}
      onClick={copy}
      aria-label={showLabel ? undefined : label}
      className={className}
      icon={copied ? <CheckIcon className="text-brand-600" /> : <CopyIcon />}
    >
      {showLabel && (copied ? "Copied" : label)}
    </Button>
  );
}
