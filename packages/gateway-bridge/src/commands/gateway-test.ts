import { diagnoseGateway } from '../gateway/diagnose';
import { loadOrCreateDevice } from '../gateway/device-identity';
import { CommandError, type CommandHandler } from './context';

const CLIENT_VERSION = '0.1.0';

/** The Connect page's connection test, from this bridge's own config and device (what its connection uses). */
export const testGateway: CommandHandler<'gateway.test'> = async (ctx) => {
  if (!ctx.gatewayTarget || !ctx.identityDir)
    throw new CommandError('This bridge was started without a gateway to test.');
  const diagnosis = await diagnoseGateway(ctx.gatewayTarget, loadOrCreateDevice(ctx.identityDir), CLIENT_VERSION);
  return { ...diagnosis, bridgeConnected: ctx.gateway !== null };
};
