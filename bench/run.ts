/** `npm run bench`: every benchmark of the project, one after another. `BENCH_N` sets the lifecycle count. */
import { runApiBench } from './api.bench.js';
import { runBotsBench } from './bots.bench.js';
import { runDocumentsBench } from './documents.bench.js';
import { runListsBench } from './lists.bench.js';
import { runNotifyBench } from './notify.bench.js';
import { runRoundTripsBench } from './round-trips.bench.js';
import { runStartBench } from './start.bench.js';
import { runWebBench } from './web.bench.js';
import { runWorkflowBench } from './workflow.bench.js';

await runWorkflowBench();
await runApiBench();
await runBotsBench();
await runNotifyBench();
await runDocumentsBench();
await runWebBench();
await runStartBench();
await runListsBench();
await runRoundTripsBench();
