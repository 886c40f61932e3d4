import type { RouteDoc } from './describe.ts'
import { adminRoutes } from './routes-admin.ts'
import { consoleRoutes } from './routes-console.ts'
import { insightRoutes } from './routes-insight.ts'
import { installRoutes } from './routes-install.ts'
import { lifecycleRoutes } from './routes-lifecycle.ts'
import { opsRoutes } from './routes-ops.ts'
import { publicRoutes } from './routes-public.ts'

/** Every route of the app, described; test/workers/openapi.test.ts fails when one is missing. */
export const ROUTES: RouteDoc[] = [
  ...publicRoutes,
  ...consoleRoutes,
  ...adminRoutes,
  ...opsRoutes,
  ...lifecycleRoutes,
  ...installRoutes,
  ...insightRoutes,
]
