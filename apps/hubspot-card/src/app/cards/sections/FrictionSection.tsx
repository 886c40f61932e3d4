import { Flex, Heading, Tag, Text } from '@hubspot/ui-extensions'
import type { Severity } from '../../staged/model/index.ts'
import type { DisplayModel, FrictionItem } from '../../staged/presentation/index.ts'
import { RecordLink } from './RecordLink.tsx'

const SEVERITY_VARIANT: Record<Severity, 'error' | 'warning' | 'default'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'default',
}

/** Friction points in the presentation module's order: open first, most severe, newest. */
export function FrictionSection({ model }: { model: DisplayModel }) {
  const { friction } = model
  return (
    <Flex direction="column" gap="sm" testId="friction">
      <Flex gap="xs" align="baseline">
        <Heading inline>{friction.title}</Heading>
        <Text variant="microcopy" inline>
          {friction.openCountText}
        </Text>
      </Flex>
      {friction.empty ? (
        <Text>{friction.empty}</Text>
      ) : (
        friction.items.map((item) => (
          <FrictionRow key={item.id} item={item} evidenceLabel={model.strings.evidence} />
        ))
      )}
    </Flex>
  )
}

function FrictionRow({ item, evidenceLabel }: { item: FrictionItem; evidenceLabel: string }) {
  return (
    <Flex direction="column" gap="flush" testId={`friction-item:${item.id}`}>
      <Flex gap="xs" align="center" wrap>
        <Tag variant={SEVERITY_VARIANT[item.severity]}>{item.severityLabel}</Tag>
        <Tag variant={item.open ? 'warning' : 'success'}>{item.statusLabel}</Tag>
        <Text inline format={{ fontWeight: 'demibold' }}>
          {item.kindLabel}
        </Text>
      </Flex>
      <Text>{item.reason}</Text>
      <Text variant="microcopy">{item.sinceText}</Text>
      <Flex gap="xs" wrap align="center">
        <Text variant="microcopy" inline>
          {evidenceLabel}
        </Text>
        {item.evidence.map((link) => (
          <RecordLink key={`${link.ref.source}:${link.ref.object}:${link.ref.id}`} link={link} />
        ))}
      </Flex>
    </Flex>
  )
}
