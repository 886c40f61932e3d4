/** The console's words, English and French; both the server pages and the client bundle read them. */
const en = {
  title: 'cxlens admin',
  signInTitle: 'Sign in to the cxlens admin console',
  signInHelp: 'Paste the admin token (CXLENS_ADMIN_TOKEN). It is exchanged for a session cookie.',
  tokenLabel: 'Admin token',
  signIn: 'Sign in',
  signOut: 'Sign out',
  wrongToken: 'That token is not this deployment’s admin token.',
  notConfigured: 'The admin API is not configured on this deployment (no CXLENS_ADMIN_TOKEN).',
  tenants: 'Tenants',
  noTenants: 'No tenants yet.',
  connections: 'Connections',
  noConnections: 'This tenant has no connections.',
  pickTenant: 'Pick a tenant.',
  source: 'Source',
  account: 'Account',
  schedule: 'Schedule',
  state: 'State',
  lag: 'Lag per stream',
  lagColumn: 'Lag',
  lastRun: 'Last run',
  nextRun: 'Next run',
  actions: 'Actions',
  running: 'running',
  paused: 'paused',
  idle: 'idle',
  failedState: 'last run failed',
  runNow: 'Run now',
  pause: 'Pause',
  resume: 'Resume',
  backfill: 'Backfill',
  backfillSince: 'Backfill since',
  startBackfill: 'Start backfill',
  editSchedule: 'Edit schedule',
  everyMinutes: 'Every (minutes)',
  cron: 'Cron (UTC)',
  scheduleKind: 'Kind',
  interval: 'Interval',
  save: 'Save',
  cancel: 'Cancel',
  saved: 'Saved.',
  every: 'every {n} min',
  cronShort: 'cron {expr}',
  never: 'never',
  open: 'Open',
  back: 'All connections',
  liveRun: 'Live run',
  noRun: 'No run in progress.',
  stream: 'Stream',
  records: 'Records',
  pages: 'Pages',
  requests: 'Requests',
  progress: 'Progress',
  eta: 'ETA',
  done: 'done',
  rateLimited: '429 responses',
  waited: 'Rate-limit waits',
  trigger: 'Trigger',
  outcome: 'Outcome',
  started: 'Started',
  duration: 'Duration',
  history: 'Run history',
  noHistory: 'No runs yet.',
  chartRecords: 'Records and duration per run',
  chartWaits: '429 responses and waits per run',
  durationSeconds: 'Duration (s)',
  waitedSeconds: 'Waited (s)',
  quarantine: 'Quarantine',
  noQuarantine: 'Nothing quarantined.',
  reason: 'Reason',
  vendorId: 'Vendor id',
  at: 'At',
  error: 'Error',
  sessionEnded: 'Your session ended: sign in again.',
  language: 'Language',
} as const

export type MessageKey = keyof typeof en
export type Messages = Record<MessageKey, string>

const fr: Messages = {
  title: 'cxlens admin',
  signInTitle: 'Connexion à la console d’administration cxlens',
  signInHelp:
    'Collez le jeton d’administration (CXLENS_ADMIN_TOKEN). Il est échangé contre un cookie de session.',
  tokenLabel: 'Jeton d’administration',
  signIn: 'Se connecter',
  signOut: 'Se déconnecter',
  wrongToken: 'Ce jeton n’est pas le jeton d’administration de ce déploiement.',
  notConfigured: 'L’API d’administration n’est pas configurée ici (pas de CXLENS_ADMIN_TOKEN).',
  tenants: 'Clients',
  noTenants: 'Aucun client pour l’instant.',
  connections: 'Connexions',
  noConnections: 'Ce client n’a aucune connexion.',
  pickTenant: 'Choisissez un client.',
  source: 'Source',
  account: 'Compte',
  schedule: 'Planification',
  state: 'État',
  lag: 'Retard par flux',
  lagColumn: 'Retard',
  lastRun: 'Dernière exécution',
  nextRun: 'Prochaine exécution',
  actions: 'Actions',
  running: 'en cours',
  paused: 'en pause',
  idle: 'inactive',
  failedState: 'dernière exécution en échec',
  runNow: 'Lancer',
  pause: 'Pause',
  resume: 'Reprendre',
  backfill: 'Rattrapage',
  backfillSince: 'Rattraper depuis',
  startBackfill: 'Lancer le rattrapage',
  editSchedule: 'Modifier la planification',
  everyMinutes: 'Toutes les (minutes)',
  cron: 'Cron (UTC)',
  scheduleKind: 'Type',
  interval: 'Intervalle',
  save: 'Enregistrer',
  cancel: 'Annuler',
  saved: 'Enregistré.',
  every: 'toutes les {n} min',
  cronShort: 'cron {expr}',
  never: 'jamais',
  open: 'Ouvrir',
  back: 'Toutes les connexions',
  liveRun: 'Exécution en cours',
  noRun: 'Aucune exécution en cours.',
  stream: 'Flux',
  records: 'Enregistrements',
  pages: 'Pages',
  requests: 'Requêtes',
  progress: 'Avancement',
  eta: 'Fin estimée',
  done: 'terminé',
  rateLimited: 'Réponses 429',
  waited: 'Attentes (limites de débit)',
  trigger: 'Déclencheur',
  outcome: 'Résultat',
  started: 'Début',
  duration: 'Durée',
  history: 'Historique des exécutions',
  noHistory: 'Aucune exécution pour l’instant.',
  chartRecords: 'Enregistrements et durée par exécution',
  chartWaits: 'Réponses 429 et attentes par exécution',
  durationSeconds: 'Durée (s)',
  waitedSeconds: 'Attente (s)',
  quarantine: 'Quarantaine',
  noQuarantine: 'Rien en quarantaine.',
  reason: 'Motif',
  vendorId: 'Id chez l’éditeur',
  at: 'Le',
  error: 'Erreur',
  sessionEnded: 'Votre session a expiré : reconnectez-vous.',
  language: 'Langue',
}

export const LOCALES = ['en', 'fr'] as const
export type Locale = (typeof LOCALES)[number]
export const MESSAGES: Record<Locale, Messages> = { en, fr }

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value)

/** `?lang=` first, then the console's language cookie, then Accept-Language's first en/fr. */
export function pickLocale(
  query: string | undefined,
  cookie: string | undefined,
  acceptLanguage: string | undefined,
): Locale {
  if (isLocale(query)) return query
  if (isLocale(cookie)) return cookie
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean)
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q) : 1, index }
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  return ranked.map((r) => r.lang).find(isLocale) ?? 'en'
}

/** `{n}`-style placeholders filled in. */
export const format = (text: string, values: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`))
