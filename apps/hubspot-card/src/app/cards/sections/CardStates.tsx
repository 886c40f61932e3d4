import { Button, EmptyState, ErrorState, LoadingSpinner, Text } from '@hubspot/ui-extensions'
import type { Translator } from '../../staged/presentation/index.ts'
import type { LookupResult } from '../api.ts'
import { cardMessage } from '../card-messages.ts'

export function Loading({ tr }: { tr: Translator }) {
  return <LoadingSpinner label={tr.t('state.loading')} showLabel layout="centered" />
}

export function UnknownCustomer({ tr }: { tr: Translator }) {
  return (
    <EmptyState title={tr.t('state.unknown.title')} imageName="customerSupport" layout="vertical">
      <Text>{tr.t('state.unknown.body')}</Text>
    </EmptyState>
  )
}

export function LookupFailed({
  tr,
  error,
  onRetry,
}: {
  tr: Translator
  error: Extract<LookupResult, { kind: 'error' }>
  onRetry: () => void
}) {
  const message =
    error.reason === 'auth' || error.reason === 'unsupported'
      ? cardMessage(tr.locale, error.reason)
      : error.reason === 'network'
        ? tr.t('state.error.network')
        : tr.t('state.error.server', { status: error.status ?? '?' })
  return (
    <ErrorState title={tr.t('state.error.title')} type={error.reason === 'auth' ? 'lock' : 'error'}>
      <Text>{message}</Text>
      {error.reason !== 'unsupported' && <Button onClick={onRetry}>{tr.t('state.retry')}</Button>}
    </ErrorState>
  )
}
