import { api, type QuarantinePage } from './api.ts'
import { formatDate, t } from './i18n.ts'
import { usePoll } from './use-poll.ts'

/** Items the sync set aside, with their reasons (never the vendor's raw data). */
export function QuarantineList(props: { path: string }) {
  const page = usePoll(
    () => api<QuarantinePage>('GET', `${props.path}/quarantine?limit=100`),
    30_000,
    props.path,
  )
  return (
    <section class="cx-quarantine">
      <h3>
        {t('quarantine')} {page.data ? `(${page.data.total})` : ''}
      </h3>
      {page.error && <p class="cx-error">{page.error}</p>}
      {page.data?.total === 0 && <p>{t('noQuarantine')}</p>}
      {page.data && page.data.items.length > 0 && (
        <table class="cx-table" data-table="quarantine">
          <thead>
            <tr>
              <th>{t('stream')}</th>
              <th>{t('vendorId')}</th>
              <th>{t('reason')}</th>
              <th>{t('at')}</th>
            </tr>
          </thead>
          <tbody>
            {page.data.items.map((item, i) => (
              <tr key={`${item.stream}:${item.vendorId}:${i}`}>
                <td>{item.stream}</td>
                <td>{item.vendorId}</td>
                <td>{item.reason}</td>
                <td>{formatDate(item.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
