import type { ObjectType } from './portal.ts'

/**
 * HubSpot-defined association type ids, from → to (docs: "Associations v4" › association type id
 * values). Contact↔company also carries the primary label (1/2), ticket↔company 26/25.
 */
export const ASSOCIATION_TYPES: Record<string, { typeId: number; label: string | null }[]> = {
  'contacts>tickets': [{ typeId: 15, label: null }],
  'tickets>contacts': [{ typeId: 16, label: null }],
  'contacts>feedback_submissions': [{ typeId: 97, label: null }],
  'feedback_submissions>contacts': [{ typeId: 98, label: null }],
  'tickets>feedback_submissions': [{ typeId: 99, label: null }],
  'feedback_submissions>tickets': [{ typeId: 100, label: null }],
  'contacts>companies': [
    { typeId: 1, label: 'Primary' },
    { typeId: 279, label: null },
  ],
  'companies>contacts': [
    { typeId: 2, label: 'Primary' },
    { typeId: 280, label: null },
  ],
  'tickets>companies': [
    { typeId: 26, label: 'Primary' },
    { typeId: 339, label: null },
  ],
  'companies>tickets': [
    { typeId: 25, label: 'Primary' },
    { typeId: 340, label: null },
  ],
}

/** v4 accepts singular or plural object names and `0-1`-style ids. */
const ALIASES: Record<string, ObjectType> = {
  contact: 'contacts',
  contacts: 'contacts',
  '0-1': 'contacts',
  company: 'companies',
  companies: 'companies',
  '0-2': 'companies',
  ticket: 'tickets',
  tickets: 'tickets',
  '0-5': 'tickets',
  feedback_submission: 'feedback_submissions',
  feedback_submissions: 'feedback_submissions',
  '0-19': 'feedback_submissions',
}

export function objectTypeOf(name: string): ObjectType | null {
  return ALIASES[name.toLowerCase()] ?? null
}

/** One `MultiAssociatedObjectWithLabel`; ids are JSON numbers, as the live API sends them. */
export function associationEntry(from: ObjectType, to: ObjectType, toId: string) {
  return {
    toObjectId: Number(toId),
    associationTypes: (ASSOCIATION_TYPES[`${from}>${to}`] ?? []).map((t) => ({
      category: 'HUBSPOT_DEFINED',
      typeId: t.typeId,
      label: t.label,
    })),
  }
}
