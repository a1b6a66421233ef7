/** `npm run bench`: every benchmark of the project, one after another. `BENCH_N` sets the lifecycle count. */
import { runWorkflowBench } from './workflow.bench.js';

await runWorkflowBench();
