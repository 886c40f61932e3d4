/** Word lists for the generated account: French and English customers, topics, comments. */

export const FRENCH_FIRST = [
  'Amélie',
  'Éloïse',
  'Hélène',
  'Chloé',
  'Zoé',
  'Léa',
  'Inès',
  'Maëlle',
  'Noémie',
  'Bérénice',
  'François',
  'Jérôme',
  'Théo',
  'Loïc',
  'Gaël',
  'Raphaël',
  'Benoît',
  'Céline',
  'Anaïs',
  'Joël',
  'Mathéo',
  'Clément',
  'Océane',
  'Aurélien',
  'Stéphane',
  'Frédéric',
  'Josée',
  'Rémi',
  'Léon',
  'Solène',
] as const

export const FRENCH_LAST = [
  'Lefèvre',
  'Gauthier',
  'Bézier',
  'Dubois',
  'Moreau',
  'Laurent',
  'Girard',
  'Bonnet',
  'Mercier',
  'Lambert',
  'Fontaine',
  'Rousseau',
  'Vincent',
  'Muller',
  'Lefebvre',
  'Faure',
  'André',
  'Chévremont',
  'Garçon',
  'Noël',
  'Perrin',
  'Brunet',
  'Roché',
  "D'Aubigné",
  'Le Goff',
  'Hélias',
  'Bélanger',
] as const

export const ENGLISH_FIRST = [
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Emily',
  'Grace',
  'Sophie',
  'Harriet',
  'Jessica',
  'Megan',
  'Oliver',
  'George',
  'Harry',
  'Jack',
  'Noah',
  'Liam',
  'Ethan',
  'James',
  'Connor',
  'Samuel',
  'Zoë',
  'Chloe',
  'Daniel',
  'Ruth',
  'Patrick',
  'Siobhan',
  'Niamh',
  'Owen',
  'Rhys',
  'Mary-Jane',
] as const

export const ENGLISH_LAST = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  "O'Brien",
  'Murphy',
  'Clarke',
  'Hughes',
  'Edwards',
  'Patel',
  'Khan',
  'Lewis',
  'Harris',
  'Young',
  'McAllister',
] as const

export const FREE_MAIL = [
  'gmail.com',
  'outlook.com',
  'yahoo.fr',
  'orange.fr',
  'free.fr',
  'icloud.com',
] as const

export const ORG_WORDS_FR = [
  'Boulangerie',
  'Atelier',
  'Transports',
  'Pharmacie',
  'Librairie',
  'Cabinet',
] as const
export const ORG_WORDS_EN = [
  'Logistics',
  'Studio',
  'Bakery',
  'Consulting',
  'Outfitters',
  'Labs',
] as const
export const ORG_NAMES = [
  'Vauban',
  'Mistral',
  'Lumière',
  'Cévennes',
  'Garonne',
  'Rivoli',
  'Océan',
  'Belle-Île',
  'Kestrel',
  'Harbour',
  'Thames',
  'Oakfield',
  'Northwind',
  'Brightwater',
  'Ashford',
  'Pennine',
  'Solent',
] as const

/** A topic: subjects in both languages and a reason tag. Repeat contacts reuse the same topic. */
export interface Topic {
  tag: string
  fr: readonly string[]
  en: readonly string[]
}

export const TOPICS: readonly Topic[] = [
  {
    tag: 'billing',
    fr: [
      'Problème de facturation',
      'Facture en double',
      'Erreur sur ma facture',
      'Prélèvement non reconnu',
    ],
    en: ['Billing issue', 'Charged twice', 'Wrong amount on my invoice', 'Unrecognised payment'],
  },
  {
    tag: 'login',
    fr: [
      'Impossible de me connecter',
      'Mot de passe oublié',
      'Compte bloqué',
      'Code de vérification non reçu',
    ],
    en: [
      "Can't log in",
      'Password reset not working',
      'Account locked',
      'Verification code never arrives',
    ],
  },
  {
    tag: 'delivery',
    fr: ['Colis non reçu', 'Livraison en retard', 'Où est ma commande ?', 'Colis endommagé'],
    en: [
      'Parcel not received',
      'Delivery is late',
      'Where is my order?',
      'Package arrived damaged',
    ],
  },
  {
    tag: 'refund',
    fr: [
      'Demande de remboursement',
      'Remboursement toujours pas reçu',
      'Annulation et remboursement',
    ],
    en: ['Refund request', 'Still waiting for my refund', 'Cancel and refund please'],
  },
  {
    tag: 'product',
    fr: ["L'application plante", 'Fonctionnalité manquante', 'Question sur mon abonnement'],
    en: ['The app keeps crashing', 'Feature request', 'Question about my subscription'],
  },
  {
    tag: 'account',
    fr: ['Changer mon adresse e-mail', 'Supprimer mon compte', 'Mettre à jour mes coordonnées'],
    en: ['Change my email address', 'Delete my account', 'Update my details'],
  },
]

export const DESCRIPTION_FR = [
  "Bonjour, j'ai besoin d'aide rapidement, merci.",
  "Bonjour, c'est la deuxième fois que je vous contacte à ce sujet.",
  'Pouvez-vous regarder mon dossier ? Cordialement.',
] as const
export const DESCRIPTION_EN = [
  'Hi, I need help with this as soon as possible, thanks.',
  'Hello, this is the second time I am contacting you about this.',
  'Could you please look into my account? Regards.',
] as const

export const GOOD_COMMENTS = [
  'Merci beaucoup, très réactif !',
  'Super service, problème résolu.',
  'Great support, thanks!',
  'Quick and helpful.',
  'Parfait, merci Théo.',
] as const
export const BAD_COMMENTS = [
  "Toujours pas résolu, c'est inadmissible.",
  "Trop long, j'ai dû relancer trois fois.",
  'Nobody answered for a week.',
  'Issue not fixed at all.',
  'Réponse à côté de la plaque.',
] as const

export const BAD_REASONS = [
  'The issue took too long to resolve',
  'The issue was not resolved',
  "The agent's knowledge is unsatisfactory",
  "The agent's attitude is unsatisfactory",
] as const
