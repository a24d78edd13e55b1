import { Badge, type BadgeTone } from '@/components/ui/badge';

const TONES: Record<string, BadgeTone> = {
  success: 'success',
  completed: 'success',
  published: 'success',
  approved: 'info',
  running: 'info',
  pending_review: 'warning',
  idle: 'neutral',
  draft: 'neutral',
  archived: 'neutral',
  failed: 'danger',
  error: 'danger',
  timeout: 'danger',
  cancelled: 'neutral',
  delivered: 'success',
  pending: 'warning',
};

export function StatusBadge({ status }: { status: string | null }) {
  if (!status) return <Badge>never ran</Badge>;
  return <Badge tone={TONES[status] ?? 'neutral'}>{status.replace('_', ' ')}</Badge>;
}
