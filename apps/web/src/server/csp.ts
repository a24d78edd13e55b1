/**
 * Scripts run only with this request's nonce (Next puts it on its own scripts): nothing inline that came from
 * agent-written content can run, even if it slipped past the sanitizer. Styles may be inline (virtualized
 * lists and charts position elements with style attributes).
 *
 * Images come from the studio only. An image in agent-written markdown is a placeholder until the owner clicks
 * "Load image", and then loads through /api/gtm/image: a remote image would tell its host when, and from where,
 * the owner reads an item. No data: or blob: images either: the app shows none, and the sanitizer drops data:
 * sources from content.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    // the Web Push alerts' service worker (/alert-sw.js); 'strict-dynamic' would otherwise refuse it
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
