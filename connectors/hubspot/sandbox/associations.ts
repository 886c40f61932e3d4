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

/** Inline associations per record on the list endpoint; past this the type carries `paging`. */
export const INLINE_ASSOCIATIONS_MAX = 100

const SINGULAR: Record<ObjectType, string> = {
  contacts: 'contact',
  companies: 'company',
  tickets: 'ticket',
  feedback_submissions: 'feedback_submission',
}

/**
 * `associations` of a list item (`SimplePublicObjectWithAssociations`): per requested type,
 * `{results: [{id, type}]}` with one entry per association type, `ticket_to_company` for the
 * primary label and `…_unlabeled` for the other (docs: "CRM API | Objects" › list, `associations`).
 * A record with more than 100 associated records of a type gets the first 100 and `paging.next`.
 */
export function inlineAssociations(from: ObjectType, to: ObjectType, toIds: string[]) {
  const kinds = ASSOCIATION_TYPES[`${from}>${to}`] ?? []
  const name = `${SINGULAR[from]}_to_${SINGULAR[to]}`
  const shown = toIds.slice(0, INLINE_ASSOCIATIONS_MAX)
  const results = shown.flatMap((id) =>
    kinds.map((k, i) => ({
      id,
      type: i === 0 || kinds.length === 1 ? name : `${name}_unlabeled`,
    })),
  )
  const more = toIds.length > shown.length
  return {
    results,
    ...(more
      ? { paging: { next: { after: String(shown.length), link: `?after=${shown.length}` } } }
      : {}),
  }
}
