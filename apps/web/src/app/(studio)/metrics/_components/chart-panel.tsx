'use client';
import { useState } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { tooltipStyle } from '@/components/charts/tooltip-style';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/lib/cn';
import { formatValue, wholeUnits, type Unit } from './units';

export interface Series {
  key: string;
  label: string;
  unit: Unit;
  type?: 'bar' | 'line';
  /** Bars with the same stack id are stacked. */
  stack?: string;
  /** A second unit goes on the right axis. */
  axis?: 'left' | 'right';
  /** The same figure has the same colour on every chart (series.ts). */
  color: string;
}

export type Row = Record<string, string | number | null>;

const tick = { fontSize: 11, fill: 'var(--muted-foreground)' };
const LONGEST_LABEL = 18;
// how far left of its bar a slanted name of LONGEST_LABEL characters reaches, less the y axis' width
const SLANT_ROOM = 48;

/** A category's name under its bar, slanted so that neighbours never overlap, cut when long (whole on hover). */
function CategoryTick({ x, y, payload }: { x?: number; y?: number; payload?: { value: string | number } }) {
  const name = String(payload?.value ?? '');
  return (
    <g transform={`translate(${x ?? 0},${y ?? 0})`}>
      <title>{name}</title>
      <text x={0} y={0} dy={4} textAnchor="end" transform="rotate(-35)" {...tick}>
        {name.length > LONGEST_LABEL ? `${name.slice(0, LONGEST_LABEL - 1)}…` : name}
      </text>
    </g>
  );
}

/** A chart with tooltips and the same figures as a table, one click apart. */
/** `time`: the x axis is a time line (labels thinned); else categories, every one labelled (long names cut). */
export function ChartPanel({
  title,
  data,
  xKey,
  xLabel,
  series,
  empty,
  className,
  time,
}: {
  title: string;
  data: Row[];
  xKey: string;
  xLabel: string;
  series: Series[];
  empty: string;
  className?: string;
  time?: boolean;
}) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const right = series.find((s) => s.axis === 'right');
  const left = series.find((s) => s.axis !== 'right')!;
  const toggle = (
    <div className="flex rounded-md border text-xs" role="group" aria-label={`${title}: view`}>
      {(['chart', 'table'] as const).map((v) => (
        <button
          key={v}
          type="button"
          aria-pressed={view === v}
          onClick={() => setView(v)}
          className={cn(
            'px-2 py-1 capitalize first:rounded-l-md last:rounded-r-md',
            view === v ? 'bg-muted font-medium' : 'text-muted-foreground hover:text-foreground',
          )}
        >
          {v}
        </button>
      ))}
    </div>
  );
  return (
    <Card aria-label={title} className={className}>
      <CardHeader title={title} action={data.length ? toggle : null} />
      {!data.length ? (
        <p className="p-4 text-sm text-muted-foreground">{empty}</p>
      ) : view === 'chart' ? (
        <figure className={cn('px-2 py-3', time ? 'h-64' : 'h-80')} aria-label={`${title} chart`}>
          <ResponsiveContainer width="100%" height="100%">
            {/* slanted category names reach left of their bar: room for the first one's (a phone cut it) */}
            <ComposedChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: time ? 0 : SLANT_ROOM }}>
              <CartesianGrid vertical={false} stroke="var(--border)" />
              {time ? (
                <XAxis dataKey={xKey} tick={tick} tickLine={false} minTickGap={16} />
              ) : (
                <XAxis dataKey={xKey} tick={<CategoryTick />} tickLine={false} interval={0} height={90} />
              )}
              <YAxis
                yAxisId="left"
                width={52}
                tick={tick}
                allowDecimals={!wholeUnits.includes(left.unit)}
                tickFormatter={(v: number) => formatValue(v, left.unit, true)}
              />
              {right && (
                <YAxis
                  yAxisId="right"
                  orientation="right"
                  width={52}
                  tick={tick}
                  allowDecimals={!wholeUnits.includes(right.unit)}
                  tickFormatter={(v: number) => formatValue(v, right.unit, true)}
                />
              )}
              <Tooltip
                {...tooltipStyle}
                formatter={(v, name) => {
                  const s = series.find((x) => x.label === name);
                  return [s ? formatValue(Number(v), s.unit) : String(v), name];
                }}
              />
              {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
              {series.map((s) => {
                const common = { yAxisId: s.axis ?? 'left', dataKey: s.key, name: s.label, isAnimationActive: false };
                return s.type === 'line' ? (
                  // a line through one point is nothing: its point is drawn large
                  <Line
                    key={s.key}
                    {...common}
                    stroke={s.color}
                    strokeWidth={2}
                    dot={data.length < 40 ? { r: data.length < 3 ? 5 : 3, fill: s.color } : false}
                    connectNulls
                  />
                ) : (
                  <Bar
                    key={s.key}
                    {...common}
                    stackId={s.stack}
                    fill={s.color}
                    maxBarSize={48}
                    radius={s.stack ? 0 : [2, 2, 0, 0]}
                  />
                );
              })}
            </ComposedChart>
          </ResponsiveContainer>
        </figure>
      ) : (
        <div className="max-h-80 overflow-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="sticky top-0 bg-card text-left text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  {xLabel}
                </th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="px-4 py-2 text-right font-medium">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y">
              {data.map((row, i) => (
                <tr key={i}>
                  <th scope="row" className="px-4 py-1.5 text-left font-normal">
                    {row[xKey]}
                  </th>
                  {series.map((s) => (
                    <td key={s.key} className="px-4 py-1.5 text-right tabular-nums">
                      {row[s.key] == null ? '—' : formatValue(Number(row[s.key]), s.unit)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
