import {
  RenderedNodeType,
  type RenderedChildNode,
  type RenderedElementNode,
  type RenderedFragmentNode,
  type RenderedRootNode,
} from '@hubspot/ui-extensions/testing'

// Any element, whatever its props type (the SDK's own union only takes unknown-props elements).
type AnyParentNode = RenderedRootNode | RenderedFragmentNode | RenderedElementNode<any>

/** Every string the card shows: text nodes and the string props that render as text (titles…). */
export function renderedStrings(node: AnyParentNode): string[] {
  const out: string[] = []
  const visit = (child: RenderedChildNode | AnyParentNode) => {
    if (child.nodeType === RenderedNodeType.Text) {
      out.push(child.text)
      return
    }
    if (child.nodeType === RenderedNodeType.Element) {
      for (const [name, value] of Object.entries(child.props)) {
        if (typeof value === 'string' && ['title', 'label'].includes(name)) out.push(value)
        if (name === 'options' && value && typeof value === 'object' && 'title' in value) {
          out.push(String(value.title))
        }
      }
    }
    for (const grandchild of child.childNodes) visit(grandchild)
  }
  visit(node)
  return out
}

export function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

export const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

export const problem = (status: number): Response =>
  new Response(JSON.stringify({ status, title: 'Problem', detail: 'no' }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  })

/** All the text under a node, one space between pieces (`.text` is null once children nest). */
export const textOf = (node: AnyParentNode): string => renderedStrings(node).join(' ')
