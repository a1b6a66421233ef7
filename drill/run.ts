/**
 * `npm run drill`: the scale-out drill on the machine's PostgreSQL and a private Redis (docs/0027). Prints what
 * it did, each fault's recovery time and every invariant; exits 1 when an invariant breaks.
 *
 * DRILL_LIFECYCLES (default 40) full withdrawals, DRILL_CONCURRENCY (default 8) at once.
 */
import { runDrill } from './drill.js';
import { formatReport } from './report.js';

const lifecycles = Number(process.env['DRILL_LIFECYCLES'] ?? 40);
const concurrency = Number(process.env['DRILL_CONCURRENCY'] ?? 8);
const started = Date.now();
const report = await runDrill({
  lifecycles,
  concurrency,
  root: process.cwd(),
  log: (line) => console.log(`drill: ${line}`),
});
console.log(formatReport(report));
console.log(`drill: ${report.ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(report.ok ? 0 : 1);
