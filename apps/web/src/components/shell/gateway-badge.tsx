import { Server } from 'lucide-react';
import { Badge } from '@/components/ui/badge';

/** The gateway a job, run, session or content item is on (shown only where there are several). */
export function GatewayBadge({ name }: { name: string | undefined }) {
  if (!name) return null;
  return (
    // cut like the name beside it when its column is narrow, never over the next column
    <Badge title={`On the gateway ${name}`} data-gateway={name} className="max-w-full">
      <Server className="size-3 shrink-0" aria-hidden />
      <span className="sr-only">Gateway </span>
      <span className="truncate">{name}</span>
    </Badge>
  );
}
