// The lab bridge suite (lab-bridge.suite.ts) on Postgres: one file per driver, so the two gateways run side by side.
import { describeDriver } from '@agent-studio/database/testing';
import { labBridgeSuite } from './lab-bridge.suite';

describeDriver('postgres', 'bridge on a real OpenClaw gateway', labBridgeSuite);
