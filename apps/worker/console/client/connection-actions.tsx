import { api, connectionPath, type ConnectionStatus } from './api.ts'
import { t } from './i18n.ts'
import { useAction } from './use-action.ts'

/** Run now, pause or resume one connection. */
export function ConnectionActions(props: {
  tenantId: string
  status: ConnectionStatus
  onChanged: () => void
}) {
  const { tenantId, status, onChanged } = props
  const path = connectionPath(tenantId, status.connection.id)
  const action = useAction(onChanged)
  return (
    <div class="cx-actions">
      <button
        type="button"
        data-action="run"
        disabled={action.busy || status.paused}
        onClick={() => action.run(() => api('POST', `${path}/runs`))}
      >
        {t('runNow')}
      </button>
      {status.paused ? (
        <button
          type="button"
          data-action="resume"
          disabled={action.busy}
          onClick={() => action.run(() => api('POST', `${path}/resume`))}
        >
          {t('resume')}
        </button>
      ) : (
        <button
          type="button"
          data-action="pause"
          disabled={action.busy}
          onClick={() => action.run(() => api('POST', `${path}/pause`))}
        >
          {t('pause')}
        </button>
      )}
      {action.error && (
        <span class="cx-error" role="alert">
          {action.error}
        </span>
      )}
    </div>
  )
}
