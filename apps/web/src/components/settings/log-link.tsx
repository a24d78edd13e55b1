import { ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';
import Link from '@/components/ui/link';

/** A row of a settings list that opens the record's page and its delivery log. */
export function LogLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="flex items-center gap-3 px-4 py-3 text-sm hover:bg-muted/50">
      {children}
      <ChevronRight className="size-4 shrink-0 text-muted-foreground" aria-label="Delivery log" />
    </Link>
  );
}
