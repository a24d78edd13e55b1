import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { TimeAgo } from '@/components/ui/time-ago';
import { getHealth } from '@/server/health';
import { ConnectionTest } from './connection-test';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Connect OpenClaw' };

/** First run, or the gateway away: where the studio looks for OpenClaw, a step-by-step test, and the demo. */
export default async function ConnectPage() {
  const { gateway, gatewayDetail: gw } = await getHealth();
  const connected = gateway === 'connected';
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <h1 className="text-xl font-semibold">Connect OpenClaw</h1>
      <p role="status" className={connected ? 'text-sm' : 'text-sm text-danger'}>
        {connected ? (
          <>
            The studio is connected to OpenClaw{gw.version ? ` ${gw.version}` : ''}
            {gw.since && (
              <>
                {' '}
                since <TimeAgo date={gw.since} />
              </>
            )}
            .
          </>
        ) : gw.since ? (
          <>
            The studio is not connected to OpenClaw (since <TimeAgo date={gw.since} />)
            {gw.error ? `: ${gw.error}` : '.'}
          </>
        ) : (
          'The studio has not connected to OpenClaw yet.'
        )}
      </p>
      <ConnectionTest />
      <Card aria-label="How the studio finds OpenClaw">
        <CardHeader title="How the studio finds OpenClaw" />
        <CardBody className="flex flex-col gap-2 text-sm">
          <p>
            It reads OpenClaw’s own config, <code className="font-mono text-xs">~/.openclaw/openclaw.json</code> (or the
            file <code className="font-mono text-xs">OPENCLAW_CONFIG_PATH</code> names): the gateway’s port from{' '}
            <code className="font-mono text-xs">gateway.port</code> and its token from{' '}
            <code className="font-mono text-xs">gateway.auth.token</code>.{' '}
            <code className="font-mono text-xs">OPENCLAW_GATEWAY_URL</code> and{' '}
            <code className="font-mono text-xs">OPENCLAW_GATEWAY_TOKEN</code> override them (a gateway on another
            machine). The studio reads them when it starts: restart it after a change.
          </p>
          <p>
            On first contact the gateway pairs the studio as a device; on loopback that is silent, from another machine
            approve it on the gateway’s host.
          </p>
        </CardBody>
      </Card>
      <Card aria-label="No OpenClaw yet">
        <CardHeader title="No OpenClaw yet?" />
        <CardBody className="flex flex-col gap-2 text-sm">
          <p>
            The demo runs the same studio on a built-in gateway simulator (jobs with two days of history, failing runs,
            content, sub-agent swarms), in its own data folder <code className="font-mono text-xs">./.studio/demo</code>
            . Stop this studio, then in its folder:
          </p>
          <pre className="overflow-x-auto rounded-md bg-muted px-3 py-2 font-mono text-xs">npm run demo</pre>
          <p className="text-muted-foreground">
            (or <code className="font-mono text-xs">npx agent-studio demo</code>)
          </p>
        </CardBody>
      </Card>
    </div>
  );
}
