"use client";

import { useSyncExternalStore } from "react";
import { Toaster } from "sonner";

// The theme is a class on <html>, not the media query sonner watches, so follow the class.
function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

export function ThemedToaster() {
  const dark = useSyncExternalStore(
    subscribe,
    () => document.documentElement.classList.contains("dark"),
    () => false,
  );
  return <Toaster theme={dark ? "dark" : "light"} position="bottom-right" richColors closeButton />;
}
