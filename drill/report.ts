import type { DrillReport } from './drill.js';

/** The drill's report as an operator reads it. */
export function formatReport(r: DrillReport): string {
  const lines = [
    '',
    `processes: ${r.processes.join(', ')}`,
    `load: ${r.lifecycles.done} withdrawals completed over HTTP in ${r.lifecycles.seconds.toFixed(1)} s ` +
      `(${r.lifecycles.perSecond.toFixed(2)}/s, ${r.http.calls} calls, faults included); ` +
      `bot: ${r.bot.answered} of ${r.bot.presses} presses answered, p50 ${r.bot.p50Ms} ms`,
    '',
    'fault                                       at (s)   recovered in (s)   note',
    ...r.faults.map(
      (f) =>
        `${f.name.padEnd(44)}${(f.atMs / 1000).toFixed(1).padStart(6)}   ${(f.recoveryMs / 1000)
          .toFixed(1)
          .padStart(16)}   ${f.note}`,
    ),
    '',
    `settled ${r.settleSeconds.toFixed(1)} s after the load; ${r.http.incidentsInWindows} failed calls inside the ` +
      `fault windows; ${r.resentAtProvider} deliveries sent twice at the provider (the at-least-once window, ` +
      'docs/0007; journaled once)',
    '',
    ...r.checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name} — ${c.detail}`),
  ];
  for (const i of r.http.outsideWindows.slice(0, 10))
    lines.push(`      outside a window: ${i.method} ${i.path} → ${i.status} on :${i.port} (${i.detail})`);
  for (const f of r.lifecycles.failed.slice(0, 10))
    lines.push(`      lifecycle ${f.number ?? '?'}: ${f.status} ${f.error ?? ''}`);
  return lines.join('\n');
}
