/**
 * A run's outcome as a colour class (bars of the sparkline and the timeline). A cancelled run (stopped by the
 * owner or a budget) is neutral: it neither succeeded nor failed.
 */
export function runBarClass(status: string): string {
  if (status === 'completed') return 'bg-success';
  if (status === 'running') return 'bg-info';
  if (status === 'cancelled') return 'bg-muted-foreground';
  return 'bg-danger';
}
