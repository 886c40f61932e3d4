import { Alert, Flex, Heading, Text } from '@hubspot/ui-extensions'
import type { DisplayFreshness } from '../../staged/presentation/index.ts'

export function FreshnessSection({ freshness }: { freshness: DisplayFreshness }) {
  return (
    <Flex direction="column" gap="xs" testId="freshness">
      <Heading>{freshness.title}</Heading>
      {freshness.staleWarning && <Alert title={freshness.staleWarning} variant="warning" />}
      {freshness.empty && <Text variant="microcopy">{freshness.empty}</Text>}
      {freshness.items.map((item) => (
        <Text key={`${item.source}:${item.account}`} variant="microcopy">
          {item.text}
        </Text>
      ))}
    </Flex>
  )
}
