/**
 * Scripts run only with this request's nonce (Next puts it on its own scripts): nothing inline that came from
 * agent-written content can run, even if it slipped past the sanitizer. Styles may be inline (virtualized
 * lists and charts position elements with style attributes).
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
