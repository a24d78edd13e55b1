import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

export function Card({ className, ...props }: ComponentProps<'section'>) {
  return <section className={cn('rounded-lg border bg-card shadow-xs', className)} {...props} />;
}

export function CardHeader({
  className,
  title,
  action,
  ...props
}: Omit<ComponentProps<'div'>, 'title'> & { title: React.ReactNode; action?: React.ReactNode }) {
  return (
    <div className={cn('flex items-center justify-between gap-2 border-b px-4 py-3', className)} {...props}>
      <h2 className="text-sm font-semibold">{title}</h2>
      {action}
    </div>
  );
}

/** A card named by its header's title (its accessible name is the title shown). */
export function TitledCard({
  title,
  action,
  children,
  ...props
}: Omit<ComponentProps<'section'>, 'title'> & { title: string; action?: React.ReactNode }) {
  return (
    <Card aria-label={title} {...props}>
      <CardHeader title={title} action={action} />
      {children}
    </Card>
  );
}

export function CardBody({ className, ...props }: ComponentProps<'div'>) {
  return <div className={cn('p-4', className)} {...props} />;
}
