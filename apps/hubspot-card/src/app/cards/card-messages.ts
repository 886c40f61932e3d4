import type { Locale } from '../staged/presentation/index.ts'

/**
 * The few strings only the HubSpot card needs (who to ask in HubSpot, which records it supports,
 * table headers).
 * Everything about the customer comes from the shared presentation module.
 */
const MESSAGES = {
  en: {
    auth: 'cxlens refused HubSpot’s request signature. Ask a HubSpot super admin to reconnect the cxlens app.',
    unsupported: 'cxlens shows customers on contact and ticket records.',
    'column.ticket': 'Ticket',
    'column.status': 'Status',
    'column.tool': 'Tool',
  },
  fr: {
    auth: 'cxlens a refusé la signature de la requête HubSpot. Demandez à un super administrateur HubSpot de reconnecter l’app cxlens.',
    unsupported: 'cxlens affiche les clients sur les fiches contact et ticket.',
    'column.ticket': 'Ticket',
    'column.status': 'Statut',
    'column.tool': 'Outil',
  },
} satisfies Record<Locale, Record<string, string>>

export type CardMessage = keyof (typeof MESSAGES)['en']

export function cardMessage(locale: Locale, key: CardMessage): string {
  return MESSAGES[locale][key]
}
