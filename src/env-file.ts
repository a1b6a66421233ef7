import { existsSync } from 'node:fs';

// An optional `.env` in the working directory; variables already set in the environment win (Node's own loader).
if (existsSync('.env')) process.loadEnvFile('.env');
