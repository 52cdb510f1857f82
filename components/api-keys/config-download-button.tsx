"use client";

import { Button, type ButtonVariant } from "@/components/ui/button";
import { DownloadIcon } from "@/components/ui/icons";
import type { ChainEntry } from "@/lib/client/api-types";
import { buildFreellmapiConfig } from "@/lib/client/freellmapi-config";
import { useBaseUrl } from "@/lib/client/use-base-url";
import { useResource } from "@/lib/client/use-resource";

/** Downloads `freellmapi.json` filled in for this account; with `plaintext`, the new key goes in too. */
export function ConfigDownloadButton({ plaintext, variant = "secondary" }: { plaintext?: string | null; variant?: ButtonVariant }) {
  const baseUrl = useBaseUrl();
  const { data } = useResource<{ entries: ChainEntry[] }>("/api/account/chain");

  function download() {
    const config = buildFreellmapiConfig({ baseUrl, chain: data?.entries ?? [], plaintext });
    const url = URL.createObjectURL(new Blob([`${JSON.stringify(config, null, 2)}\n`], { type: "application/json" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: "freellmapi.json" });
    link.click();
    // The browser has the file once the click is handled; the object URL can go.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  return (
    <Button
      variant={variant}
      icon={<DownloadIcon />}
      onClick={download}
      disabled={!data}
      title="Endpoint, key, your chain and a sample request, as the setup guides expect"
    >
      Download freellmapi.json
    </Button>
  );
}
