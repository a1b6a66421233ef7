/**
 * With `BENCH_MARKS=1` a bench prints `mark start|end <seconds> hr <µs>` around the window it measures: the
 * seconds for reading per-thread CPU from /proc, the µs on the monotonic clock V8's CPU profiles use (`--cpu-prof`),
 * so a profile can be cut to the measured window.
 */
export function mark(edge: 'start' | 'end'): void {
  if (!process.env.BENCH_MARKS) return;
  console.log(`mark ${edge} ${(performance.now() / 1000).toFixed(2)} hr ${process.hrtime.bigint() / 1000n}`);
}
