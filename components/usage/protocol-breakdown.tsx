import { Table, Td, Th } from "@/components/ui/table";
import type { Usage } from "@/lib/client/api-types";
import { formatCompact, protocolLabel } from "@/lib/client/format";

/** Requests and tokens by the API clients called (Chat Completions, Responses, Anthropic Messages, ...). */
export function ProtocolBreakdown({ rows }: { rows: Usage["byProtocol"] }) {
  if (rows.length === 0) return <p className="px-5 py-4 text-sm text-zinc-500 dark:text-zinc-400">No requests in this period.</p>;
  return (
    <Table label="Requests by API">
      <thead>
        <tr>
          <Th>API</Th>
          <Th className="text-right">Requests</Th>
          <Th className="text-right">Tokens</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.protocol} data-testid="protocol-row">
            <Td>{protocolLabel(row.protocol)}</Td>
            <Td className="text-right tabular-nums">{formatCompact(row.requests)}</Td>
            <Td className="text-right tabular-nums">{formatCompact(row.tokens)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
