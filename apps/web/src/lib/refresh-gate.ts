/** At most one refresh a second, counted from when the last one landed. */
const REFRESH_AT_MOST_EVERY_MS = 1000;
/** A refresh not landed after this long was dropped (a navigation took its place): it is asked again. */
export const REFRESH_LOST_AFTER_MS = 20_000;
const REFRESH_LOST_AFTER_MAX_MS = 320_000;

/**
 * When a live page asks the router for a fresh server render. One at a time: Next runs a refresh asked while
 * another is on its way after it, and React shows neither until the newest has landed, so a page asking faster
 * than the server renders never shows anything again (a stressed machine, where a render took over 20 s: a link
 * clicked there never arrived either). A refresh can be dropped without landing (a navigation to the same
 * address takes its place): one not landed after REFRESH_LOST_AFTER_MS, or twice as long as the last one took to
 * land, is asked again, and that wait doubles each time in a row, so however slow the renders, the refreshes end
 * up fewer than them and one lands.
 */
export class RefreshGate {
  /** The refresh on its way: the render it was asked from, and when. */
  private awaiting: { from: string; at: number } | null = null;
  /** Something changed while a refresh was on its way: one more is owed when it lands. */
  private owed = false;
  private landedAt = 0;
  private lostAfter = REFRESH_LOST_AFTER_MS;

  /** How long until a refresh may be asked (the spacing after the last landing). */
  delay(now: number): number {
    return Math.max(0, this.landedAt + REFRESH_AT_MOST_EVERY_MS - now);
  }

  /** Something changed, the page showing render `renderId`: true when the page should refresh now. */
  ask(renderId: string, now: number): boolean {
    const awaiting = this.awaiting;
    if (awaiting && now - awaiting.at < this.lostAfter) {
      this.owed = true;
      return false;
    }
    if (awaiting) this.lostAfter = Math.min(this.lostAfter * 2, REFRESH_LOST_AFTER_MAX_MS);
    this.awaiting = { from: renderId, at: now };
    this.owed = false;
    return true;
  }

  /**
   * The page now shows render `renderId`, or (`null`) a navigation landed, which took the place of any refresh
   * on its way. True when a refresh is owed for what changed meanwhile.
   */
  landed(renderId: string | null, now: number): boolean {
    const awaiting = this.awaiting;
    if (!awaiting || awaiting.from === renderId) return false;
    this.awaiting = null;
    this.landedAt = now;
    if (renderId !== null)
      this.lostAfter = Math.min(Math.max(REFRESH_LOST_AFTER_MS, 2 * (now - awaiting.at)), REFRESH_LOST_AFTER_MAX_MS);
    const owed = this.owed;
    this.owed = false;
    return owed;
  }
}
