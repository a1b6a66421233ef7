export * from '../../../src/telegram/sandbox/types.js';
