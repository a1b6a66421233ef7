export * from '../../../src/telegram/sandbox/html.js';
