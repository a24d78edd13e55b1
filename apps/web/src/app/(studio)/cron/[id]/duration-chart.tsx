'use client';
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { tooltipStyle } from '@/components/charts/tooltip-style';
import { useDateFormat } from '@/components/dates/date-format';
import { formatDate } from '@/lib/dates';
import { duration } from '@/lib/format';

interface Point {
  id: string;
  startedAt: string;
  durationMs: number;
  status: string;
}

const COLOR = { completed: 'var(--success)', running: 'var(--info)', cancelled: 'var(--muted-foreground)' } as Record<
  string,
  string
>;

/** How long the recent runs took, oldest left; failures in red. */
export function DurationChart({ runs }: { runs: Point[] }) {
  const fmt = useDateFormat();
  if (runs.length < 2) return <p className="p-4 text-sm text-muted-foreground">The chart appears after two runs.</p>;
  const data = runs.map((r) => ({
    ...r,
    seconds: r.durationMs / 1000,
    label: formatDate(r.startedAt, 'daytime', fmt),
  }));
  return (
    <div className="h-48 px-2 py-3" role="img" aria-label={`Durations of the last ${runs.length} runs`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <XAxis dataKey="label" hide />
          <YAxis
            width={40}
            tick={{ fontSize: 11, fill: 'var(--muted-foreground)' }}
            tickFormatter={(s: number) => `${s}s`}
          />
          <Tooltip
            {...tooltipStyle}
            labelFormatter={(_l, items) =>
              items[0] ? formatDate((items[0].payload as Point).startedAt, 'daytime', fmt) : ''
            }
            formatter={(_v, _n, item) => [duration((item.payload as Point).durationMs), (item.payload as Point).status]}
          />
          <Bar dataKey="seconds" radius={[2, 2, 0, 0]} isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.id} fill={COLOR[d.status] ?? 'var(--danger)'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
