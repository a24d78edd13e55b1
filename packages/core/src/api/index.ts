export * from './common';
export * from './cron';
export * from './gtm';
export * from './agents';
export * from './system';
export * from './endpoints';
export * from './routes';
export * from './openapi';
