import type { DisplayHeader } from '../../../../core/presentation/index.ts'
import { RecordLink, type LinkActions } from './record-link.tsx'

export function CustomerHeader(props: {
  header: DisplayHeader
  title: string
  actions: LinkActions
}) {
  const { header } = props
  return (
    <header class="cx-header">
      <h1 class="cx-name">{header.name}</h1>
      {header.organisation && <p class="cx-org">{header.organisation}</p>}
      {header.emails.length > 0 && <p class="cx-muted cx-wrap">{header.emails.join(', ')}</p>}
      <ul class="cx-identities" aria-label={props.title}>
        {header.identities.map((link) => (
          <li key={link.label}>
            <RecordLink link={link} actions={props.actions} />
          </li>
        ))}
      </ul>
    </header>
  )
}
