// The API's one description: each route with its parameters, body and answers. The OpenAPI document
// (/api/openapi.json) and the typed client are generated from this table; handlers parse with the same schemas.
import type { z } from 'zod';
import * as agents from './agents';
import * as auth from './auth';
import * as control from './control';
import { apiEndpoints } from './endpoints';
import { commandResponse, errorResponse, idParams, queuedCommand } from './common';
import * as cron from './cron';
import * as gtm from './gtm';
import * as inbox from './inbox';
import * as logs from './logs';
import * as search from './search';
import * as system from './system';
import * as webhooks from './webhooks';
import * as alerts from './alerts';

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Status code → schema; `'sse'` marks a Server-Sent Events stream, `'image'` an image's bytes. */
  responses: Record<number, z.ZodType | 'sse' | 'image'>;
}

const notFound = { 404: errorResponse };
const invalid = { 400: errorResponse };

export const apiRoutes = {
  listCronJobs: {
    ...apiEndpoints.listCronJobs,
    summary: 'Cron jobs with their last run and next run',
    query: cron.cronJobsQuery,
    responses: { 200: cron.cronJobsResponse, ...invalid },
  },
  createCronJob: {
    ...apiEndpoints.createCronJob,
    summary:
      'Create a job in OpenClaw (the gateway’s cron.add, through the bridge); 201 once OpenClaw created it, else 202 with the queued command',
    body: cron.jobCreateBody,
    responses: { 201: cron.jobCreatedResponse, 202: cron.jobCreatedResponse, ...invalid, 409: errorResponse },
  },
  deleteCronJob: {
    ...apiEndpoints.deleteCronJob,
    summary: 'Delete a job from OpenClaw (cron.remove); its runs stay in the studio. 200 once removed, else 202',
    params: idParams,
    responses: { 200: queuedCommand, 202: queuedCommand, ...notFound, 409: errorResponse },
  },
  getCronJob: {
    ...apiEndpoints.getCronJob,
    summary: 'One cron job and its next five runs',
    params: idParams,
    responses: { 200: cron.cronJobResponse, ...notFound },
  },
  updateCronJob: {
    ...apiEndpoints.updateCronJob,
    summary:
      'Pause or resume a job, or change its schedule, time zone or message, through the gateway’s cron API; 200 once OpenClaw applied it, else 202',
    params: idParams,
    body: cron.jobPatchBody,
    responses: { 200: queuedCommand, 202: queuedCommand, ...invalid, ...notFound, 409: errorResponse },
  },
  triggerCronJob: {
    ...apiEndpoints.triggerCronJob,
    summary: 'Run a job now (through the bridge); 200 once the run started, else 202 with the queued command',
    params: idParams,
    body: cron.triggerBody,
    responses: { 200: cron.triggerResponse, 202: queuedCommand, ...invalid, ...notFound, 409: errorResponse },
  },
  listCronRuns: {
    ...apiEndpoints.listCronRuns,
    summary: 'Run history of a job, newest first (keyset cursor)',
    params: idParams,
    query: cron.cronRunsQuery,
    responses: { 200: cron.cronRunsResponse, ...invalid, ...notFound },
  },
  getCronRun: {
    ...apiEndpoints.getCronRun,
    summary: 'One run',
    params: idParams,
    responses: { 200: cron.cronRunResponse, ...notFound },
  },
  streamCronRunLogs: {
    ...apiEndpoints.streamCronRunLogs,
    summary: 'The run’s log: stored lines (or those after `after`), then live ones, closed when the run ends (SSE)',
    params: idParams,
    query: logs.logStreamQuery,
    responses: { 200: 'sse', ...invalid, ...notFound },
  },
  listCronRunLogLines: {
    ...apiEndpoints.listCronRunLogLines,
    summary: 'A page of the run’s log: the newest lines, or those before, after or around a line (keyset on seq)',
    params: idParams,
    query: logs.logLinesQuery,
    responses: { 200: logs.logLinesResponse, ...invalid, ...notFound },
  },
  searchCronRunLog: {
    ...apiEndpoints.searchCronRunLog,
    summary: 'The run’s log lines whose words match, newest first',
    params: idParams,
    query: logs.logSearchQuery,
    responses: { 200: logs.logSearchResponse, ...invalid, ...notFound },
  },
  listGtmOutputs: {
    ...apiEndpoints.listGtmOutputs,
    summary: 'The content queue, filtered and searched',
    query: gtm.gtmListQuery,
    responses: { 200: gtm.gtmListResponse, ...invalid },
  },
  getGtmOutput: {
    ...apiEndpoints.getGtmOutput,
    summary: 'One content item with its sanitized HTML',
    params: idParams,
    responses: { 200: gtm.gtmOutputResponse, ...notFound },
  },
  updateGtmOutput: {
    ...apiEndpoints.updateGtmOutput,
    summary:
      'Change status, schedule, content or priority; 409 with the current version on a stale baseRevision, or on a disallowed status change',
    params: idParams,
    body: gtm.gtmPatchBody,
    responses: { 200: gtm.gtmOutputResponse, ...invalid, ...notFound, 409: errorResponse },
  },
  publishGtmOutput: {
    ...apiEndpoints.publishGtmOutput,
    summary: 'Mark as published at a URL (through the bridge)',
    params: idParams,
    body: gtm.publishBody,
    responses: { 202: queuedCommand, ...invalid, ...notFound, 409: errorResponse },
  },
  bulkUpdateGtmOutputs: {
    ...apiEndpoints.bulkUpdateGtmOutputs,
    summary: 'Approve or archive several items; each says whether its move was allowed',
    body: gtm.gtmBulkBody,
    responses: { 200: gtm.gtmBulkResponse, ...invalid },
  },
  listGtmRevisions: {
    ...apiEndpoints.listGtmRevisions,
    summary: 'Every saved text of an item, newest first, with its author',
    params: idParams,
    responses: { 200: gtm.gtmRevisionsResponse, ...notFound },
  },
  getGtmRevision: {
    ...apiEndpoints.getGtmRevision,
    summary: 'One revision with its text',
    params: gtm.revisionParams,
    responses: { 200: gtm.gtmRevisionResponse, ...notFound },
  },
  restoreGtmRevision: {
    ...apiEndpoints.restoreGtmRevision,
    summary: 'Bring back an older text as a new revision; 409 with the current version on a stale baseRevision',
    params: gtm.revisionParams,
    body: gtm.restoreBody,
    responses: { 200: gtm.gtmOutputResponse, ...invalid, ...notFound, 409: errorResponse },
  },
  setContentMetrics: {
    ...apiEndpoints.setContentMetrics,
    summary:
      'Record a published item’s views, engagement and clicks (e.g. from an analytics script with a control token)',
    params: idParams,
    body: gtm.contentMetricsBody,
    responses: { 200: gtm.contentMetricsResponse, ...invalid, ...notFound, 409: errorResponse },
  },
  getContentImage: {
    ...apiEndpoints.getContentImage,
    summary:
      'An image an item’s markdown points at, fetched from its public address for the owner’s session (PNG, JPEG, GIF, WebP or AVIF, at most 5 MB)',
    query: gtm.gtmImageQuery,
    responses: { 200: 'image', ...invalid, 403: errorResponse, 502: errorResponse },
  },
  listAgentSessions: {
    ...apiEndpoints.listAgentSessions,
    summary: 'Active and recent sessions (keyset cursor)',
    query: agents.sessionsQuery,
    responses: { 200: agents.sessionsResponse, ...invalid },
  },
  getAgentSession: {
    ...apiEndpoints.getAgentSession,
    summary: 'A session, its swarm tree and its recent log',
    params: idParams,
    responses: { 200: agents.sessionResponse, ...notFound },
  },
  streamAgentLogs: {
    ...apiEndpoints.streamAgentLogs,
    summary: 'The session’s log: stored lines (or those after `after`), then live ones, closed when it ends (SSE)',
    params: idParams,
    query: logs.logStreamQuery,
    responses: { 200: 'sse', ...invalid, ...notFound },
  },
  listAgentLogLines: {
    ...apiEndpoints.listAgentLogLines,
    summary: 'A page of the session’s log: the newest lines, or those before, after or around a line (keyset on seq)',
    params: idParams,
    query: logs.logLinesQuery,
    responses: { 200: logs.logLinesResponse, ...invalid, ...notFound },
  },
  searchAgentLog: {
    ...apiEndpoints.searchAgentLog,
    summary: 'The session’s log lines whose words match, newest first',
    params: idParams,
    query: logs.logSearchQuery,
    responses: { 200: logs.logSearchResponse, ...invalid, ...notFound },
  },
  cancelAgentSession: {
    ...apiEndpoints.cancelAgentSession,
    summary: 'Abort a running session through the gateway',
    params: idParams,
    responses: { 202: queuedCommand, ...notFound, 409: errorResponse },
  },
  spawnSwarm: {
    ...apiEndpoints.spawnSwarm,
    summary: 'Spawn a swarm: a parent session that starts one sub-agent per agent named',
    body: agents.spawnBody,
    responses: { 202: queuedCommand, ...invalid, 409: errorResponse },
  },
  getCommand: {
    ...apiEndpoints.getCommand,
    summary: 'The state and result of a queued action',
    params: idParams,
    responses: { 200: commandResponse, ...notFound },
  },
  getInbox: {
    ...apiEndpoints.getInbox,
    summary: "What waits on the owner: OpenClaw's exec and plugin approvals, content to review, failures not seen",
    query: inbox.inboxQuery,
    responses: { 200: inbox.inboxResponse, ...invalid },
  },
  answerApproval: {
    ...apiEndpoints.answerApproval,
    summary: 'Allow (once or always, where OpenClaw offers it) or deny an OpenClaw approval, through the gateway',
    params: idParams,
    body: inbox.approvalAnswerBody,
    responses: { 202: queuedCommand, ...invalid, ...notFound, 409: errorResponse },
  },
  acknowledgeFailure: {
    ...apiEndpoints.acknowledgeFailure,
    summary: 'Mark a failed run or session seen: it leaves the inbox',
    params: inbox.failureAckParams,
    responses: { 200: inbox.failureAckResponse, ...notFound },
  },
  acknowledgeFailures: {
    ...apiEndpoints.acknowledgeFailures,
    summary: 'Mark many failed runs and sessions seen at once (those that did fail): they leave the inbox',
    body: inbox.failuresAckBody,
    responses: { 200: inbox.failuresAckResponse, ...invalid },
  },
  listActivity: {
    ...apiEndpoints.listActivity,
    summary: 'Every action taken (who, what, target, when, outcome, why not), newest first (keyset cursor)',
    query: control.activityQuery,
    responses: { 200: control.activityResponse, ...invalid },
  },
  listBudgets: {
    ...apiEndpoints.listBudgets,
    summary: 'Token/cost budgets per job, per agent and per day',
    query: control.budgetsQuery,
    responses: { 200: control.budgetsResponse, ...invalid },
  },
  setBudget: {
    ...apiEndpoints.setBudget,
    summary: 'Set (or replace) the budget of a job, an agent or the day, with the action taken when it is passed',
    body: control.budgetBody,
    responses: { 200: control.budgetResponse, ...invalid, ...notFound },
  },
  deleteBudget: {
    ...apiEndpoints.deleteBudget,
    summary: 'Remove a budget',
    params: idParams,
    responses: { 200: auth.okResponse, ...notFound },
  },
  getHealth: { ...apiEndpoints.getHealth, summary: 'Overall system status', responses: { 200: system.healthResponse } },
  search: {
    ...apiEndpoints.search,
    summary:
      'Search jobs, sessions and content at once (the command palette): each group ranked and capped, sessions of one name as one hit with their count',
    query: search.searchQuery,
    responses: { 200: search.searchResponse, ...invalid },
  },
  testGateway: {
    ...apiEndpoints.testGateway,
    summary:
      'Test the connection to OpenClaw step by step (config, URL, token, pairing, version), run by the bridge from its own config; names the first step that fails',
    responses: { 200: system.gatewayTestResponse },
  },
  getMetrics: {
    ...apiEndpoints.getMetrics,
    summary: 'System metrics as bucketed time series',
    query: system.metricsQuery,
    responses: { 200: system.metricsResponse, ...invalid },
  },
  streamEvents: {
    ...apiEndpoints.streamEvents,
    summary:
      'Live events for the channels named (cron:all, cron:<jobId>, agents:all, agents:<sessionId>, gtm:queue, system); resumes after Last-Event-ID or ?since=',
    responses: { 200: 'sse', ...invalid },
  },
  login: {
    ...apiEndpoints.login,
    summary: 'Sign in as the owner; sets the session cookie (rate-limited per address)',
    body: auth.loginBody,
    responses: { 200: auth.okResponse, ...invalid, 401: errorResponse, 409: errorResponse, 429: errorResponse },
  },
  setup: {
    ...apiEndpoints.setup,
    summary: 'Set the owner password with the one-time link printed at first start',
    body: auth.setupBody,
    responses: { 200: auth.okResponse, ...invalid, 410: errorResponse },
  },
  logout: {
    ...apiEndpoints.logout,
    summary: 'End this session, or every session (the owner’s session only, not an API token)',
    body: auth.logoutBody,
    responses: { 200: auth.okResponse, 403: errorResponse },
  },
  live: {
    ...apiEndpoints.live,
    summary: 'Liveness probe (no sign-in needed, says nothing else)',
    responses: { 200: auth.okResponse },
  },
  listTokens: {
    ...apiEndpoints.listTokens,
    summary: 'API tokens (never their secrets)',
    responses: { 200: auth.tokensResponse },
  },
  createToken: {
    ...apiEndpoints.createToken,
    summary: 'Create a named token with scopes; its secret is shown once',
    body: auth.createTokenBody,
    responses: { 201: auth.createdTokenResponse, ...invalid, 403: errorResponse },
  },
  revokeToken: {
    ...apiEndpoints.revokeToken,
    summary: 'Revoke a token',
    params: idParams,
    responses: { 200: auth.okResponse, ...notFound, 403: errorResponse },
  },
  listWebhooks: {
    ...apiEndpoints.listWebhooks,
    summary: 'Outgoing webhooks (never their secrets)',
    responses: { 200: webhooks.webhooksResponse },
  },
  createWebhook: {
    ...apiEndpoints.createWebhook,
    summary: 'Create a webhook for chosen event types (the owner’s session only); its signing secret is shown once',
    body: webhooks.createWebhookBody,
    responses: { 201: webhooks.createdWebhookResponse, ...invalid, 403: errorResponse },
  },
  updateWebhook: {
    ...apiEndpoints.updateWebhook,
    summary: 'Rename, re-target, choose events, enable or disable a webhook (the owner’s session only)',
    params: idParams,
    body: webhooks.webhookPatchBody,
    responses: { 200: webhooks.webhookResponse, ...invalid, ...notFound, 403: errorResponse },
  },
  deleteWebhook: {
    ...apiEndpoints.deleteWebhook,
    summary: 'Delete a webhook and its delivery log',
    params: idParams,
    responses: { 200: auth.okResponse, ...notFound },
  },
  listWebhookDeliveries: {
    ...apiEndpoints.listWebhookDeliveries,
    summary: 'The webhook’s latest 50 deliveries, newest first',
    params: idParams,
    responses: { 200: webhooks.webhookDeliveriesResponse, ...notFound },
  },
  testWebhook: {
    ...apiEndpoints.testWebhook,
    summary: 'Queue a signed "webhook.test" delivery (sent by the bridge; follow it in the delivery log)',
    params: idParams,
    responses: { 202: webhooks.testDeliveryResponse, ...notFound },
  },
  listAlertRules: {
    ...apiEndpoints.listAlertRules,
    summary: 'Every alert rule kind, with whether it is on, its channels, settings and quiet hours',
    responses: { 200: alerts.alertRulesResponse },
  },
  updateAlertRule: {
    ...apiEndpoints.updateAlertRule,
    summary:
      'Turn an alert rule on or off and set its channels, settings and quiet hours (the owner’s session only); a rule about the gateway needs a channel that does not go through it',
    params: alerts.alertRuleParams,
    body: alerts.alertRulePatchBody,
    responses: { 200: alerts.alertRuleResponse, ...invalid, ...notFound, 403: errorResponse },
  },
  listAlertChannels: {
    ...apiEndpoints.listAlertChannels,
    summary: 'Alert channels (never their secrets, only the last characters)',
    responses: { 200: alerts.alertChannelsResponse },
  },
  createAlertChannel: {
    ...apiEndpoints.createAlertChannel,
    summary: 'Add an alert channel (the owner’s session only); its secret is sealed to the bridge’s key at once',
    body: alerts.createAlertChannelBody,
    responses: { 201: alerts.alertChannelResponse, ...invalid, 403: errorResponse },
  },
  updateAlertChannel: {
    ...apiEndpoints.updateAlertChannel,
    summary:
      'Rename, re-configure, replace the secret of, enable or disable an alert channel (the owner’s session only)',
    params: idParams,
    body: alerts.alertChannelPatchBody,
    responses: { 200: alerts.alertChannelResponse, ...invalid, ...notFound, 403: errorResponse },
  },
  deleteAlertChannel: {
    ...apiEndpoints.deleteAlertChannel,
    summary: 'Delete an alert channel and its delivery log (it leaves every rule)',
    params: idParams,
    responses: { 200: auth.okResponse, ...notFound, 403: errorResponse },
  },
  testAlertChannel: {
    ...apiEndpoints.testAlertChannel,
    summary:
      'Send a test alert through the channel (the bridge sends it; 200 once delivered, 409 with the reason if not)',
    params: idParams,
    responses: { 200: alerts.alertTestResponse, 202: alerts.alertTestResponse, ...notFound, 409: errorResponse },
  },
  listAlertDeliveries: {
    ...apiEndpoints.listAlertDeliveries,
    summary: 'The latest 50 alert deliveries (of one channel, or all), newest first',
    query: alerts.alertDeliveriesQuery,
    responses: { 200: alerts.alertDeliveriesResponse, ...invalid },
  },
} as const satisfies Record<keyof typeof apiEndpoints, ApiRoute>;

export type ApiRoutes = typeof apiRoutes;
export type RouteName = keyof ApiRoutes;
