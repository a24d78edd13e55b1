export * from './events';
export * from './commands';
export { renderMarkdown } from './markdown';
export * from './gtm';
export * from './actor';
