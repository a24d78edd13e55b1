'use client';
import Link from '@/components/ui/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/cn';
import { NAV_LINKS } from './nav-links';

/** `counts`: a number shown beside a link (the inbox's waiting items), by its href. */
export function Nav({ onNavigate, counts = {} }: { onNavigate?: () => void; counts?: Record<string, number> }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-1">
      {NAV_LINKS.map(({ href, label, icon: Icon }) => {
        const active = href === '/' ? pathname === '/' : pathname.startsWith(href);
        return (
          <Link
            key={href}
            href={href}
            onClick={onNavigate}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'flex min-h-10 items-center gap-3 rounded-md px-3 text-sm font-medium text-muted-foreground hover:bg-muted hover:text-foreground',
              active && 'bg-muted text-foreground',
            )}
          >
            <Icon className="size-4" aria-hidden />
            {label}
            {Boolean(counts[href]) && (
              <span
                data-count={counts[href]}
                className="ml-auto min-w-5 rounded-full bg-danger px-1.5 text-center text-xs leading-5 font-semibold text-background"
              >
                {counts[href]}
                <span className="sr-only"> waiting</span>
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
