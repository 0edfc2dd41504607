// Runs every test/*.test.mjs with Node's test runner, one file at a time (each starts its own guard).
// Used by `npm test` and by Maven (guard-thunderbird/pom.xml, phase integration-test).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const files = readdirSync(join(root, 'test')).filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o))).sort().map((f) => join('test', f));
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
