import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import {
  createTranslator,
  presentView,
  resolveLocale,
  type DisplayModel,
  type Translator,
} from '../../../core/presentation/index.ts'
import { CustomerPanel } from './components/customer-panel.tsx'
import { ErrorState, LoadingState, MessageState } from './components/states.tsx'
import type { LookupResult, SidebarContext, SidebarHost } from './zaf.ts'

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; model: DisplayModel }
  | { kind: 'no_requester' }
  | { kind: 'unknown' }
  | { kind: 'error'; reason: Extract<LookupResult, { kind: 'error' }>['reason']; status?: number }

export function App({ host, now = Date.now }: { host: SidebarHost; now?: () => number }) {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [tr, setTr] = useState<Translator>(() =>
    createTranslator(resolveLocale(navigator.language)),
  )
  const context = useRef<SidebarContext | null>(null)
  const root = useRef<HTMLDivElement>(null)

  const load = useCallback(async () => {
    setState({ kind: 'loading' })
    try {
      const ctx = await host.context()
      context.current = ctx
      setTr(createTranslator(resolveLocale(ctx.locale)))
      if (!ctx.zendeskUserId) return setState({ kind: 'no_requester' })
      const result = await host.lookup(ctx)
      if (result.kind === 'found') {
        setState({
          kind: 'ready',
          model: presentView(result.view, { locale: ctx.locale, now: now() }),
        })
      } else if (result.kind === 'unknown') setState({ kind: 'unknown' })
      else setState({ kind: 'error', reason: result.reason, status: result.status })
    } catch {
      setState({ kind: 'error', reason: 'network' })
    }
  }, [host, now])

  useEffect(() => {
    void load().then(() => host.onSubjectChange(() => void load()))
  }, [host, load])

  // The iframe is as tall as its content: Zendesk gives flexible apps no height of their own.
  useLayoutEffect(() => {
    const el = root.current
    if (!el) return
    host.resize(el.scrollHeight)
    const observer = new ResizeObserver(() => host.resize(el.scrollHeight))
    observer.observe(el)
    return () => observer.disconnect()
  }, [host])

  const retry = () => void load()
  return (
    <div ref={root} class="cx" lang={tr.locale} data-state={state.kind}>
      {state.kind === 'loading' && <LoadingState tr={tr} />}
      {state.kind === 'no_requester' && <MessageState title={tr.t('state.noRequester')} />}
      {state.kind === 'unknown' && (
        <MessageState title={tr.t('state.unknown.title')} body={tr.t('state.unknown.body')} />
      )}
      {state.kind === 'error' && (
        <ErrorState tr={tr} reason={state.reason} status={state.status} onRetry={retry} />
      )}
      {state.kind === 'ready' && (
        <CustomerPanel
          model={state.model}
          subdomain={context.current?.subdomain ?? ''}
          openTicket={(id) => host.openTicket(id)}
        />
      )}
    </div>
  )
}
