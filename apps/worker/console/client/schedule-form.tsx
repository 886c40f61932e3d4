import { useState } from 'preact/hooks'
import { api, type ConnectionStatus } from './api.ts'
import { t } from './i18n.ts'
import { useAction } from './use-action.ts'

type Schedule = ConnectionStatus['schedule']

/** An interval in minutes or a five-field cron expression (UTC); the API validates it. */
export function ScheduleForm(props: { path: string; schedule: Schedule; onChanged: () => void }) {
  const isCron = 'cron' in props.schedule
  const [kind, setKind] = useState<'interval' | 'cron'>(isCron ? 'cron' : 'interval')
  const [minutes, setMinutes] = useState(
    'everyMinutes' in props.schedule ? String(props.schedule.everyMinutes) : '15',
  )
  const [cron, setCron] = useState('cron' in props.schedule ? props.schedule.cron : '0 3 * * *')
  const [saved, setSaved] = useState(false)
  const action = useAction(props.onChanged)

  const submit = async (event: Event) => {
    event.preventDefault()
    setSaved(false)
    const schedule = kind === 'cron' ? { cron: cron.trim() } : { everyMinutes: Number(minutes) }
    setSaved(await action.run(() => api('PATCH', props.path, { schedule })))
  }
  return (
    <form class="cx-form" data-form="schedule" onSubmit={submit}>
      <h3>{t('editSchedule')}</h3>
      <label>
        {t('scheduleKind')}
        <select
          name="kind"
          value={kind}
          onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as 'cron')}
        >
          <option value="interval">{t('interval')}</option>
          <option value="cron">{t('cron')}</option>
        </select>
      </label>
      {kind === 'interval' ? (
        <label>
          {t('everyMinutes')}
          <input
            name="everyMinutes"
            type="number"
            min={1}
            required
            value={minutes}
            onInput={(e) => setMinutes(e.currentTarget.value)}
          />
        </label>
      ) : (
        <label>
          {t('cron')}
          <input
            name="cron"
            required
            value={cron}
            onInput={(e) => setCron(e.currentTarget.value)}
          />
        </label>
      )}
      <button type="submit" disabled={action.busy}>
        {t('save')}
      </button>
      {saved && <span role="status">{t('saved')}</span>}
      {action.error && (
        <span class="cx-error" role="alert">
          {action.error}
        </span>
      )}
    </form>
  )
}
