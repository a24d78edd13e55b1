import type { ReactNode } from 'react';
import Link from '@/components/ui/link';

/**
 * A cursor-paged list's links: back to its first page (when on a later one) and on to the next (when there is
 * one); nothing when the list fits on one page.
 */
export function Pager({
  first,
  next,
  nav = false,
}: {
  /** Where the first page is and its link's words, when this is a later page. */
  first: { href: string; label: ReactNode } | null;
  next: { href: string; label: ReactNode } | null;
  /** A landmark named "Pages". */
  nav?: boolean;
}) {
  if (!first && !next) return null;
  const links = (
    <>
      {first ? (
        <Link href={first.href} className="text-primary hover:underline">
          {first.label}
        </Link>
      ) : (
        <span />
      )}
      {next && (
        <Link href={next.href} className="text-primary hover:underline">
          {next.label}
        </Link>
      )}
    </>
  );
  const className = 'flex justify-between border-t px-4 py-3 text-sm';
  return nav ? (
    <nav aria-label="Pages" className={className}>
      {links}
    </nav>
  ) : (
    <div className={className}>{links}</div>
  );
}
