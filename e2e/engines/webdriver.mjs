// A small W3C WebDriver client (plain HTTP) for the engines Playwright
// cannot drive here: Debian's Firefox ESR through geckodriver, and WebKit
// (Safari's engine, WebKitGTK's MiniBrowser) through WebKitWebDriver under
// Xvfb. Each driver — and Xvfb — is started on a free loopback port or
// display and stopped by `stop()`, which the tests call in `after()`, so
// nothing is left running when a test fails.

import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
/** WebDriver's codes for the keys the tests press. */
export const KEY = { Tab: '\uE004', Enter: '\uE007', Escape: '\uE00C' };

/** The first of `names` found on PATH, or null. */
export function which(...names) {
  for (const name of names) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
    } catch {
      // not on PATH; try the next
    }
  }
  return null;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts `command` and waits until `ready()` resolves true (or fails after 20 s). */
async function startProcess(command, args, env, ready) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command} exited (${child.exitCode}): ${stderr}`);
    if (await ready().catch(() => false)) return child;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`${command} did not start within 20 s: ${stderr}`);
}

/** The MiniBrowser that WebKitWebDriver drives (WebKitGTK's, any architecture). */
function miniBrowser() {
  const lib = execFileSync('sh', ['-c', 'ls -d /usr/lib/*/webkit2gtk-4.1 2>/dev/null || true'], { encoding: 'utf8' }).trim().split('\n')[0];
  const binary = lib && `${lib}/MiniBrowser`;
  return binary && existsSync(binary) ? binary : null;
}

/**
 * The engines this machine has, each `{ name, start() }`; `start()`
 * resolves to a driver `{ url, capabilities, stop() }`. An engine whose
 * programs are missing is listed with `missing` (scripts/setup.sh --test
 * installs them).
 */
export function engines() {
  const firefox = which('firefox-esr', 'firefox');
  const gecko = which('geckodriver');
  const webkitDriver = which('WebKitWebDriver');
  const xvfb = which('Xvfb');
  const mini = miniBrowser();
  return [
    {
      name: 'Firefox ESR',
      missing: !firefox || !gecko ? 'firefox-esr and geckodriver' : null,
      async start() {
        const port = await freePort();
        const url = `http://127.0.0.1:${port}`;
        const driver = await startProcess(gecko, ['--port', String(port), '--host', '127.0.0.1'], {}, async () => (await fetch(`${url}/status`)).ok);
        return {
          url,
          capabilities: { browserName: 'firefox', 'moz:firefoxOptions': { binary: firefox, args: ['-headless', '-width', '1280', '-height', '900'] } },
          stop: () => driver.kill('SIGTERM'),
        };
      },
    },
    {
      name: 'WebKit',
      missing: !webkitDriver || !xvfb || !mini ? 'webkit2gtk-driver and xvfb' : null,
      async start() {
        const display = `:${90 + Math.floor(Math.random() * 400)}`;
        const x = await startProcess(xvfb, [display, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], {}, async () =>
          existsSync(`/tmp/.X11-unix/X${display.slice(1)}`),
        );
        const port = await freePort();
        const url = `http://127.0.0.1:${port}`;
        let driver;
        try {
          driver = await startProcess(webkitDriver, [`--port=${port}`], { DISPLAY: display }, async () => (await fetch(`${url}/status`)).ok);
        } catch (error) {
          x.kill('SIGTERM');
          throw error;
        }
        return {
          url,
          capabilities: { 'webkitgtk:browserOptions': { binary: mini, args: ['--automation'] } },
          stop: () => {
            driver.kill('SIGTERM');
            x.kill('SIGTERM');
          },
        };
      },
    },
  ];
}

/** One browser session. */
export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(driver) {
    const response = await fetch(`${driver.url}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ capabilities: { alwaysMatch: driver.capabilities } }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`new session: ${JSON.stringify(body.value)}`);
    return new Session(driver.url, body.value.sessionId);
  }

  async cmd(method, path, body) {
    const response = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    return json.value;
  }

  goto(url) {
    return this.cmd('POST', '/url', { url });
  }

  /** Runs `fn` (a function's source) in the page with `args`; returns its value. */
  run(fn, ...args) {
    return this.cmd('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1]; Promise.resolve((${fn})(...Array.from(arguments).slice(0, -1))).then(done, (e) => done({ error: String(e) }));`,
      args,
    });
  }

  async find(css) {
    const found = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return found.map((e) => e[ELEMENT]);
  }

  click(element) {
    return this.cmd('POST', `/element/${element}/click`, {});
  }

  css(element, property) {
    return this.cmd('GET', `/element/${element}/css/${property}`);
  }

  attribute(element, name) {
    return this.cmd('GET', `/element/${element}/attribute/${name}`);
  }

  async active() {
    return (await this.cmd('GET', '/element/active'))[ELEMENT];
  }

  /** Presses each key in turn (characters or KEY codes). */
  keys(...keys) {
    const actions = keys.flatMap((value) => [{ type: 'keyDown', value }, { type: 'keyUp', value }]);
    return this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }

  /** A mouse click (a tap) at viewport point (x, y). */
  clickAt(x, y) {
    return this.cmd('POST', '/actions', {
      actions: [{
        type: 'pointer',
        id: 'mouse',
        parameters: { pointerType: 'mouse' },
        actions: [
          { type: 'pointerMove', origin: 'viewport', x: Math.round(x), y: Math.round(y) },
          { type: 'pointerDown', button: 0 },
          { type: 'pointerUp', button: 0 },
        ],
      }],
    });
  }

  /** Waits until `fn` run in the page returns something truthy (10 s). */
  async until(fn, message, ...args) {
    const deadline = Date.now() + 10_000;
    let last;
    while (Date.now() < deadline) {
      last = await this.run(fn, ...args).catch((e) => ({ error: String(e) }));
      if (last && !last.error) return last;
      await sleep(100);
    }
    throw new Error(`${message} (last: ${JSON.stringify(last)})`);
  }

  quit() {
    return fetch(`${this.base}/session/${this.id}`, { method: 'DELETE' }).catch(() => {});
  }
}
