/**
 * A response carrying JSON text the store already holds (a materialised view): sent as is, with
 * the content type `c.json` would set, instead of parsed and serialised again.
 */
export function storedJson(text: string): Response {
  return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } })
}
