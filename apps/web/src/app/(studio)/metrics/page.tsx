import { metricsPageParams, resolveRange } from '@agent-studio/core/metrics/range';
import { formatDate } from '@/lib/dates';
import { contentTypeInWords } from '@/lib/format';
import { getDateFormat } from '@/server/date-format';
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

export default async function MetricsPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await props.searchParams;
  const range = resolveRange(metricsPageParams.parse({ range: sp.range, from: sp.from, to: sp.to }));
  const fmt = await getDateFormat();
  const m = await loadMetrics(range, fmt);
  const per = range.bucket === 'day' ? 'day' : 'hour';
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
        </p>
      </div>

      <Section
        title="Cron jobs"
        summary={
          m.overall.runs
            ? `${m.overall.successRate}% of ${m.overall.runs.toLocaleString('en')} runs succeeded`
            : 'No finished runs in this range'
        }
      >
        <ChartPanel
          title="Success rate over time"
          time
          xKey="t"
          xLabel={per === 'day' ? 'Day' : 'Hour'}
          data={m.successOverTime}
          empty="No finished runs in this range."
          series={[
            { key: 'runs', label: 'Runs', unit: 'count', axis: 'right', color: C.runs },
            { key: 'rate', label: 'Success rate', unit: 'percent', type: 'line', color: C.rate },
          ]}
        />
        <ChartPanel
          title="Success rate per job"
          xKey="job"
          xLabel="Job"
          data={m.jobs}
          empty="No finished runs in this range."
          series={[
            { key: 'rate', label: 'Success rate', unit: 'percent', color: C.rate },
            { key: 'runs', label: 'Runs', unit: 'count', axis: 'right', color: C.runs },
          ]}
        />
        <ChartPanel
          title="Run durations per job"
          className="lg:col-span-2"
          xKey="job"
          xLabel="Job"
          data={m.jobs}
          empty="No finished runs in this range."
          series={[
            { key: 'p50', label: 'Median (p50)', unit: 'ms', color: C.p50 },
            { key: 'p95', label: '95th percentile', unit: 'ms', color: C.p95 },
          ]}
        />
      </Section>

      <Section title="Tokens and cost">
        <ChartPanel
          title={`Usage per ${per}`}
          className="lg:col-span-2"
          time
          xKey="t"
          xLabel={per === 'day' ? 'Day' : 'Hour'}
          data={m.usageOverTime}
          series={usage}
          empty="No sessions in this range."
        />
        <ChartPanel
          title="Usage per agent"
          xKey="key"
          xLabel="Agent"
          data={m.usageByAgent}
          series={usage}
          empty="No sessions in this range."
        />
        <ChartPanel
          title="Usage per model"
          xKey="key"
          xLabel="Model"
          data={m.usageByModel}
          series={usage}
          empty="No sessions in this range."
        />
      </Section>

      <Section title="Content">
        <ChartPanel
          title="Output velocity"
          time
          xKey="t"
          xLabel={per === 'day' ? 'Day' : 'Hour'}
          data={m.velocity}
          series={typeSeries('v')}
          empty="No content was written in this range."
        />
        <ChartPanel
          title="Content by status"
          xKey="status"
          xLabel="Status"
          data={m.contentByStatus}
          series={typeSeries('s')}
          empty="No content was written in this range."
        />
        <ChartPanel
          title="Time from draft to published"
          className="lg:col-span-2"
          xKey="type"
          xLabel="Type"
          data={m.queueAge}
          empty="Nothing was published in this range."
          series={[
            { key: 'median', label: 'Median', unit: 'hours', color: C.median },
            { key: 'avg', label: 'Average', unit: 'hours', color: C.avg },
            { key: 'items', label: 'Published', unit: 'count', axis: 'right', color: C.items },
          ]}
        />
      </Section>

      <Section
        title="Content performance"
        summary="Average per published item; figures arrive through the API or are entered on the item’s page"
      >
        <ChartPanel
          title="Performance by type"
          xKey="key"
          xLabel="Type"
          data={m.performance.byType}
          series={perItem}
          empty="No published content in this range."
        />
        <ChartPanel
          title="Performance by tag"
          xKey="key"
          xLabel="Tag"
          data={m.performance.byTag}
          series={perItem}
          empty="No published content in this range."
        />
        <ChartPanel
          title="Performance by publishing hour"
          className="lg:col-span-2"
          xKey="key"
          xLabel="Hour published"
          data={m.performance.byHour}
          series={perItem}
          empty="No published content in this range."
        />
      </Section>

      <Section title="System samples" summary="Sampled by the bridge every minute">
        {m.samples.length ? (
          m.samples.map((s) => {
            const w = sampleInWords(s.name, s.unit);
            const rows =
              w.scale === 1 ? s.rows : s.rows.map((r) => ({ ...r, avg: r.avg * w.scale, max: r.max * w.scale }));
            return (
              <ChartPanel
                key={s.name}
                title={w.title}
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

      <ScheduleAdvice />
    </div>
  );
}
