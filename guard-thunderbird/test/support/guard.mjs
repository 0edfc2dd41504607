// The packaged guard jar started for the add-in's tests: demo mode (delivered mail lands in
// <data>/outbox as .eml files), the bundled demo directory, an add-in account with role CLIENT and an
// auditor to read the decision log.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const PASSWORD = 'addin-test-password';
const HASH = '$2a$04$yLiilCYIfnLzcD85EAZ/k.cfF.P2a7AId8ZUnChDrbRkvC4e0qqi6'; // bcrypt of PASSWORD, cost 4

/** The packaged jar: $GUARD_JAR, else guard-app/target/guard-app-*.jar; null when not built. */
export function guardJar() {
  if (process.env.GUARD_JAR) return process.env.GUARD_JAR;
  const target = resolve(here, '..', '..', '..', 'guard-app', 'target');
  if (!existsSync(target)) return null;
  const jar = readdirSync(target).find((f) => /^guard-app-.*\.jar$/.test(f) && !f.endsWith('-sources.jar'));
  return jar ? join(target, jar) : null;
}

export function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/**
 * The guard for a test file: the one scripts/run-tests.mjs started for all files (GUARD_SHARED, a JSON
 * description; its stop() does nothing), else a fresh one.
 * @param {{allowedOrigins?: string[]}} options
 */
export async function startGuard(options = {}) {
  if (process.env.GUARD_SHARED) {
    const shared = JSON.parse(process.env.GUARD_SHARED);
    return handle({ ...shared, child: null });
  }
  return launchGuard(options);
}

/**
 * Starts the packaged jar; resolves when /actuator/health is UP.
 * @param {{allowedOrigins?: string[], args?: string[]}} options
 */
export async function launchGuard({ allowedOrigins = [], args = [] } = {}) {
  const jar = guardJar();
  if (!jar) throw new Error('guard-app jar not built: run mvn package first (or set GUARD_JAR)');
  const data = mkdtempSync(join(tmpdir(), 'guard-addin-'));
  const [smtpPort, webPort] = [await freePort(), await freePort()];
  const command = [
    '-Xmx384m', '-XX:TieredStopAtLevel=1', '-jar', jar,
    `--guard.data-dir=${data}`, `--guard.smtp.port=${smtpPort}`, `--server.port=${webPort}`,
    '--guard.internal-domains=example.co.jp',
    '--guard.audit.users[0].name=addin', `--guard.audit.users[0].password-hash=${HASH}`,
    '--guard.audit.users[0].roles[0]=CLIENT',
    '--guard.audit.users[1].name=auditor', `--guard.audit.users[1].password-hash=${HASH}`,
    '--guard.audit.users[1].roles[0]=AUDITOR',
    ...allowedOrigins.map((o, i) => `--guard.client.allowed-origins[${i}]=${o}`),
    ...args,
  ];
  const child = spawn(process.env.JAVA ?? 'java', command, { stdio: ['ignore', 'pipe', 'pipe'] });
  process.once('exit', () => child.kill('SIGKILL')); // never outlive the test process
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${webPort}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`guard exited ${child.exitCode}:\n${log}`);
    try {
      const health = await fetch(`${url}/actuator/health`);
      if (health.ok) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`guard did not start in 120 s:\n${log.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return handle({ url, smtpPort, data, allowedOrigins, child });
}

function handle({ url, smtpPort, data, allowedOrigins = [], child }) {
  return {
    url, smtpPort, data, allowedOrigins, username: 'addin', password: PASSWORD,
    /** What another process needs to use this guard (GUARD_SHARED). */
    describe: () => JSON.stringify({ url, smtpPort, data, allowedOrigins }),
    /** Texts of the .eml files in the demo outbox. */
    outbox() {
      const dir = join(data, 'outbox');
      return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.eml'))
        .map((f) => readFileSync(join(dir, f), 'utf8')) : [];
    },
    /** The decision log as the auditor's API gives it (JSON text), optionally filtered (e.g. recipient=). */
    async decisionLog(filter = '') {
      const auth = Buffer.from(`auditor:${PASSWORD}`).toString('base64');
      const response = await fetch(`${url}/api/v1/audit/entries?size=500&${filter}`,
        { headers: { Authorization: `Basic ${auth}` } });
      return response.text();
    },
    async stop() {
      if (child && child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
}

/** Polls until fn() is truthy; throws after timeoutMs. */
export async function eventually(fn, timeoutMs = 30_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
