// The gateway switcher's choice (issue 18, the fleet): `?gateway=` names it on one page, and this cookie carries
// it to every page after (nav links and a list's filter forms stay as they are; server components read it).
export const GATEWAY_COOKIE = 'studio-gateway';
export const GATEWAY_PARAM = 'gateway';
/** How long the switcher's choice is remembered: a year. */
export const GATEWAY_COOKIE_MAX_AGE_S = 31_536_000;
