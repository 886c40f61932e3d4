import { Flex, Heading, Tag, Text } from '@hubspot/ui-extensions'
import type { DisplayVerbatims } from '../../staged/presentation/index.ts'
import { RecordLink } from './RecordLink.tsx'

/** Unhappy customers' latest comments with score and themes (the sidebar's verbatims-section). */
export function VerbatimsSection({ verbatims }: { verbatims: DisplayVerbatims }) {
  if (verbatims.empty) return null
  return (
    <Flex direction="column" gap="sm" testId="verbatims">
      <Heading>{verbatims.title}</Heading>
      {verbatims.items.map((v) => (
        <Flex key={v.id} direction="column" gap="flush" testId={`verbatim:${v.id}`}>
          <Text format={{ italic: true }}>{`“${v.comment}”`}</Text>
          <Flex gap="xs" wrap align="baseline">
            <Text inline variant="microcopy">
              {`${v.scoreText} · ${v.category} · ${v.date} ·`}
            </Text>
            <RecordLink link={v.link} />
          </Flex>
          {v.themes.length > 0 && (
            <Flex gap="xs" wrap align="center">
              <Text inline variant="microcopy">
                {verbatims.themesLabel}
              </Text>
              {v.themes.map((t) => (
                <Tag key={t.theme} variant="default">
                  {t.label}
                </Tag>
              ))}
            </Flex>
          )}
        </Flex>
      ))}
      {verbatims.more && <Text variant="microcopy">{verbatims.more}</Text>}
    </Flex>
  )
}
