import { DetailHeading } from '@/components/ui/page-heading';
import Link from '@/components/ui/link';
import { getCronJob, getCronRun, getGtmOutput } from '@agent-studio/database';
import { StatusBadge } from '@/components/status-badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { TimeAgo } from '@/components/ui/time-ago';
import { contentTypeInWords } from '@/lib/format';
import { rowOr404 } from '@/server/page-data';
import { RowGateway } from '@/components/shell/row-gateway';
import { ContentEditor } from './_components/content-editor';
import { PerformanceForm } from './_components/performance-form';
import { Workflow } from './workflow';

export const dynamic = 'force-dynamic';

export default async function ContentItemPage(props: { params: Promise<{ id: string }> }) {
  const { db, row: item } = await rowOr404(props.params, getGtmOutput);
  const [job, run] = await Promise.all([
    item.source_job_id ? getCronJob(db, item.source_job_id) : null,
    item.source_run_id ? getCronRun(db, item.source_run_id) : null,
  ]);
  return (
    <div className="flex flex-col gap-4">
      <DetailHeading back={{ href: '/content', label: 'Content' }} title={item.title}>
        <StatusBadge status={item.status} />
        <RowGateway id={item.gateway_id} />
      </DetailHeading>
      {item.import_problem && (
        <p role="status" className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm">
          The file&rsquo;s front matter was not read: {item.import_problem}.
        </p>
      )}
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_18rem]">
        <ContentEditor id={item.id} contentMd={item.content_md ?? ''} revision={item.revision} diskMd={item.disk_md} />
        <div className="flex flex-col gap-4 self-start">
          <Card aria-label="Workflow">
            <CardHeader title="Workflow" />
            <CardBody>
              <Workflow
                id={item.id}
                status={item.status}
                scheduledFor={item.scheduled_for?.toISOString() ?? null}
                scheduledUrl={item.scheduled_url}
              />
            </CardBody>
          </Card>
          {item.status === 'published' && (
            <Card aria-label="Performance">
              <CardHeader title="Performance" />
              <CardBody>
                <PerformanceForm id={item.id} metrics={item.metrics ?? {}} />
              </CardBody>
            </Card>
          )}
          <Card aria-label="Metadata">
            <CardHeader title="Details" />
            <CardBody>
              <dl className="flex flex-col gap-2 text-sm">
                <div>
                  <dt className="text-xs text-muted-foreground">Type</dt>
                  <dd>{contentTypeInWords(item.content_type)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-muted-foreground">Priority</dt>
                  <dd>{item.priority}</dd>
                </div>
                <div>
                  <dt className="text-xs text-muted-foreground">Tags</dt>
                  <dd>{item.tags?.length ? item.tags.join(', ') : '—'}</dd>
                </div>
                <div>
                  <dt className="text-xs text-muted-foreground">Written</dt>
                  <dd>
                    <TimeAgo date={item.created_at} />
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-muted-foreground">Updated</dt>
                  <dd>
                    <TimeAgo date={item.updated_at} />
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-muted-foreground">Source</dt>
                  <dd>
                    {/* underlined: the run's time beside it makes this a link in running text (axe link-in-text-block) */}
                    {job ? (
                      <Link href={`/cron/${job.id}`} className="text-primary underline underline-offset-2">
                        {job.name}
                      </Link>
                    ) : (
                      'unknown job'
                    )}
                    {run && (
                      <span className="text-muted-foreground">
                        {' '}
                        · run <TimeAgo date={run.started_at} />
                      </span>
                    )}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-muted-foreground">File</dt>
                  <dd className="font-mono text-xs break-all">{item.source_file_path ?? '—'}</dd>
                </div>
                {item.published_url && (
                  <div>
                    <dt className="text-xs text-muted-foreground">Published at</dt>
                    <dd className="break-all">
                      <a
                        href={item.published_url}
                        className="text-primary hover:underline"
                        rel="noreferrer noopener"
                        target="_blank"
                      >
                        {item.published_url}
                      </a>
                    </dd>
                  </div>
                )}
              </dl>
            </CardBody>
          </Card>
        </div>
      </div>
    </div>
  );
}
