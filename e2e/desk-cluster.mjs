// A desk for the end-to-end tests and `make bench-desk`: a throwaway
// PostgreSQL cluster (scripts/postgres.sh) and N instances of the desk
// server on free loopback ports, all on one database.
//
//   const desk = await startDesk({ instances: 2, corsOrigin: '*' });
//   const token = await desk.token('metro', 'Ana', 'editor');
//   desk.servers[0].url            // http://127.0.0.1:PORT
//   await desk.servers[0].kill('SIGKILL'); await desk.servers[0].start();
//   await desk.restartPostgres();
//   await desk.stop();             // always, in an after() hook
//
// The server binary is target/debug/claimmark-server unless
// CLAIMMARK_SERVER_BIN names another (the benchmark uses the release build).

import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from './engines/webdriver.mjs';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const POSTGRES = path.join(ROOT, 'scripts/postgres.sh');

export function serverBinary() {
  const bin = process.env.CLAIMMARK_SERVER_BIN || path.join(ROOT, 'target/debug/claimmark-server');
  if (!existsSync(bin)) {
    throw new Error(`no desk server to test: ${path.relative(ROOT, bin)} is missing (cargo build -p claimmark-server)`);
  }
  return bin;
}

async function waitHealthy(url, child, deadline = Date.now() + 20_000) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the desk server exited (${child.exitCode}) before it was ready`);
    try {
      const answer = await fetch(`${url}/healthz`);
      if (answer.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the desk server at ${url} did not become healthy`);
}

/** One server instance; start() again after kill() reuses its port. */
class Instance {
  constructor(databaseUrl, port, options) {
    this.databaseUrl = databaseUrl;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.options = options;
    this.child = null;
    this.log = [];
  }

  async start() {
    const args = ['--database', this.databaseUrl, '--listen', `127.0.0.1:${this.port}`];
    if (this.options.corsOrigin) args.push('--cors-origin', this.options.corsOrigin);
    if (this.options.rate) args.push('--rate', String(this.options.rate));
    this.child = spawn(serverBinary(), args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, RUST_LOG: 'warn' } });
    this.child.stderr.on('data', (chunk) => {
      this.log.push(String(chunk));
      if (this.log.length > 200) this.log.shift();
    });
    await waitHealthy(this.url, this.child);
  }

  /** Kills the process; SIGKILL leaves no chance to finish anything. */
  async kill(signal = 'SIGTERM') {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  /** Resident memory in KiB (Linux /proc), or null. */
  async rssKiB() {
    try {
      const { stdout } = await run('ps', ['-o', 'rss=', '-p', String(this.child.pid)]);
      return Number(stdout.trim()) || null;
    } catch {
      return null;
    }
  }
}

export async function startDesk({ instances = 1, corsOrigin = '*', rate = 1000 } = {}) {
  const pgDir = mkdtempSync(path.join(os.tmpdir(), 'claimmark-desk-'));
  const { stdout } = await run(POSTGRES, ['start', pgDir]);
  const databaseUrl = stdout.trim();
  const servers = [];
  const desk = {
    databaseUrl,
    servers,
    async token(deskName, name, role) {
      const { stdout: token } = await run(serverBinary(), ['--database', databaseUrl, 'token', 'create', '--desk', deskName, '--name', name, '--role', role], { env: { ...process.env, RUST_LOG: 'warn' } });
      return token.trim();
    },
    async publish(deskName, doc) {
      await run(serverBinary(), ['--database', databaseUrl, 'article', 'publish', '--desk', deskName, '--doc', doc], { env: { ...process.env, RUST_LOG: 'warn' } });
    },
    async restartPostgres() {
      await run(POSTGRES, ['restart', pgDir]);
    },
    async stop() {
      await Promise.all(servers.map((s) => s.kill('SIGTERM').catch(() => {})));
      await run(POSTGRES, ['stop', pgDir]).catch(() => {});
    },
  };
  try {
    for (let i = 0; i < instances; i += 1) {
      const instance = new Instance(databaseUrl, await freePort(), { corsOrigin, rate });
      await instance.start();
      servers.push(instance);
    }
  } catch (error) {
    await desk.stop();
    throw error;
  }
  return desk;
}
