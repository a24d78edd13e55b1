import { Server } from 'lucide-react';
import { Badge } from '@/components/ui/badge';

/** The gateway a job, run, session or content item is on (shown only where there are several). */
export function GatewayBadge({ name }: { name: string | undefined }) {
  if (!name) return null;
  return (
    <Badge title={`On the gateway ${name}`} data-gateway={name}>
      <Server className="size-3" aria-hidden />
      <span className="sr-only">Gateway </span>
      {name}
    </Badge>
  );
}
