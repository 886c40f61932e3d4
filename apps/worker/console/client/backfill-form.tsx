import { useState } from 'preact/hooks'
import { api } from './api.ts'
import { t } from './i18n.ts'
import { useAction } from './use-action.ts'

const today = () => new Date().toISOString().slice(0, 10)

/** Re-reads the connection's records since a date (`POST …/backfill {since}`). */
export function BackfillForm(props: { path: string; disabled: boolean; onChanged: () => void }) {
  const [since, setSince] = useState(() =>
    new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
  )
  const action = useAction(props.onChanged)
  const submit = (event: Event) => {
    event.preventDefault()
    void action.run(() => api('POST', `${props.path}/backfill`, { since }))
  }
  return (
    <form class="cx-form" data-form="backfill" onSubmit={submit}>
      <h3>{t('backfill')}</h3>
      <label>
        {t('backfillSince')}
        <input
          name="since"
          type="date"
          required
          max={today()}
          value={since}
          onInput={(e) => setSince(e.currentTarget.value)}
        />
      </label>
      <button type="submit" disabled={action.busy || props.disabled}>
        {t('startBackfill')}
      </button>
      {action.error && (
        <span class="cx-error" role="alert">
          {action.error}
        </span>
      )}
    </form>
  )
}
