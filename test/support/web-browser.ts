import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestApp, LOOSE_LIMITS, type TestApp, type TestAppOptions } from './app.js';
import { DEMO_PASSWORD, demoPhone } from './demo.js';
import { RecordingEmail, RecordingSms } from './doubles.js';

/*
 * The web cabinet's end-to-end world: the real build (web/dist, built first when stale) served by the real app on
 * PostgreSQL, Debian's headless Chromium driven by playwright-core, screenshots in test-results/screenshots, and an
 * axe-core check of the page as it stands.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-results/screenshots');
export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1440, height: 900 } as const;

export interface WebWorld {
  t: TestApp;
  browser: Browser;
  /** Every SMS the app sent; `sms.code(phone)` is the last code sent to a phone. */
  sms: RecordingSms;
  /** Every e-mail the app sent; `email.code(address)` is the last code sent to an address. */
  email: RecordingEmail;
  close(): Promise<void>;
}

/** Builds the cabinet if stale (the browser tests run against `web/dist`); returns its folder. */
export function buildWeb(): string {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `this test needs Chromium at ${CHROMIUM} (apt-get install -y chromium; .ci/run installs it)`,
    );
  const build = spawnSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'scripts/build-web.ts', '--if-stale'],
    {
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) throw new Error('the web build failed');
  mkdirSync(SCREENSHOTS, { recursive: true });
  console.log(`screenshots: ${SCREENSHOTS}`);
  return join(process.cwd(), 'web/dist');
}

/** Debian's headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Builds the cabinet if stale, starts the app with it and launches Chromium. */
export async function startWebWorld(options: TestAppOptions = {}): Promise<WebWorld> {
  const webDir = buildWeb();
  const sms = new RecordingSms();
  const email = new RecordingEmail();
  const t = await createTestApp({
    webDir,
    ...options,
    overrides: { sms, email, limits: LOOSE_LIMITS, ...options.overrides },
  });
  // The outbox relay and delivery workers: in-app notices reach the cabinet as they would in `npm start`.
  await t.container.notifications.start();
  const browser = await launchChromium();
  return {
    t,
    browser,
    sms,
    email,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/** Console errors and uncaught errors (CSP violations among them): the cabinet must run without either. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

/**
 * A fresh browser context at `path`, signed in as `login` (the sign-in screen comes first and returns there), with
 * its console watched. Close it with `page.context().close()`.
 */
export async function openSignedIn(
  world: WebWorld,
  path: string,
  login: string,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<{ page: Page; problems: string[] }> {
  const context = await world.browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = watchForProblems(page);
  await page.goto(`${world.t.base}${path}`);
  await signIn(page, world.sms, login);
  return { page, problems };
}

/** Password, then the code from the SMS, on the sign-in screen the page is showing (Russian texts). */
export async function signIn(page: Page, sms: RecordingSms, login: string): Promise<void> {
  await page.getByLabel(/^Электронная почта или телефон/).fill(login);
  await page.getByLabel(/^Пароль/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: 'Код подтверждения' }).waitFor();
  await page.getByLabel(/^Код из 6 цифр/).fill(sms.code(demoPhone(login)));
  await page.getByRole('button', { name: 'Подтвердить' }).click();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * The serious and critical accessibility violations axe-core finds on the page as it stands (WCAG 2.1 A/AA rules).
 * axe is evaluated through DevTools, so the cabinet's strict CSP stays on.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(options: unknown): Promise<unknown> } }).axe;
    const result = (await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[]; any: { message: string }[] }[];
      }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.any[0]?.message ?? ''}`.trim()),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
