import { spawn, type ChildProcess } from 'node:child_process';
import { serverBuildIsStale } from '../scripts/build.js';
import { freePort, until } from '../test/support/wait.js';

export { until };

/** One Kabinet process of the drill: its role, its port, the child while it runs. */
export interface Member {
  name: string;
  role: 'api' | 'worker' | 'bots';
  port: number;
  child: ChildProcess | undefined;
  /** Everything it printed (JSON log lines), for the report when something breaks. */
  output: string[];
}

export async function isReady(port: number): Promise<boolean> {
  try {
    const answer = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) });
    await answer.arrayBuffer();
    return answer.status === 200;
  } catch {
    return false;
  }
}

/**
 * The drill's processes: real Kabinet children, each with its PROCESS_ROLE and port, on one PostgreSQL database and
 * one Redis — as a process manager would run them, restarted after a kill. Production's `node dist/main.js` when
 * dist/ is built from the current sources (`npm run build`; CI builds it), `node --import tsx src/main.ts` otherwise.
 */
export class Cluster {
  readonly members: Member[] = [];
  readonly entry: string[] = serverBuildIsStale() ? ['--import', 'tsx', 'src/main.ts'] : ['dist/main.js'];

  constructor(
    private readonly root: string,
    private readonly env: Record<string, string>,
  ) {
    // Whatever happens to the drill itself, it leaves no Kabinet process running behind it.
    process.once('exit', () => {
      for (const m of this.members) if (m.child && m.child.exitCode === null) m.child.kill('SIGKILL');
    });
  }

  async add(name: string, role: Member['role']): Promise<Member> {
    const member: Member = { name, role, port: await freePort(), child: undefined, output: [] };
    this.members.push(member);
    return member;
  }

  of(role: Member['role']): Member[] {
    return this.members.filter((m) => m.role === role);
  }

  start(member: Member): void {
    const child = spawn(process.execPath, this.entry, {
      cwd: this.root,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        DOTENV_CONFIG_PATH: '/nonexistent/.env',
        ...this.env,
        PROCESS_ROLE: member.role,
        PORT: String(member.port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') member.output.push(line);
      if (member.output.length > 2000) member.output.splice(0, member.output.length - 2000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    member.child = child;
  }

  async startAll(): Promise<void> {
    for (const member of this.members) this.start(member);
    await Promise.all(this.members.map((m) => this.waitReady(m)));
  }

  async waitReady(member: Member, ms = 60_000): Promise<void> {
    await until(() => isReady(member.port), `${member.name} to be ready`, ms, 100);
  }

  /** SIGKILL: no shutdown at all, as when the machine or the OOM killer takes it. */
  async kill(member: Member): Promise<void> {
    const child = member.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** SIGTERM and the exit code it ended with (null when it had to be killed after `ms`). */
  async terminate(member: Member, ms = 30_000): Promise<number | null> {
    const child = member.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), ms).unref());
    const outcome = await Promise.race([exited, timer]);
    if (outcome === 'late') {
      await this.kill(member);
      return null;
    }
    return outcome;
  }

  async stopAll(): Promise<Record<string, number | null>> {
    const codes: Record<string, number | null> = {};
    await Promise.all(
      this.members.map(async (m) => {
        codes[m.name] = await this.terminate(m);
      }),
    );
    return codes;
  }
}
