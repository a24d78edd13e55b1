// Where sign-in leads: back to the page the owner was sent away from, on this site only. `next` is resolved
// the way the browser will resolve it, so what only looks like a path is seen for the other site it names:
// a backslash is a slash there, tabs and newlines are dropped, so `/\evil.example` and `/\t/evil.example`
// are `//evil.example`.
const ORIGIN = 'http://studio.invalid';

export function pathAfterSignIn(next: string | undefined): string {
  if (!next || !URL.canParse(next, `${ORIGIN}/login`)) return '/';
  const url = new URL(next, `${ORIGIN}/login`);
  if (url.origin !== ORIGIN) return '/';
  // `/.//evil.example` resolves to the path `//evil.example`, which the browser would take for a host again
  return `${url.pathname.replace(/^\/+/, '/')}${url.search}${url.hash}`;
}
