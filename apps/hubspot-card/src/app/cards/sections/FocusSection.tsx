import { Button, Flex, Heading, Tag, Text } from '@hubspot/ui-extensions'
import { useState } from 'react'
import type { RiskLevel, Severity } from '../../staged/model/index.ts'
import type { DisplayFocus, DisplayModel, FocusItem } from '../../staged/presentation/index.ts'
import { RecordLink } from './RecordLink.tsx'

const SEVERITY_VARIANT: Record<Severity, 'error' | 'warning' | 'default'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'default',
}

const RISK_VARIANT: Record<RiskLevel, 'error' | 'warning' | 'success'> = {
  at_risk: 'error',
  watch: 'warning',
  fine: 'success',
}

/**
 * What to act on first, as the Zendesk sidebar shows it (its focus-section.tsx): the risk badge
 * with its reasons, the top 3 friction groups with why and next step, the rest behind "N more".
 */
export function FocusSection({ model }: { model: DisplayModel }) {
  const { focus, strings } = model
  const [expanded, setExpanded] = useState(false)
  return (
    <Flex direction="column" gap="sm" testId="focus">
      <Heading>{focus.title}</Heading>
      {focus.risk && <Risk risk={focus.risk} />}
      {focus.empty ? (
        <Text>{focus.empty}</Text>
      ) : (
        [...focus.top, ...(expanded ? focus.more : [])].map((item) => (
          <FocusGroup key={item.id} item={item} labels={strings} />
        ))
      )}
      {focus.moreText && (
        <Button variant="transparent" size="xs" onClick={() => setExpanded(!expanded)}>
          {expanded ? strings.less : focus.moreText}
        </Button>
      )}
      {expanded && focus.beyondText && <Text variant="microcopy">{focus.beyondText}</Text>}
      {focus.agedOutText && <Text variant="microcopy">{focus.agedOutText}</Text>}
    </Flex>
  )
}

function Risk({ risk }: { risk: NonNullable<DisplayFocus['risk']> }) {
  return (
    <Flex direction="column" gap="flush" testId={`risk:${risk.level}`}>
      {/* The level in words (never colour alone); the title names what the badge is. */}
      <Flex gap="xs" align="center">
        <Text inline variant="microcopy">
          {risk.title}
        </Text>
        <Tag variant={RISK_VARIANT[risk.level]}>{risk.label}</Tag>
      </Flex>
      {risk.reasons.map((reason) => (
        <Text key={reason} variant="microcopy">
          • {reason}
        </Text>
      ))}
    </Flex>
  )
}

function FocusGroup({
  item,
  labels,
}: {
  item: FocusItem
  labels: { evidence: string; nextStep: string }
}) {
  const { nextStep } = item
  return (
    <Flex direction="column" gap="flush" testId={`focus-item:${item.id}`}>
      <Flex gap="xs" align="center" wrap>
        <Tag variant={SEVERITY_VARIANT[item.severity]}>{item.severityLabel}</Tag>
        <Text inline format={{ fontWeight: 'demibold' }}>
          {item.title}
        </Text>
      </Flex>
      <Text>{item.why}</Text>
      {item.also && <Text variant="microcopy">{item.also}</Text>}
      <Flex gap="xs" wrap align="baseline">
        <Text inline format={{ fontWeight: 'demibold' }}>
          {`${labels.nextStep}:`}
        </Text>
        {nextStep.ticket ? (
          <>
            {nextStep.before && <Text inline>{nextStep.before}</Text>}
            <RecordLink link={nextStep.ticket} />
            {nextStep.after && <Text inline>{nextStep.after}</Text>}
          </>
        ) : (
          <Text inline>{nextStep.text}</Text>
        )}
      </Flex>
      <Text variant="microcopy">{item.meta}</Text>
      <Flex gap="xs" wrap align="center">
        <Text variant="microcopy" inline>
          {labels.evidence}
        </Text>
        {item.evidence.map((link) => (
          <RecordLink key={link.label} link={link} />
        ))}
      </Flex>
    </Flex>
  )
}
