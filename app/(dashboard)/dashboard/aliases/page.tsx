import type { Metadata } from "next";
import { ModelAliasesPage } from "@/components/model-aliases/model-aliases-page";

export const metadata: Metadata = { title: "Model aliases" };

export default function Page() {
  return <ModelAliasesPage />;
}
