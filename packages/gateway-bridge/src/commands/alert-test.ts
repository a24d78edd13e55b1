import { CommandError, type CommandHandler } from './context';

/** "Send a test" on an alert channel: queued as a delivery and tried at once; a failure is the command's too. */
export const sendTestAlert: CommandHandler<'alert.test'> = async (ctx, { channelId }) => {
  if (!ctx.alerts) throw new CommandError('This bridge does not send alerts.');
  return ctx.alerts.sendTest(channelId);
};
