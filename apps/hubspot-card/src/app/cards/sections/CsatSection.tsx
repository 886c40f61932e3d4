import { Flex, Heading, Text } from '@hubspot/ui-extensions'
import type { DisplayCsat } from '../../staged/presentation/index.ts'

export function CsatSection({ csat }: { csat: DisplayCsat }) {
  return (
    <Flex direction="column" gap="xs" testId="csat">
      <Heading>{csat.title}</Heading>
      {csat.empty ? (
        <Text variant="microcopy">{csat.empty}</Text>
      ) : (
        <>
          {csat.summary && <Text format={{ fontWeight: 'bold' }}>{csat.summary}</Text>}
          <Text variant="microcopy">{csat.count}</Text>
        </>
      )}
    </Flex>
  )
}
