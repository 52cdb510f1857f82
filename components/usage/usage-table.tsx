import { Table, Td, Th } from "@/components/ui/table";
import type { UsageRow } from "@/lib/client/api-types";
import { formatDay, formatNumber } from "@/lib/client/format";
import { isNoProvider } from "@/lib/client/state-labels";

export function UsageTable({ rows, nameOf, keyNameOf }: { rows: UsageRow[]; nameOf: (id: string) => string; keyNameOf?: (id: string | null) => string }) {
  // With "All keys" rows are per key, so the key is a column; filtered to one key it is implied.
  // Newest day first, then the busiest provider/model within it.
  const sorted = [...rows].sort((a, b) => b.day.localeCompare(a.day) || b.requests - a.requests);
  return (
    <Table label="Usage by day, provider and model" stack>
      <thead>
        <tr>
          <Th>Day</Th>
          <Th>Provider</Th>
          <Th>Model</Th>
          {keyNameOf && <Th>Key</Th>}
          <Th className="text-right">Requests</Th>
          <Th className="text-right">Tokens in</Th>
          <Th className="text-right">Tokens out</Th>
          <Th className="text-right">Errors</Th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((row, index) => (
          <tr key={`${row.day}-${row.providerId}-${row.model}-${row.apiKeyId ?? ""}-${index}`} data-testid="usage-row">
            <Td data-label="Day" className="whitespace-nowrap">
              {formatDay(row.day)}
            </Td>
            <Td data-label="Provider" className={`whitespace-nowrap ${isNoProvider(row.providerId) ? "font-medium text-red-700 dark:text-red-400" : ""}`}>
              {nameOf(row.providerId)}
            </Td>
            <Td data-label="Model" className="max-w-64 truncate font-mono text-xs" title={row.model}>
              {row.model || "—"}
            </Td>
            {keyNameOf && (
              <Td data-label="Key" className="max-w-40 truncate" data-testid="usage-row-key">
                {keyNameOf(row.apiKeyId)}
              </Td>
            )}
            <Td data-label="Requests" className="text-right tabular-nums">
              {formatNumber(row.requests)}
            </Td>
            <Td data-label="Tokens in" className="text-right tabular-nums">
              {formatNumber(row.promptTokens)}
            </Td>
            <Td data-label="Tokens out" className="text-right tabular-nums">
              {formatNumber(row.completionTokens)}
            </Td>
            <Td data-label="Errors" className={`text-right tabular-nums ${row.errors ? "text-red-600 dark:text-red-400" : ""}`}>
              {formatNumber(row.errors)}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
