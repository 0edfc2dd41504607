// Runs every test/*.test.mjs with Node's test runner, one file at a time, against ONE guard (the
// packaged jar) started here for all of them; the dialog test's page origin is allowed by its CORS.
// Used by `npm test` and by Maven (guard-thunderbird/pom.xml, phase integration-test).
// Arguments filter the test files by name: node scripts/run-tests.mjs logic dialog
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, guardJar, launchGuard } from '../test/support/guard.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const files = readdirSync(join(root, 'test')).filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o))).sort().map((f) => join('test', f));

const env = { ...process.env };
let guard = null;
if (guardJar()) {
  const pagePort = await freePort();
  guard = await launchGuard({ allowedOrigins: [`http://127.0.0.1:${pagePort}`] });
  env.GUARD_SHARED = guard.describe();
  env.ADDIN_PAGE_PORT = String(pagePort);
}
let status;
try {
  status = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
    { cwd: root, stdio: 'inherit', env }).status ?? 1;
} finally {
  await guard?.stop();
}
process.exit(status);
