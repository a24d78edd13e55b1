import type { NextConfig } from 'next';

const config: NextConfig = {
  // PGlite's wasm and pg's native bits stay in node_modules instead of being bundled or published as assets.
  serverExternalPackages: ['@electric-sql/pglite', 'pg'],
  // The workspace packages ship TypeScript sources.
  transpilePackages: ['@agent-studio/core', '@agent-studio/database'],
  poweredByHeader: false,
  // Nothing uses next/image, and its optimizer (/_next/image, which the proxy does not guard) would fetch URLs
  // for anyone who asks: switched off, it answers 404.
  images: { unoptimized: true },
  // the CSP itself is per request (a nonce): src/proxy.ts
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
        ],
      },
    ];
  },
  typedRoutes: false,
  // `npm test` type-checks every workspace before it builds: the build need not do it a second time
  typescript: { ignoreBuildErrors: process.env.STUDIO_TYPECHECKED === '1' },
  // every client gets its <title> in the first bytes (Next streams metadata in after the body to browsers it
  // does not list here): a screen reader, or a check run at load, found pages without one (axe, under load)
  htmlLimitedBots: /.*/,
};

export default config;
