import { Flex, Heading, Text } from '@hubspot/ui-extensions'
import type { DisplayModel } from '../../staged/presentation/index.ts'
import { RecordLink } from './RecordLink.tsx'

export function HeaderSection({ model }: { model: DisplayModel }) {
  const { header, strings } = model
  return (
    <Flex direction="column" gap="xs" testId="header">
      <Heading>{header.name}</Heading>
      {header.organisation && <Text variant="microcopy">{header.organisation}</Text>}
      {[...header.emails, ...header.phones].map((contact) => (
        <Text key={contact} variant="microcopy">
          {contact}
        </Text>
      ))}
      <Flex gap="xs" wrap align="center">
        <Text variant="microcopy" inline format={{ fontWeight: 'demibold' }}>
          {strings.identities}
        </Text>
        {header.identities.map((link) => (
          <RecordLink key={`${link.ref.source}:${link.ref.object}:${link.ref.id}`} link={link} />
        ))}
      </Flex>
    </Flex>
  )
}
