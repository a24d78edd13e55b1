import { CommandError, type CommandHandler } from './context';

/** "Send a test" on an alert channel: queued as a delivery and tried at once; a failure is the command's too. */
export const sendTestAlert: CommandHandler<'alert.test'> = async (ctx, { channelId }) => {
  if (!ctx.alerts)
    throw new CommandError(
      'This bridge does not send alerts: its database role (a bridge role) may not read alert channels. Test ' +
        "alerts go to the default gateway's bridge: serve that gateway from a bridge on the owner's DATABASE_URL.",
    );
  return ctx.alerts.sendTest(channelId);
};
