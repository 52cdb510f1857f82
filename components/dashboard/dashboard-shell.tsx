"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { ThemeToggle } from "@/components/theme-toggle";
import { CloseIcon, MenuIcon } from "@/components/ui/icons";
import { ThemedToaster } from "@/components/ui/themed-toaster";
import { Logo } from "./logo";
import { NavLinks } from "./nav-links";
import { UserMenu, type SessionUser } from "./user-menu";

/** Sidebar on desktop; a top bar with a slide-down menu on phones. */
export function DashboardShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const [menuOpen, setMenuOpen] = useState(false);
  const pathname = usePathname();
  const [lastPath, setLastPath] = useState(pathname);
  if (lastPath !== pathname) {
    setLastPath(pathname);
    setMenuOpen(false);
  }

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setMenuOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [menuOpen]);

  return (
    <div className="min-h-screen bg-zinc-50 dark:bg-zinc-950">
      <a href="#main" className="sr-only z-50 rounded-md bg-white px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 dark:bg-zinc-900">
        Skip to content
      </a>

      <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/90 backdrop-blur lg:hidden dark:border-zinc-800 dark:bg-zinc-950/90">
        <div className="flex h-14 items-center justify-between px-4">
          <Logo />
          <div className="flex items-center gap-1">
            <ThemeToggle />
            <button
              type="button"
              onClick={() => setMenuOpen((open) => !open)}
              aria-expanded={menuOpen}
              aria-controls="mobile-menu"
              aria-label={menuOpen ? "Close menu" : "Open menu"}
              className="rounded-md p-2 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              {menuOpen ? <CloseIcon className="size-5" /> : <MenuIcon className="size-5" />}
            </button>
          </div>
        </div>
        {menuOpen && (
          <div id="mobile-menu" className="border-t border-zinc-200 px-3 pt-2 pb-3 dark:border-zinc-800">
            <nav aria-label="Dashboard">
              <NavLinks onNavigate={() => setMenuOpen(false)} />
            </nav>
            <div className="mt-2 border-t border-zinc-200 pt-2 dark:border-zinc-800">
              <UserMenu user={user} />
            </div>
          </div>
        )}
      </header>

      <div className="lg:flex lg:min-h-screen">
        {/* In the flow rather than fixed, so its column spans the whole page (full-page screenshots included). */}
        <aside className="hidden w-64 shrink-0 border-r border-zinc-200 bg-white lg:block dark:border-zinc-800 dark:bg-zinc-900/40">
          <div className="sticky top-0 flex h-screen flex-col">
            <div className="flex h-16 items-center justify-between px-5">
              <Logo />
              <ThemeToggle />
            </div>
            <nav aria-label="Dashboard" className="flex-1 overflow-y-auto px-3 py-2">
              <NavLinks />
            </nav>
            <div className="border-t border-zinc-200 p-3 dark:border-zinc-800">
              <UserMenu user={user} />
            </div>
          </div>
        </aside>
        <main id="main" className="min-w-0 flex-1">
          <div className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 lg:px-10 lg:py-10">{children}</div>
        </main>
      </div>
      <ThemedToaster />
    </div>
  );
}
