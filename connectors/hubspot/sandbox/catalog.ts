/** Static portal settings: ticket pipelines, surveys, and the words generated records use. */

export interface SandboxStage {
  id: string
  label: string
  state: 'OPEN' | 'CLOSED'
}
export interface SandboxPipeline {
  id: string
  label: string
  stages: SandboxStage[]
}

/** `0` is HubSpot's default support pipeline; its stage ids 1–4 are HubSpot's defaults. */
export const PIPELINES: SandboxPipeline[] = [
  {
    id: '0',
    label: 'Support Pipeline',
    stages: [
      { id: '1', label: 'New', state: 'OPEN' },
      { id: '2', label: 'Waiting on contact', state: 'OPEN' },
      { id: '3', label: 'Waiting on us', state: 'OPEN' },
      { id: '4', label: 'Closed', state: 'CLOSED' },
    ],
  },
  {
    id: '84112233',
    label: 'Support France',
    stages: [
      { id: '168001', label: 'Nouveau', state: 'OPEN' },
      { id: '168002', label: 'En attente du client', state: 'OPEN' },
      { id: '168003', label: 'En pause', state: 'OPEN' },
      { id: '168004', label: 'Résolu', state: 'CLOSED' },
    ],
  },
  {
    id: '84119988',
    label: 'Escalations',
    stages: [
      { id: '169001', label: 'Triage', state: 'OPEN' },
      { id: '169002', label: 'With engineering', state: 'OPEN' },
      { id: '169003', label: 'Fixed', state: 'CLOSED' },
    ],
  },
]

export const SURVEYS = {
  NPS: { id: '1', name: 'Relationship NPS', channel: 'EMAIL' },
  CSAT: { id: '2', name: 'Support CSAT', channel: 'EMAIL' },
  CES: { id: '3', name: 'Customer effort after a ticket', channel: 'WEB' },
} as const

export const TOPICS: { category: string; fr: string[]; en: string[] }[] = [
  {
    category: 'BILLING_ISSUE',
    fr: ['Facture en double', 'Erreur sur ma facture', 'Prélèvement non reconnu'],
    en: ['Charged twice', 'Wrong amount on my invoice', 'Unrecognised payment'],
  },
  {
    category: 'PRODUCT_ISSUE',
    fr: ["L'application plante à l'ouverture", 'Export PDF cassé', 'Synchronisation bloquée'],
    en: ['App crashes on start', 'PDF export broken', 'Sync is stuck'],
  },
  {
    category: 'GENERAL_INQUIRY',
    fr: ['Question sur mon abonnement', 'Changer mon adresse', 'Où est ma commande ?'],
    en: ['Question about my plan', 'Change my address', 'Where is my order?'],
  },
  {
    category: 'FEATURE_REQUEST',
    fr: ['Mode sombre, svp', 'Export vers Excel'],
    en: ['Dark mode please', 'Export to Excel'],
  },
]

export const NPS_COMMENTS: Record<
  'PROMOTER' | 'PASSIVE' | 'DETRACTOR',
  { fr: string[]; en: string[] }
> = {
  PROMOTER: {
    fr: ['Service au top, merci !', 'Équipe réactive et très aimable 👍', 'Je recommande à 100 %'],
    en: ['Great service, thank you!', 'Support is quick and friendly 👍', 'Love it, keep going'],
  },
  PASSIVE: {
    fr: ['Correct, sans plus', 'Bien mais un peu cher', 'Délais de livraison à améliorer'],
    en: ['It is fine', 'Good but a bit pricey', 'Delivery times could be better'],
  },
  DETRACTOR: {
    fr: ['Trois relances sans réponse…', 'Très déçu du suivi', 'Facturé deux fois, inacceptable'],
    en: ['Three follow-ups, no answer…', 'Very disappointed', 'Charged twice, unacceptable'],
  },
}

export const COMPANY_NAMES = [
  'Boulangerie Vauban',
  'Atelier Mistral',
  'Transports Garonne',
  'Pharmacie Rivoli',
  'Librairie Lumière',
  'Cabinet Cévennes',
  'Kestrel Logistics',
  'Harbour Studio',
  'Thames Consulting',
  'Oakfield Outfitters',
  'Northwind Labs',
  'Brightwater Bakery',
]
