import type { Metadata } from "next";
import { ConnectPage } from "@/components/connect/connect-page";

export const metadata: Metadata = { title: "Connect a tool" };

export default function Page() {
  return <ConnectPage />;
}
