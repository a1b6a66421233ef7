import { DEMO_CLIENTS, DEMO_PASSWORD, DEMO_STAFF } from './accounts.js';

/** What a person starting the embedded mode needs to try it: where it runs, who to log in as, where codes go. */
export function demoBanner(port: number, dataDir: string, sandbox = false): string {
  const rows = [
    ...DEMO_STAFF.map((s) => `  ${s.email.padEnd(24)} ${s.roles.join(', ')}`),
    ...DEMO_CLIENTS.map((c) => `  ${c.email.padEnd(24)} client: ${c.name}`),
  ];
  return [
    '',
    `Kabinet (embedded demo) — http://localhost:${port}   API docs: http://localhost:${port}/api/docs`,
    `Demo logins, password "${DEMO_PASSWORD}":`,
    ...rows,
    `SMS codes: ${dataDir}/outbox/sms.jsonl (and this log)   e-mail: ${dataDir}/outbox/email/*.eml`,
    ...(sandbox
      ? [`Both bots without Telegram (the built-in sandbox): http://localhost:${port}/sandbox`]
      : []),
    '',
  ].join('\n');
}
