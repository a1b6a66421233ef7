/** The tests' Bot API peer is the product's own sandbox (src/telegram/sandbox): one implementation serves both. */
export * from '../../../src/telegram/sandbox/server.js';
export {
  BotApiSandbox as FakeTelegram,
  SandboxBot as FakeBot,
} from '../../../src/telegram/sandbox/server.js';
