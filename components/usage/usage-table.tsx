import { Table, Td, Th } from "@/components/ui/table";
import type { UsageRow } from "@/lib/client/api-types";
import { formatDay, formatNumber } from "@/lib/client/format";

export function UsageTable({ rows, nameOf }: { rows: UsageRow[]; nameOf: (id: string) => string }) {
  // Newest day first, then the busiest provider/model within it.
  const sorted = [...rows].sort((a, b) => b.day.localeCompare(a.day) || b.requests - a.requests);
  return (
    <Table label="Usage by day, provider and model">
      <thead>
        <tr>
          <Th>Day</Th>
          <Th>Provider</Th>
          <Th>Model</Th>
          <Th className="text-right">Requests</Th>
          <Th className="text-right">Tokens in</Th>
          <Th className="text-right">Tokens out</Th>
          <Th className="text-right">Errors</Th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((row, index) => (
          <tr key={`${row.day}-${row.providerId}-${row.model}-${row.apiKeyId ?? ""}-${index}`} data-testid="usage-row">
            <Td className="whitespace-nowrap">{formatDay(row.day)}</Td>
            <Td className="whitespace-nowrap">{nameOf(row.providerId)}</Td>
            <Td className="max-w-64 truncate font-mono text-xs" title={row.model}>
              {row.model}
            </Td>
            <Td className="text-right tabular-nums">{formatNumber(row.requests)}</Td>
            <Td className="text-right tabular-nums">{formatNumber(row.promptTokens)}</Td>
            <Td className="text-right tabular-nums">{formatNumber(row.completionTokens)}</Td>
            <Td className={`text-right tabular-nums ${row.errors ? "text-red-600 dark:text-red-400" : ""}`}>{formatNumber(row.errors)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
