import { BoltIcon, ChainIcon, ChartIcon, ChatIcon, HomeIcon, KeyIcon, ListIcon, PlugIcon, ServerIcon, SettingsIcon, SwapIcon } from "@/components/ui/icons";

export const NAV_ITEMS = [
  { href: "/dashboard", label: "Overview", icon: HomeIcon },
  { href: "/dashboard/providers", label: "Provider keys", icon: ServerIcon },
  { href: "/dashboard/chain", label: "Fallback chain", icon: ChainIcon },
  { href: "/dashboard/keys", label: "Unified keys", icon: KeyIcon },
  { href: "/dashboard/aliases", label: "Model aliases", icon: SwapIcon },
  { href: "/dashboard/connect", label: "Connect a tool", icon: PlugIcon },
  { href: "/dashboard/capacity", label: "Capacity", icon: BoltIcon },
  { href: "/dashboard/usage", label: "Usage", icon: ChartIcon },
  { href: "/dashboard/requests", label: "Requests", icon: ListIcon },
  { href: "/dashboard/playground", label: "Playground", icon: ChatIcon },
  { href: "/dashboard/settings", label: "Settings", icon: SettingsIcon },
] as const;

export function isActive(pathname: string, href: string) {
  return href === "/dashboard" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
}
