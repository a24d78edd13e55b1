export type { Db, Queryable, Tx } from './db';
export { openDb, DEFAULT_DATA_DIR, type DbConfig } from './open';
// The migration runner is `@agent-studio/database/migrate`: it reads .sql files from disk, which the web
// bundle neither needs nor can resolve.
export { DataDirLockedError, isAlive } from './drivers/data-dir-lock';
export { shareDb, sharedDb } from './shared';
export * from './queries/cursor';
export * from './queries/auth';
export * from './queries/api-tokens';
export * from './queries/events';
export * from './queries/commands';
export * from './queries/activity';
export * from './queries/budgets';
export * from './queries/checkpoints';
export * from './queries/cron-jobs';
export * from './queries/cron-runs';
export * from './queries/gtm-outputs';
export * from './queries/gtm-revisions';
export * from './queries/agent-sessions';
export * from './queries/agent-logs';
export * from './queries/system-metrics';
export * from './queries/stats-range';
export * from './queries/cron-run-stats';
export * from './queries/agent-usage';
export * from './queries/compact-rollups';
export * from './queries/vacuum';
export * from './queries/gtm-stats';
export * from './queries/webhooks';
export * from './queries/watchdog';
