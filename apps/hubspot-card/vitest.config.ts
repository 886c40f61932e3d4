import { defineConfig } from 'vitest/config'

// The card's own test run (`npm test` here, `npm --prefix apps/hubspot-card test` from the root):
// React 18 and @hubspot/ui-extensions live in this folder's node_modules, not the root's.
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
})
