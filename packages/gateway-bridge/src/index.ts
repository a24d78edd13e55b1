export { startBridge, startGatewayBridge, type Bridge, type BridgeOptions, type GatewayTarget } from './bridge';
export { GatewayClient, GatewayError } from './gateway/client';
export { loadGatewayConfig, openclawConfigPath, GatewayConfigError } from './gateway/config';
export { findOpenclawProfiles, type OpenclawProfile } from './gateway/profiles';
export type { Logger } from './logger';
export { GatewaySimulator } from './simulator/gateway-simulator';
export { startDemoActivity } from './simulator/demo-activity';
export { startStandbyBridge, type StandbyBridge, type StandbyBridgeOptions } from './standby';
export type { LeaseTiming } from './lease';
