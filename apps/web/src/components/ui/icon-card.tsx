import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/lib/cn';

/** A card named by its title, which has an icon before it (`iconClassName` colours the icon). */
export function IconCard({
  icon: Icon,
  iconClassName,
  title,
  action,
  children,
}: {
  icon: LucideIcon;
  iconClassName: string;
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card aria-label={title}>
      <CardHeader
        title={
          <span className="flex items-center gap-2">
            <Icon className={cn('size-4', iconClassName)} aria-hidden />
            {title}
          </span>
        }
        action={action}
      />
      {children}
    </Card>
  );
}
