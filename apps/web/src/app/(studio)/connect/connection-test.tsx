'use client';
import { CheckCircle2, CircleDashed, Loader2, RefreshCw, XCircle } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { api, ApiError } from '@/lib/api-client';

type Answer = Awaited<ReturnType<typeof api<'testGateway'>>>;
type Diagnosis = NonNullable<Answer['diagnosis']>;

const STEP_NAMES: Record<Diagnosis['steps'][number]['step'], string> = {
  config: 'Config',
  url: 'URL',
  token: 'Token',
  pairing: 'Pairing',
  version: 'Version',
};

const FROM: Record<string, string> = {
  OPENCLAW_CONFIG_PATH: 'from OPENCLAW_CONFIG_PATH',
  default: 'OpenClaw’s default',
  OPENCLAW_GATEWAY_URL: 'from OPENCLAW_GATEWAY_URL',
  'gateway.port': 'from gateway.port in the config',
  'default port': 'the default port (no gateway.port in the config)',
  OPENCLAW_GATEWAY_TOKEN: 'OPENCLAW_GATEWAY_TOKEN',
  'gateway.auth.token': 'gateway.auth.token in the config',
};

/** Tests the connection step by step (run by the bridge) as soon as the page opens, and again on demand. */
export function ConnectionTest() {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(true);
  const run = useCallback(async () => {
    setBusy(true);
    try {
      setAnswer(await api('testGateway'));
    } catch (err) {
      setAnswer({ diagnosis: null, error: err instanceof ApiError ? err.message : 'The test could not be run.' });
    } finally {
      setBusy(false);
    }
  }, []);
  useEffect(() => {
    void run();
  }, [run]);

  const d = answer?.diagnosis;
  const failed = d?.steps.find((s) => s.ok === false);
  return (
    <>
      <Card aria-label="Connection test">
        <CardHeader
          title="Connection test"
          action={
            <Button variant="outline" size="sm" onClick={() => void run()} disabled={busy}>
              {busy ? <Loader2 className="animate-spin" aria-hidden /> : <RefreshCw aria-hidden />}
              Test again
            </Button>
          }
        />
        <CardBody className="flex flex-col gap-3 text-sm">
          {busy && !answer && <p className="text-muted-foreground">Testing…</p>}
          {answer && !d && (
            <p role="alert" className="text-danger">
              {answer.error}
            </p>
          )}
          {d && (
            <>
              <p role="status" className={failed ? 'font-medium text-danger' : 'font-medium text-success'}>
                {failed
                  ? `Failed at step ${d.steps.indexOf(failed) + 1}, ${STEP_NAMES[failed.step]}.`
                  : `Every step passed${d.version ? `: OpenClaw ${d.version}` : ''}.`}
                {!failed &&
                  !d.bridgeConnected &&
                  ' The bridge’s own connection is not up yet: it reconnects on its own within 30 s.'}
              </p>
              <ol className="flex flex-col gap-2">
                {d.steps.map((s, i) => (
                  <li key={s.step} className="flex gap-2">
                    {s.ok === true ? (
                      <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-success" aria-hidden />
                    ) : s.ok === false ? (
                      <XCircle className="mt-0.5 size-4 shrink-0 text-danger" aria-hidden />
                    ) : (
                      <CircleDashed className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
                    )}
                    <div className="min-w-0">
                      <p>
                        <span className="font-medium">
                          {i + 1}. {STEP_NAMES[s.step]}:
                        </span>{' '}
                        <span className="sr-only">
                          {s.ok === true ? 'passed' : s.ok === false ? 'failed' : 'not tried'}:{' '}
                        </span>
                        <span className={s.ok === null ? 'text-muted-foreground' : undefined}>{s.detail}</span>
                      </p>
                      {s.fix && s.ok === false && <p className="text-muted-foreground">{s.fix}</p>}
                    </div>
                  </li>
                ))}
              </ol>
            </>
          )}
        </CardBody>
      </Card>
      {d?.config && (
        <Card aria-label="What the studio looked for">
          <CardHeader title="What the studio looked for" />
          <CardBody>
            <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
              <dt className="text-muted-foreground">OpenClaw’s config</dt>
              <dd className="break-words">
                <code className="font-mono text-xs break-all">{d.config.path}</code> ({FROM[d.config.pathFrom]}):{' '}
                {d.config.found ? 'found' : 'not found'}
              </dd>
              <dt className="text-muted-foreground">Gateway URL</dt>
              <dd className="break-words">
                {d.config.url ? (
                  <>
                    <code className="font-mono text-xs break-all">{d.config.url}</code> (
                    {FROM[d.config.urlFrom ?? ''] ?? d.config.urlFrom})
                  </>
                ) : (
                  'none'
                )}
              </dd>
              <dt className="text-muted-foreground">Token</dt>
              <dd>{d.config.tokenFrom ? `from ${FROM[d.config.tokenFrom]}` : 'none found'}</dd>
              <dt className="text-muted-foreground">Workspace</dt>
              <dd className="break-words">
                {d.config.workspaceDir ? (
                  <code className="font-mono text-xs break-all">{d.config.workspaceDir}</code>
                ) : (
                  '—'
                )}
              </dd>
            </dl>
          </CardBody>
        </Card>
      )}
    </>
  );
}
