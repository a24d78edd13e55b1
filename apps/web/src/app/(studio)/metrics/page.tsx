import type { ComponentProps } from 'react';
import { metricsPageParams, resolveRange } from '@agent-studio/core/metrics/range';
import { formatDate } from '@/lib/dates';
import { contentTypeInWords } from '@/lib/format';
import { getDateFormat } from '@/server/date-format';
import { getDb } from '@/server/db';
import { pageGateway } from '@/server/page-gateway';
import { loadMetrics } from '@/server/metrics';
import { ChartPanel, type Series } from './_components/chart-panel';
import { RangePicker } from './_components/range-picker';
import { ScheduleAdvice } from './_components/schedule-advice';
import { categoryColor, sampleInWords, SERIES_COLORS as C } from './_components/series';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Metrics' };

const perItem: Series[] = [
  { key: 'views', label: 'Views per item', unit: 'number', color: C.views },
  { key: 'engagement', label: 'Engagement per item', unit: 'number', axis: 'right', color: C.engagement },
  { key: 'clicks', label: 'Clicks per item', unit: 'number', axis: 'right', color: C.clicks },
];
const usage: Series[] = [
  { key: 'tokens', label: 'Tokens', unit: 'tokens', color: C.tokens },
  { key: 'cost', label: 'Cost', unit: 'usd', type: 'line', axis: 'right', color: C.cost },
];
const runsAndRate: Series[] = [
  { key: 'runs', label: 'Runs', unit: 'count', axis: 'right', color: C.runs },
  { key: 'rate', label: 'Success rate', unit: 'percent', type: 'line', color: C.rate },
];
const rateAndRuns: Series[] = [
  { key: 'rate', label: 'Success rate', unit: 'percent', color: C.rate },
  { key: 'runs', label: 'Runs', unit: 'count', axis: 'right', color: C.runs },
];
const durations: Series[] = [
  { key: 'p50', label: 'Median (p50)', unit: 'ms', color: C.p50 },
  { key: 'p95', label: '95th percentile', unit: 'ms', color: C.p95 },
];
const queueAge: Series[] = [
  { key: 'median', label: 'Median', unit: 'hours', color: C.median },
  { key: 'avg', label: 'Average', unit: 'hours', color: C.avg },
  { key: 'items', label: 'Published', unit: 'count', axis: 'right', color: C.items },
];
/** A chart across both columns. */
const WIDE = 'lg:col-span-2';
const byJob = { xKey: 'job', xLabel: 'Job' };

function Section({
  title,
  children,
  summary,
}: {
  title: string;
  summary?: React.ReactNode;
  children: React.ReactNode;
}) {
  const id = `h-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h2 id={id} className="text-base font-semibold">
          {title}
        </h2>
        {summary && <p className="text-sm text-muted-foreground">{summary}</p>}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">{children}</div>
    </section>
  );
}

type Chart = Omit<ComponentProps<typeof ChartPanel>, 'empty'> & { empty?: string };

/** A section of charts, each saying `empty` when it has no rows (unless it has words of its own). */
function ChartSection({
  charts,
  empty,
  ...section
}: {
  title: string;
  summary?: React.ReactNode;
  empty: string;
  charts: Chart[];
}) {
  return (
    <Section {...section}>
      {charts.map((chart) => (
        <ChartPanel key={chart.title} {...chart} empty={chart.empty ?? empty} />
      ))}
    </Section>
  );
}

export default async function MetricsPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await props.searchParams;
  const range = resolveRange(metricsPageParams.parse({ range: sp.range, from: sp.from, to: sp.to }));
  const fmt = await getDateFormat();
  const { selected, gatewayId } = await pageGateway(await getDb(), sp);
  const m = await loadMetrics(range, fmt, gatewayId);
  const per = range.bucket === 'day' ? 'day' : 'hour';
  const overTime = { time: true, xKey: 't', xLabel: per === 'day' ? 'Day' : 'Hour' };
  const typeSeries = (stack: string): Series[] =>
    m.contentTypes.map((t, i) => ({
      key: t,
      label: contentTypeInWords(t),
      unit: 'count',
      stack,
      color: categoryColor(i),
    }));
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <h1 className="text-xl font-semibold">Metrics</h1>
        <RangePicker range={range} timeZone={fmt.timeZone} />
        <p className="text-sm text-muted-foreground">
          {formatDate(range.from, 'datetime', fmt)} – {formatDate(range.to, 'datetime', fmt)}, per {per}
          {selected ? `, gateway ${selected.name}` : ''}
        </p>
      </div>

      <ChartSection
        title="Cron jobs"
        summary={
          m.overall.runs
            ? `${m.overall.successRate}% of ${m.overall.runs.toLocaleString('en')} runs succeeded`
            : 'No finished runs in this range'
        }
        empty="No finished runs in this range."
        charts={[
          { title: 'Success rate over time', ...overTime, data: m.successOverTime, series: runsAndRate },
          { title: 'Success rate per job', ...byJob, data: m.jobs, series: rateAndRuns },
          { title: 'Run durations per job', className: WIDE, ...byJob, data: m.jobs, series: durations },
        ]}
      />

      <ChartSection
        title="Tokens and cost"
        empty="No sessions in this range."
        charts={[
          { title: `Usage per ${per}`, className: WIDE, ...overTime, data: m.usageOverTime, series: usage },
          { title: 'Usage per agent', xKey: 'key', xLabel: 'Agent', data: m.usageByAgent, series: usage },
          { title: 'Usage per model', xKey: 'key', xLabel: 'Model', data: m.usageByModel, series: usage },
        ]}
      />

      <ChartSection
        title="Content"
        empty="No content was written in this range."
        charts={[
          { title: 'Output velocity', ...overTime, data: m.velocity, series: typeSeries('v') },
          {
            title: 'Content by status',
            xKey: 'status',
            xLabel: 'Status',
            data: m.contentByStatus,
            series: typeSeries('s'),
          },
          {
            title: 'Time from draft to published',
            className: WIDE,
            xKey: 'type',
            xLabel: 'Type',
            data: m.queueAge,
            empty: 'Nothing was published in this range.',
            series: queueAge,
          },
        ]}
      />

      <ChartSection
        title="Content performance"
        summary="Average per published item; figures arrive through the API or are entered on the item’s page"
        empty="No published content in this range."
        charts={[
          { title: 'Performance by type', xKey: 'key', xLabel: 'Type', data: m.performance.byType, series: perItem },
          { title: 'Performance by tag', xKey: 'key', xLabel: 'Tag', data: m.performance.byTag, series: perItem },
          {
            title: 'Performance by publishing hour',
            className: WIDE,
            xKey: 'key',
            xLabel: 'Hour published',
            data: m.performance.byHour,
            series: perItem,
          },
        ]}
      />

      <Section
        title="System samples"
        summary={
          selected
            ? `Sampled by the bridge every minute, ${selected.name}’s where it is sampled per gateway`
            : 'Sampled by the bridge every minute'
        }
      >
        {m.samples.length ? (
          m.samples.map((s) => {
            const w = sampleInWords(s.name, s.unit);
            const rows =
              w.scale === 1 ? s.rows : s.rows.map((r) => ({ ...r, avg: r.avg * w.scale, max: r.max * w.scale }));
            return (
              <ChartPanel
                key={s.name}
                title={s.studios ? `${w.title} (the studio’s)` : w.title}
                time
                xKey="t"
                xLabel="Time"
                data={rows}
                empty="No samples in this range."
                series={[
                  { key: 'avg', label: 'Average', unit: w.unit, type: 'line', color: C.avg },
                  { key: 'max', label: 'Highest', unit: w.unit, type: 'line', color: C.max },
                ]}
              />
            );
          })
        ) : (
          <p className="text-sm text-muted-foreground">
            No samples yet: the bridge records the first one a minute after it starts.
          </p>
        )}
      </Section>

      <ScheduleAdvice gatewayId={gatewayId} />
    </div>
  );
}
