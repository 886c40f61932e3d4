import { OPS_TABLES } from '../ops-schema.ts'

/** Operations: cron schedules and pauses, run history, rotated-out API keys in their grace period. */
export default OPS_TABLES.join(';\n')
