// The system's headless Chromium driven through the system's chromedriver with plain WebDriver HTTP calls
// (no npm dependency; nothing downloaded).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './guard.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMEDRIVER = '/usr/bin/chromedriver';

export function browserMissing() {
  return existsSync(CHROMIUM) && existsSync(CHROMEDRIVER) ? false
    : 'Debian packages chromium and chromium-driver are not installed (./test installs them)';
}

/** One headless Chromium; pages choose their language themselves (the stub reads ?lang=). */
export async function startBrowser() {
  const port = await freePort();
  const driver = spawn(CHROMEDRIVER, [`--port=${port}`], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/status`)).ok) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error('chromedriver did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  const call = async (method, path, body) => {
    const response = await fetch(base + path, { method, headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value).slice(0, 500)}`);
    return json.value;
  };
  const profile = mkdtempSync(join(tmpdir(), 'guard-addin-chromium-'));
  const session = await call('POST', '/session', { capabilities: { alwaysMatch: { browserName: 'chrome',
    'goog:chromeOptions': { binary: CHROMIUM, args: ['--headless=new', '--no-sandbox', '--disable-gpu',
      '--disable-dev-shm-usage', '--no-first-run', `--user-data-dir=${profile}`, '--window-size=760,900'] } } } });
  const s = `/session/${session.sessionId}`;
  const element = async (css) => Object.values(await call('POST', `${s}/element`, { using: 'css selector', value: css }))[0];
  return {
    open: (url) => call('POST', `${s}/url`, { url }),
    script: (source, ...args) => call('POST', `${s}/execute/sync`, { script: source, args }),
    async waitFor(source, timeoutMs = 20_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const value = await call('POST', `${s}/execute/sync`, { script: source, args: [] });
        if (value) return value;
        if (Date.now() > end) throw new Error(`timed out waiting for: ${source}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async click(css) {
      await call('POST', `${s}/element/${await element(css)}/click`, {});
    },
    async screenshot() {
      return Buffer.from(await call('GET', `${s}/screenshot`), 'base64');
    },
    async quit() {
      await call('DELETE', s).catch(() => {});
      driver.kill();
    },
  };
}
