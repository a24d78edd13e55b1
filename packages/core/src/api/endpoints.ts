// Each API route's method and path alone: what the browser's typed client needs at run time, without the
// schemas (kept in routes.ts, which builds on this table).
export const apiEndpoints = {
  listCronJobs: { method: 'GET', path: '/api/cron/jobs' },
  getCronJob: { method: 'GET', path: '/api/cron/jobs/{id}' },
  updateCronJob: { method: 'PATCH', path: '/api/cron/jobs/{id}' },
  triggerCronJob: { method: 'POST', path: '/api/cron/jobs/{id}/trigger' },
  listCronRuns: { method: 'GET', path: '/api/cron/jobs/{id}/runs' },
  getCronRun: { method: 'GET', path: '/api/cron/runs/{id}' },
  streamCronRunLogs: { method: 'GET', path: '/api/cron/runs/{id}/logs' },
  listGtmOutputs: { method: 'GET', path: '/api/gtm/outputs' },
  getGtmOutput: { method: 'GET', path: '/api/gtm/outputs/{id}' },
  updateGtmOutput: { method: 'PATCH', path: '/api/gtm/outputs/{id}' },
  publishGtmOutput: { method: 'POST', path: '/api/gtm/outputs/{id}/publish' },
  listAgentSessions: { method: 'GET', path: '/api/agents/sessions' },
  getAgentSession: { method: 'GET', path: '/api/agents/sessions/{id}' },
  streamAgentLogs: { method: 'GET', path: '/api/agents/sessions/{id}/logs' },
  cancelAgentSession: { method: 'POST', path: '/api/agents/sessions/{id}/cancel' },
  spawnSwarm: { method: 'POST', path: '/api/agents/swarm/spawn' },
  getCommand: { method: 'GET', path: '/api/commands/{id}' },
  getHealth: { method: 'GET', path: '/api/health' },
  getMetrics: { method: 'GET', path: '/api/metrics' },
  streamEvents: { method: 'GET', path: '/api/events' },
  login: { method: 'POST', path: '/api/auth/login' },
  setup: { method: 'POST', path: '/api/auth/setup' },
  logout: { method: 'POST', path: '/api/auth/logout' },
  live: { method: 'GET', path: '/api/live' },
  listTokens: { method: 'GET', path: '/api/tokens' },
  createToken: { method: 'POST', path: '/api/tokens' },
  revokeToken: { method: 'DELETE', path: '/api/tokens/{id}' },
} as const;

export type EndpointName = keyof typeof apiEndpoints;
