import type { NextConfig } from 'next';

const config: NextConfig = {
  // PGlite's wasm and pg's native bits stay in node_modules instead of being bundled or published as assets.
  serverExternalPackages: ['@electric-sql/pglite', 'pg'],
  // The workspace packages ship TypeScript sources.
  transpilePackages: ['@agent-studio/core', '@agent-studio/database'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
