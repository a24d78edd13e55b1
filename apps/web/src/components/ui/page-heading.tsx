import { ArrowLeft } from 'lucide-react';
import type { ReactNode } from 'react';
import Link from '@/components/ui/link';
import { cn } from '@/lib/cn';

/** The link above a page's title back to the page it belongs to. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeft className="size-4" aria-hidden /> {children}
    </Link>
  );
}

/** A detail page's heading: back to its list (`back`), then its title with `children` (badges, controls) beside it. */
export function DetailHeading({
  back,
  title,
  titleClassName,
  children,
}: {
  back: { href: string; label: string };
  title: ReactNode;
  titleClassName?: string;
  children?: ReactNode;
}) {
  return (
    <>
      <BackLink href={back.href}>{back.label}</BackLink>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className={cn('text-xl font-semibold', titleClassName)}>{title}</h1>
        {children}
      </div>
    </>
  );
}
