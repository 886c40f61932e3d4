import { EmptyState, Flex, Heading, LineChart, Tag, Text } from '@hubspot/ui-extensions'
import type { NpsCategory } from '../../staged/model/index.ts'
import type { DisplayNps } from '../../staged/presentation/index.ts'

/** The category is always written out next to its colour (never colour alone). */
const CATEGORY_VARIANT: Record<NpsCategory, 'success' | 'default' | 'error'> = {
  promoter: 'success',
  passive: 'default',
  detractor: 'error',
}

export function NpsSection({ nps }: { nps: DisplayNps }) {
  if (nps.empty || !nps.now) {
    return (
      <Flex direction="column" gap="xs" testId="nps">
        <Heading>{nps.title}</Heading>
        <EmptyState flush layout="horizontal" imageWidth={80} title={nps.empty?.title}>
          <Text>{nps.empty?.hint ?? ''}</Text>
        </EmptyState>
      </Flex>
    )
  }
  return (
    <Flex direction="column" gap="xs" testId="nps">
      <Heading>{nps.title}</Heading>
      <Flex gap="xs" align="center" wrap>
        <Tag variant={CATEGORY_VARIANT[nps.now.category]}>{nps.now.categoryLabel}</Tag>
        <Text inline format={{ fontWeight: 'bold' }}>
          {nps.now.text}
        </Text>
      </Flex>
      <Text variant="microcopy">{nps.now.answered}</Text>
      {nps.trend && <Text variant="microcopy">{nps.trend.text}</Text>}
      <NpsChart nps={nps} />
    </Flex>
  )
}

/** Score 0–10 over time, oldest first, as the presentation module ordered the points. */
function NpsChart({ nps }: { nps: DisplayNps }) {
  const data = nps.chart.points.map((point) => ({ date: point.at, score: point.y }))
  return (
    <LineChart
      testId="nps-chart"
      data={data}
      axes={{
        x: { field: 'date', fieldType: 'datetime' },
        y: { field: 'score', fieldType: 'linear', label: nps.title },
      }}
      options={{ title: nps.chart.label, showTooltips: true, showDataLabels: true }}
    />
  )
}
