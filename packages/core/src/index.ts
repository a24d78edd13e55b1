export * from './events';
export * from './commands';
export * from './gtm';
export * from './actor';
