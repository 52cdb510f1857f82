import type { Metadata } from "next";
import { Suspense } from "react";
import { RequestsPage } from "@/components/requests/requests-page";

export const metadata: Metadata = { title: "Requests" };

export default function Page() {
  return (
    <Suspense>
      <RequestsPage />
    </Suspense>
  );
}
