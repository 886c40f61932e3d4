import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

// Three projects: pure code and connectors run in Node; the worker, its durable objects and the store
// run inside workerd, as they do in production; browser tests drive Chromium (the system's, else
// @sparticuz/chromium's) against a running worker and sandbox.
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
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              // Test-only secrets; real ones come from `wrangler secret put` / `.dev.vars`.
              bindings: {
                CXLENS_ADMIN_TOKEN: 'test-admin-token-0123456789abcdef',
                CXLENS_SECRET_KEY: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
                // Small slices, so the end-to-end sync crosses many alarm re-arms.
                CXLENS_SLICE_MAX_REQUESTS: '4',
                // The HubSpot marketplace app's client secret, for portals installed without their own.
                HUBSPOT_CLIENT_SECRET: 'test-hubspot-marketplace-secret-0123456789',
                // OAuth installs (test/workers/install.test.ts): the sandboxes register these apps.
                HUBSPOT_CLIENT_ID: 'test-hubspot-client',
                HUBSPOT_APP_BASE_URL: 'http://hubspot-oauth.sandbox.test',
                HUBSPOT_API_BASE_URL: 'http://hubspot-oauth.sandbox.test',
                ZENDESK_CLIENT_ID: 'zdg-cxlens-test',
                ZENDESK_CLIENT_SECRET: 'test-zendesk-client-secret',
                ZENDESK_BASE_URL: 'http://zendesk-oauth.sandbox.test',
                // The directory's D1 migrations, applied by test/workers/apply-migrations.ts.
                TEST_MIGRATIONS: await readD1Migrations('apps/worker/directory/migrations'),
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: [
            'apps/worker/**/*.test.ts',
            'apps/demo/**/*.test.ts',
            'test/workers/**/*.test.ts',
          ],
          setupFiles: ['test/workers/apply-migrations.ts'],
          // Git-ignored bundles built here (the pool runs no wrangler [build] command): the demo's
          // /preview sidebar and the admin console's client.
          globalSetup: ['apps/demo/build-embed.ts', 'test/workers/build-console.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
