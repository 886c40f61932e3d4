import type { Translator } from '../../../../core/presentation/index.ts'

export function LoadingState({ tr }: { tr: Translator }) {
  return (
    <p class="cx-state" role="status" aria-live="polite">
      {tr.t('state.loading')}
    </p>
  )
}

export function MessageState({ title, body }: { title: string; body?: string }) {
  return (
    <section class="cx-state" role="status">
      <h2 class="cx-state-title">{title}</h2>
      {body && <p>{body}</p>}
    </section>
  )
}

const MESSAGE = {
  auth: 'state.error.auth',
  network: 'state.error.network',
  server: 'state.error.server',
  config: 'state.error.config',
} as const

export function ErrorState(props: {
  tr: Translator
  reason: keyof typeof MESSAGE
  status?: number
  onRetry: () => void
}) {
  const { tr } = props
  return (
    <section class="cx-state cx-error" role="alert" data-reason={props.reason}>
      <h2 class="cx-state-title">{tr.t('state.error.title')}</h2>
      <p>{tr.t(MESSAGE[props.reason], { status: props.status ?? '' })}</p>
      <button type="button" class="cx-button" onClick={props.onRetry}>
        {tr.t('state.retry')}
      </button>
    </section>
  )
}
