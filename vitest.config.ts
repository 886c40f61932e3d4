import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

// Two projects: pure code and connectors run in Node; the worker, its durable objects and the store
// run inside workerd, as they do in production.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['core/**/*.test.ts', 'connectors/**/*.test.ts', 'test/node/**/*.test.ts'],
        },
      },
      {
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
        test: {
          name: 'workers',
          include: ['apps/worker/**/*.test.ts', 'test/workers/**/*.test.ts'],
        },
      },
    ],
  },
})
