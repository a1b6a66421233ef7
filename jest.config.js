import { availableParallelism } from 'node:os';

/** @type {import('jest').Config} */
export default {
  // Jest's default is one worker less than the cores: one worker on a 2-core machine, where most test time is spent
  // waiting on PostgreSQL, Redis, the fake servers and Chromium. Two workers there: 815–888 s → 621 s, all green.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'es6' } },
    ],
  },
  testTimeout: 30000,
};
