import { t } from './i18n.ts'

/** Ends the session: the server clears the cookie, the page goes back to sign-in. */
export function SignOut() {
  const signOut = async () => {
    await fetch('/admin/session', { method: 'DELETE', credentials: 'same-origin' })
    location.assign('/admin')
  }
  return (
    <button type="button" class="cx-link" onClick={signOut}>
      {t('signOut')}
    </button>
  )
}
