import {
  Flex,
  Heading,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions'
import type { DisplayTickets } from '../../staged/presentation/index.ts'
import { RecordLink } from './RecordLink.tsx'

export interface TicketColumns {
  ticket: string
  status: string
  tool: string
}

/** Open tickets of every tool, most recently updated first. */
export function TicketsSection({
  tickets,
  columns,
}: {
  tickets: DisplayTickets
  columns: TicketColumns
}) {
  return (
    <Flex direction="column" gap="xs" testId="tickets">
      <Heading>{tickets.title}</Heading>
      {tickets.empty ? (
        <Text>{tickets.empty}</Text>
      ) : (
        <Table flush density="condensed" testId="tickets-table">
          <TableHead>
            <TableRow>
              <TableHeader>{columns.ticket}</TableHeader>
              <TableHeader>{columns.status}</TableHeader>
              <TableHeader>{columns.tool}</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {tickets.open.map((ticket) => (
              <TableRow
                key={`${ticket.link.ref.source}:${ticket.link.ref.account}:${ticket.link.ref.id}`}
              >
                <TableCell>
                  <RecordLink link={ticket.link}>{ticket.subject}</RecordLink>
                  <Text variant="microcopy">{`${ticket.link.label} · ${ticket.updated}`}</Text>
                </TableCell>
                <TableCell>
                  <Text>{ticket.statusLabel}</Text>
                  <Text variant="microcopy">{ticket.priorityLabel}</Text>
                </TableCell>
                <TableCell>
                  <Text>{ticket.sourceLabel}</Text>
                  <Text variant="microcopy">{ticket.channelLabel}</Text>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {tickets.more && <Text variant="microcopy">{tickets.more}</Text>}
    </Flex>
  )
}
