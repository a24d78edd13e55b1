// The lab bridge suite (lab-bridge.suite.ts) on PGlite: one file per driver, so the two gateways run side by side.
import { describeDriver } from '@agent-studio/database/testing';
import { labBridgeSuite } from './lab-bridge.suite';

describeDriver('pglite', 'bridge on a real OpenClaw gateway', labBridgeSuite);
