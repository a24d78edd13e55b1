// A client of the gateway (the simulator or a lab's) beside the studio, as an operator runs one: to set a scene
// (add jobs, send chats, answer approvals) and to ask the gateway itself what it has. A device of its own
// under `deviceDir`; started, connecting in the background (wait for `connected`).
import { GatewayClient } from '../../src/gateway/client';
import { loadOrCreateDevice } from '../../src/gateway/device-identity';

export function startOperator(
  gateway: { url: string; token: string },
  deviceDir: string,
  clientVersion = '0.0.0-test',
): GatewayClient {
  const op = new GatewayClient({
    url: gateway.url,
    token: gateway.token,
    device: loadOrCreateDevice(deviceDir),
    clientVersion,
  });
  op.start();
  return op;
}
