// pm2: the studio on Postgres/Supabase, web and bridge as separate processes.
//   DATABASE_URL=postgres://... pm2 start deploy/ecosystem.config.cjs
// Run `npm ci && npm run build` in the checkout first. The bridge runs beside the OpenClaw gateway
// (it reads ~/.openclaw/openclaw.json for the gateway URL and token); the web app can run anywhere.
const env = {
  NODE_ENV: 'production',
  DATABASE_URL: process.env.DATABASE_URL,
  STUDIO_DATA_DIR: process.env.STUDIO_DATA_DIR || `${__dirname}/../.studio/db`,
  // a reverse proxy in front of the web app (e.g. '127.0.0.1,::1' for nginx on this machine)
  STUDIO_TRUSTED_PROXIES: process.env.STUDIO_TRUSTED_PROXIES || '',
};

module.exports = {
  apps: [
    {
      name: 'agent-studio-web',
      cwd: `${__dirname}/..`,
      // not `next start`: only the studio's own server tells the app each client's address (the sign-in limit's key)
      script: 'bin/agent-studio.mjs',
      args: 'web --host 127.0.0.1 --port 3000',
      env,
      kill_timeout: 20000,
      max_memory_restart: '800M',
    },
    {
      name: 'agent-studio-bridge',
      cwd: `${__dirname}/..`,
      script: 'bin/agent-studio.mjs',
      args: 'bridge',
      env,
      kill_timeout: 20000,
      max_memory_restart: '400M',
    },
  ],
};
