import type { Metadata } from "next";
import { CapacityPage } from "@/components/capacity/capacity-page";

export const metadata: Metadata = { title: "Capacity" };

export default function Page() {
  return <CapacityPage />;
}
