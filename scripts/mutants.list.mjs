// The mutants `npm run mutants` applies (scripts/mutants.mjs): each breaks one thing the studio promises, in a
// file, by replacing a search text that must be there exactly once; `tests` are the parts of test file paths
// (as `node scripts/test.mjs` takes them) that must fail when it is applied. Kept to the tests that are meant
// to notice, so that the whole check stays a few minutes.
export const MUTANTS = [
  // agent-written markdown (issue 14: the XSS e2e did not notice the sanitizer gone, the CSP hid it)
  {
    name: 'markdown: the sanitizer removed',
    file: 'packages/core/src/markdown.ts',
    search: '  .use(rehypeSanitize, {\n',
    replace: '  .use(() => () => undefined, {\n',
    tests: ['packages/core/src/markdown.test.ts'],
  },
  {
    name: 'markdown: text too heavy to render shown unescaped',
    file: 'packages/core/src/markdown.ts',
    search: 'const escaped = md.replace(/[&<>"]/g,',
    replace: 'const escaped = md.replace(/[&"]/g,',
    tests: ['packages/core/src/markdown.test.ts'],
  },
  {
    name: 'markdown: remote images load without the owner asking',
    file: 'packages/core/src/markdown.ts',
    search: "if (child.tagName === 'img') return imageStandIn(child, loaded);",
    replace: "if (child.tagName === 'img') return child;",
    tests: ['packages/core/src/markdown.test.ts'],
  },

  // the proxy in front of every route
  {
    name: 'proxy: no sign-in needed (the auth check skipped)',
    file: 'apps/web/src/proxy.ts',
    search: '  if (!isPublic) {\n    if (!caller) {',
    replace: '  if (!isPublic && caller) {\n    if (!caller) {',
    tests: ['apps/web/test/proxy.test.ts'],
  },
  {
    name: 'proxy: the CSRF (same-origin) check skipped',
    file: 'apps/web/src/proxy.ts',
    search: "if (unsafe && caller?.kind !== 'token' && !sameOrigin(request))",
    replace: "if (unsafe && caller?.kind !== 'token' && !sameOrigin(request) && false)",
    tests: ['apps/web/test/proxy.test.ts'],
  },
  {
    name: 'proxy: a cross-site request without Origin taken as same-origin',
    file: 'apps/web/src/proxy.ts',
    search: "return site === null || site === 'same-origin' || site === 'none';",
    replace: 'return true;',
    tests: ['apps/web/test/proxy.test.ts'],
  },
  {
    name: 'proxy: a read-only token may act',
    file: 'apps/web/src/proxy.ts',
    search: "if (unsafe && !caller.scopes.includes('control'))",
    replace: "if (unsafe && !caller.scopes.includes('read'))",
    tests: ['apps/web/test/proxy.test.ts'],
  },

  // sign-in
  {
    name: 'setup: a used setup link works again',
    file: 'packages/database/src/queries/auth.ts',
    search: 'where token_hash = $2 and used_at is null and expires_at > now()',
    replace: 'where token_hash = $2 and expires_at > now()',
    tests: ['packages/database/test/setup-links.test.ts'],
  },
  {
    name: 'setup: a setup link never expires',
    file: 'packages/database/src/queries/auth.ts',
    search: 'where token_hash = $2 and used_at is null and expires_at > now()',
    replace: 'where token_hash = $2 and used_at is null',
    tests: ['packages/database/test/setup-links.test.ts'],
  },

  // live updates: Last-Event-ID replay
  {
    name: 'events: the replay query off by one (repeats the last event seen)',
    file: 'packages/database/src/queries/events.ts',
    search: 'where id > $1 and',
    replace: 'where id >= $1 and',
    tests: ['packages/database/test/events.test.ts'],
  },
  {
    name: "events: a transaction's events inserted at once (the outbox lock held through the rest of it)",
    file: 'packages/database/src/queries/events.ts',
    search: '  if (!tx.beforeCommit) return insertEvents(tx, events);',
    replace: '  if (!tx.beforeCommit || events.length) return insertEvents(tx, events);',
    tests: ['packages/database/test/events.test.ts'],
  },
  {
    name: 'SSE: Last-Event-ID replay starts one event early',
    file: 'apps/web/src/server/live-hub.ts',
    search: 'let last = afterId ?? hub.position;',
    replace: 'let last = afterId === null ? hub.position : String(BigInt(afterId) - 1n);',
    tests: ['apps/web/test/events-stream.test.ts'],
  },

  // the outbox: an event commits with the change it describes, or not at all
  {
    name: 'outbox: a queued command and its event written outside one transaction',
    file: 'packages/database/src/queries/commands.ts',
    search: '  return db.transaction((tx) => insertCommand(tx, kind, payload, by));',
    replace: '  return insertCommand(db, kind, payload, by);',
    tests: ['packages/database/test/outbox.test.ts'],
  },

  // budgets
  {
    name: 'budgets: a running session over its budget is not aborted',
    file: 'packages/gateway-bridge/src/budgets/budget-watcher.ts',
    search: '    if (b.running)\n      await enqueueCommand(',
    replace: '    if (b.running && false)\n      await enqueueCommand(',
    tests: ['packages/gateway-bridge/test/budget-watcher.test.ts'],
  },
  {
    name: 'budgets: a job over its budget is not paused',
    file: 'packages/gateway-bridge/src/budgets/budget-watcher.ts',
    search: "    if (b.budget.scope === 'job' && job?.enabled)\n      await enqueueCommand(",
    replace: "    if (b.budget.scope === 'job' && job?.enabled && false)\n      await enqueueCommand(",
    tests: ['packages/gateway-bridge/test/budget-watcher.test.ts'],
  },
  {
    name: 'budgets: the daily budget passed stops nothing',
    file: 'packages/gateway-bridge/src/budgets/budget-watcher.ts',
    search: 'for (const s of running.rows) {',
    replace: 'for (const s of running.rows.slice(0, 0)) {',
    tests: ['packages/gateway-bridge/test/budget-watcher.test.ts'],
  },
  {
    name: "budgets: a gateway's daily budget counts every gateway's spending",
    file: 'packages/database/src/queries/budgets.ts',
    search: '      and (${gateway} is null or s.gateway_id = ${gateway})`;',
    replace: '      and (${gateway} is null or true)`;',
    tests: ['packages/gateway-bridge/test/budget-watcher.test.ts', 'packages/database/test/budgets.test.ts'],
  },

  // the schema: PGlite (embedded) and Postgres must end up the same
  {
    name: 'migrations: an index created on Postgres only',
    file: 'packages/database/migrations/0008_add_gtm_priority_indexes.sql',
    search: 'create index gtm_outputs_status_priority on gtm_outputs(status, priority desc, created_at desc, id desc);',
    replace:
      "do $$ begin if version() not like '%PGlite%' then create index gtm_outputs_status_priority on gtm_outputs(status, priority desc, created_at desc, id desc); end if; end $$;",
    tests: ['packages/database/test/migrate.test.ts'],
  },
  {
    name: 'migrations: a column default different on PGlite',
    file: 'packages/database/migrations/0005_create_commands.sql',
    search: 'create index commands_created on commands(created_at desc);',
    replace:
      "create index commands_created on commands(created_at desc);\ndo $$ begin if version() like '%PGlite%' then alter table commands alter column attempts set default 1; end if; end $$;",
    tests: ['packages/database/test/migrate.test.ts'],
  },
  {
    name: 'migrations: a function body different on PGlite',
    file: 'packages/database/migrations/0005_create_commands.sql',
    search: '$$ language plpgsql;\n\ncreate trigger commands_notify',
    replace:
      "$$ language plpgsql;\ndo $do$ begin if version() like '%PGlite%' then execute $f$ create or replace function notify_studio_command() returns trigger as $b$ begin perform pg_notify('studio_commands', new.id::text); return new; end; $b$ language plpgsql $f$; end if; end $do$;\n\ncreate trigger commands_notify",
    tests: ['packages/database/test/migrate.test.ts'],
  },

  // the mirror of the gateway (issue 20), on frames recorded from a real OpenClaw 2026.9.6
  {
    name: 'mirror: reconcile skips every other page of cron.runs',
    file: 'packages/gateway-bridge/src/mirror/reconcile.ts',
    search: 'for (let offset = 0; ; offset += RUNS_PAGE) {',
    replace: 'for (let offset = 0; ; offset += 2 * RUNS_PAGE) {',
    tests: ['packages/gateway-bridge/test/mirror/reconcile.test.ts'],
  },
  {
    name: 'mirror: sessions.list read one page only',
    file: 'packages/gateway-bridge/src/mirror/sessions.ts',
    search: '    if (older || last) break;',
    replace: '    break;',
    tests: ['packages/gateway-bridge/test/mirror/sessions.test.ts'],
  },
  {
    name: 'mirror: a session deleted while the studio was away left as if it were there',
    file: 'packages/gateway-bridge/src/mirror/sessions.ts',
    search: 'const deleted = whole && list.complete ?',
    replace: 'const deleted = false && list.complete ?',
    tests: ['packages/gateway-bridge/test/mirror/sessions.test.ts'],
  },
  {
    name: 'mirror: archived sessions left out of the whole list (taken for deleted)',
    file: 'packages/gateway-bridge/src/mirror/sessions.ts',
    search: "const every = { ...params, archived: 'all', includeUnknown: true };",
    replace: 'const every = params;',
    tests: ['packages/gateway-bridge/test/mirror/sessions.test.ts'],
  },
  {
    name: 'mirror: a session OpenClaw archived not shown archived',
    file: 'packages/gateway-bridge/src/mirror/rows.ts',
    search: '  if (archive !== undefined) await setSessionArchive(tx, gatewayId, row.session_key, archive);',
    replace: '  void archive;',
    tests: ['packages/gateway-bridge/test/mirror/rows.test.ts'],
  },
  {
    name: 'mirror: a session archived by OpenClaw’s maintenance (update time kept) never shown archived',
    file: 'packages/gateway-bridge/src/mirror/sessions.ts',
    search: '              (archived && s.archived != null && s.archived !== archived.has(mirroredSessionKey(s))),',
    replace: '              false,',
    tests: ['packages/gateway-bridge/test/mirror/sessions.test.ts'],
  },
  {
    name: 'demo: a restart seeds its jobs and history again beside the saved ones',
    file: 'packages/gateway-bridge/src/simulator/demo-activity.ts',
    search: '  if (opts.resumed) return startLiveActivity(sim, demoJobsOf(sim), outcome);\n',
    replace: '',
    tests: ['packages/gateway-bridge/test/demo-restart.test.ts'],
  },
  {
    name: 'mirror: ghost sessions not settled',
    file: 'packages/gateway-bridge/src/mirror/ghosts.ts',
    search: '  if (!running.length) return [];\n  const active = await activeSessionKeys(gw);',
    replace: '  return [];\n  const active = await activeSessionKeys(gw);',
    tests: ['packages/gateway-bridge/test/mirror/ghosts.test.ts'],
  },
  {
    name: 'mirror: history not backfilled after a (re)connect',
    file: 'packages/gateway-bridge/src/mirror/reconcile.ts',
    search: '      const written = await backfillHistory(this.chat, gw, step, asks, this.logger);',
    replace: '      const written = asks.length * 0;',
    tests: ['packages/gateway-bridge/test/mirror/backfill'],
  },
  {
    name: "mirror: a live tool result's isError ignored",
    file: 'packages/gateway-bridge/src/mirror/agent-events.ts',
    search: "      level: d.isError ? ('error' as const) : ('info' as const),",
    replace: "      level: 'info' as const,",
    tests: ['packages/gateway-bridge/test/mirror/agent-events.test.ts'],
  },
  {
    name: "mirror: a backfilled tool result's isError ignored",
    file: 'packages/gateway-bridge/src/mirror/backfill.ts',
    search: "level: m.data.isError ? 'error' : 'info'",
    replace: "level: 'info'",
    tests: ['packages/gateway-bridge/test/mirror/backfill.test.ts'],
  },
  {
    name: "mirror: a chat message's isError ignored",
    file: 'packages/gateway-bridge/src/mirror/translate.ts',
    search: '    m.isError === true ||\n',
    replace: '',
    tests: ['packages/gateway-bridge/test/mirror/translate.test.ts'],
  },

  // alerts (issue 19): one message per incident, quiet hours, retries and giving up, private targets
  {
    name: 'alerts: an incident told again on every pass',
    file: 'packages/gateway-bridge/src/alerts/alert-engine.ts',
    search: 'if (!incident || quiet || incident.revision <= incident.notified_revision) return;',
    replace: 'if (!incident || quiet) return;',
    tests: ['packages/gateway-bridge/test/alerts.test.ts'],
  },
  {
    name: "alerts: 'still open' not spaced out (a storm of updates)",
    file: 'packages/gateway-bridge/src/alerts/alert-engine.ts',
    search: 'if (!first && now.getTime() - lastTold < (this.opts.updateEveryMs ?? 600_000)) return;',
    replace: '',
    tests: ['packages/gateway-bridge/test/alerts.test.ts'],
  },
  {
    name: 'alerts: quiet hours ignored',
    file: 'packages/gateway-bridge/src/alerts/alert-engine.ts',
    search: 'const quiet = inQuietHours(s.quiet_hours, now);',
    replace: 'const quiet = false;',
    tests: ['packages/gateway-bridge/test/alerts.test.ts'],
  },
  {
    name: 'alerts: a 5xx not retried',
    file: 'packages/gateway-bridge/src/alerts/channels/http.ts',
    search: 'const retryable = status === 429 || status >= 500;',
    replace: 'const retryable = false;',
    tests: ['packages/gateway-bridge/test/alerts.test.ts'],
  },
  {
    name: 'alerts: never giving up',
    file: 'packages/gateway-bridge/src/alerts/delivery-worker.ts',
    search: 'const last = !result.retryable || d.attempts >= this.retry.attempts;',
    replace: 'const last = !result.retryable;',
    tests: ['packages/gateway-bridge/test/alerts.test.ts'],
  },
  {
    name: 'alerts: a private address reached without the owner’s leave',
    file: 'packages/gateway-bridge/src/alerts/channels/http.ts',
    search: 'if (!req.allowPrivateNetwork && literal && isPrivateAddress(literal))',
    replace: 'if (false)',
    tests: ['packages/gateway-bridge/test/alerts.test.ts'],
  },
  {
    name: 'alerts: a gateway alert allowed only through the gateway',
    file: 'apps/web/src/server/actions/alert-rule-update.ts',
    search: 'if (rule.aboutGateway && channelIds.length &&',
    replace: 'if (false && channelIds.length &&',
    tests: ['apps/web/test/api-alerts.test.ts'],
  },
  {
    name: 'alerts: the last direct channel of a gateway alert deleted or turned off',
    file: 'apps/web/src/server/actions/alert-gateway-rules.ts',
    search: 'if (reachesWithoutGateway(s.channel_ids, before) && !reachesWithoutGateway(s.channel_ids, after))',
    replace: 'if (false)',
    tests: ['apps/web/test/api-alerts.test.ts'],
  },
  {
    name: 'mirror: the transcripts of ended runs not read back',
    file: 'packages/gateway-bridge/src/mirror/gateway-mirror.ts',
    search: '    const written = await backfillHistory(this.chat, gw, step, asks, this.logger);',
    replace: '    const written = asks.length * 0;',
    tests: ['packages/gateway-bridge/test/lab-bridge-postgres'],
  },
  {
    name: 'mirror: a chat turn that ended not read back (only cron runs)',
    file: 'packages/gateway-bridge/src/sources/gateway-connection.ts',
    search:
      "    (e.event === 'agent' && p.stream === 'lifecycle' && (p.data?.phase === 'end' || p.data?.phase === 'error'));",
    replace: "    (e.event === 'agent' && p.stream === 'lifecycle' && p.data?.phase === 'never');",
    tests: ['packages/gateway-bridge/test/lab-bridge-postgres'],
  },
  {
    name: "mirror: OpenClaw's reset marker not read (the key's session keeps the conversation before)",
    file: 'packages/gateway-bridge/src/mirror/chat-lines.ts',
    search: '        if (row.metadata?.reset === true) await splitSessionAtReset(',
    replace: "        if (row.metadata?.reset === 'never') await splitSessionAtReset(",
    tests: ['packages/gateway-bridge/test/lab-bridge-postgres'],
  },
  {
    name: 'mirror: a session OpenClaw deleted not marked (the studio shows it as the gateway had it)',
    file: 'packages/gateway-bridge/src/mirror/live-events.ts',
    search: '          if (deleted.success) {',
    replace: "          if (deleted.success && deleted.data.reason !== 'delete') {",
    tests: ['packages/gateway-bridge/test/lab-bridge-postgres'],
  },
  {
    name: "host cron: another gateway's bridge on the machine imports it too",
    file: 'packages/gateway-bridge/src/host-cron/owner.ts',
    search: '    if (owner && owner !== gatewayId) return { heldBy: null, gatewayId: owner };',
    replace: '',
    tests: ['packages/gateway-bridge/test/host-cron.test.ts'],
  },
  {
    name: "bridge role: a role limited to a gateway sees every gateway's rows",
    file: 'packages/database/src/bridge-role.ts',
    search: "      const rows = gateway && g.rows ? g.rows.replaceAll('$gateway', gateway) : 'true';",
    replace: "      const rows = 'true';",
    tests: ['packages/database/test/bridge-role.test.ts'],
  },
];
