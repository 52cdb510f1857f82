import type { Metadata } from "next";
import { ChainPage } from "@/components/chain/chain-page";

export const metadata: Metadata = { title: "Fallback chain" };

export default function Page() {
  return <ChainPage />;
}
