import type { ConnectionStatus } from './api.ts'
import { formatDate, t } from './i18n.ts'

/**
 * A connection's lifecycle in the connections table: active, needs reconnecting (with what to do),
 * or uninstalled (with when its data is deleted). The server's own `action` (English) is the title.
 */
export function LifecycleCell(props: { lifecycle: ConnectionStatus['lifecycle'] }) {
  const { state, purgeAfter, action } = props.lifecycle
  const label =
    state === 'uninstalled'
      ? t('lifecycle.uninstalled', { date: formatDate(purgeAfter) })
      : t(`lifecycle.${state}`)
  const advice =
    state === 'needs_reconnect'
      ? t('lifecycle.reconnect')
      : state === 'uninstalled'
        ? t('lifecycle.reinstall')
        : null
  return (
    <td data-field="lifecycle" data-lifecycle={state}>
      <span class={`cx-lifecycle cx-lifecycle-${state}`} title={action ?? undefined}>
        {label}
      </span>
      {advice ? <div class="cx-lifecycle-action">{advice}</div> : null}
    </td>
  )
}
