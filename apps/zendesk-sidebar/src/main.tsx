import { render } from 'preact'
import { App } from './app.tsx'
import { connectZaf, initZafClient } from './zaf.ts'

const mount = document.getElementById('app')!
const client = initZafClient()
if (client) {
  render(<App host={connectZaf(client)} />, mount)
} else {
  // Opened outside Zendesk (no SDK): say so instead of spinning forever.
  mount.textContent = 'cxlens runs inside Zendesk: open a ticket to see the customer.'
}
