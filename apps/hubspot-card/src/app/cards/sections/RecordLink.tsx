import { Link, Text } from '@hubspot/ui-extensions'
import type { DisplayLink } from '../../staged/presentation/index.ts'

/** A record in Zendesk or HubSpot: a link when the source gave a URL, plain text otherwise. */
export function RecordLink({ link, children }: { link: DisplayLink; children?: string }) {
  const text = children ?? link.label
  if (!link.url) return <Text inline>{text}</Text>
  return <Link href={{ url: link.url, external: true }}>{text}</Link>
}
