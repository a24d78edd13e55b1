import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { CardHeader } from '@/components/ui/card';
import { cn } from '@/lib/cn';

/** A card's header whose title has an icon before it (`iconClassName` colours the icon). */
export function IconCardHeader({
  icon: Icon,
  iconClassName,
  title,
  action,
}: {
  icon: LucideIcon;
  iconClassName: string;
  title: ReactNode;
  action?: ReactNode;
}) {
  return (
    <CardHeader
      title={
        <span className="flex items-center gap-2">
          <Icon className={cn('size-4', iconClassName)} aria-hidden />
          {title}
        </span>
      }
      action={action}
    />
  );
}
