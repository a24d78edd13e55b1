/**
 * Asks `check` until it answers (anything but null, undefined or false) or `ms` have passed, `everyMs` apart;
 * the answer, or null once the time is up. For what appears a moment later on its own (a row the mirror writes
 * when the gateway's event comes, the gateway's connection coming back), where no event says so directly.
 */
export async function waitFor<T>(
  check: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  ms: number,
  everyMs = 100,
): Promise<T | null> {
  for (const deadline = Date.now() + ms; ; await new Promise((r) => setTimeout(r, everyMs))) {
    const answer = await check();
    if (answer !== null && answer !== undefined && answer !== false) return answer;
    if (Date.now() >= deadline) return null;
  }
}
