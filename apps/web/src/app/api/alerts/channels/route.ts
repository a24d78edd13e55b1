import { listAlertChannels } from '@agent-studio/database';
import { ownerSession } from '@/server/actor';
import { toAlertChannel } from '@/server/api/alerts';
import { getDb } from '@/server/db';
import { readBody, route } from '@/server/http';
import { addAlertChannel } from '@/server/actions/alert-channel-create';

export const dynamic = 'force-dynamic';

export const GET = route(async () => {
  const channels = await listAlertChannels(await getDb());
  return Response.json({ channels: channels.map(toAlertChannel) });
});

/** Only the owner's own session may point alerts somewhere: a token could aim them at the LAN. */
export const POST = route(async (request: Request) => {
  await ownerSession(request);
  const channel = await addAlertChannel(await readBody(request));
  return Response.json({ channel: toAlertChannel(channel) }, { status: 201 });
});
