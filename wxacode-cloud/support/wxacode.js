'use strict';
// For the tests: a real wxacode server on a free loopback port, with one app seeded, and ways to
// read what the tests get back (zbarimg for codes, the server's own link resolution, image sizes).
const { spawn, execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const APPID = 'wx0c10d0fa3c0de001';
const SECRET = '0123456789abcdef0123456789abcdef';
const PAGES = ['pages/index/index', 'pages/detail/detail'];

/**
 * Starts the server: `java -jar` on WXACODE_JAR when the build gives one (Maven does), else the
 * repository's launcher, which builds it first if needed. Resolves once it listens.
 */
async function startServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxacode-cloud-'));
  const seed = path.join(dir, 'seed.json');
  fs.writeFileSync(seed, JSON.stringify({
    apps: [{ appid: APPID, secret: SECRET, releases: { release: PAGES } }],
  }));
  const adminKey = crypto.randomBytes(24).toString('hex');
  const args = ['serve', '--port', '0', '--data-dir', path.join(dir, 'data'), '--seed', seed];
  const [command, commandArgs] = process.env.WXACODE_JAR
    ? [process.env.JAVA || 'java', ['-jar', process.env.WXACODE_JAR, ...args]]
    : [path.join(REPO, 'wxacode'), args];
  const child = spawn(command, commandArgs, {
    env: {
      ...process.env, WXACODE_ADMIN_KEY: adminKey, WXACODE_MASTER_KEY: crypto.randomBytes(32).toString('base64'),
      WXACODE_AOT: '0', WXACODE_DEMO: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const seen = (chunk) => {
      output += chunk;
      const listening = /listening on (http:\/\/\S+)/.exec(output);
      if (listening) {
        resolve(listening[1]);
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => reject(new Error(`the server stopped (${code}) before it listened:\n${output}`)));
    setTimeout(() => reject(new Error(`the server did not listen within 120 s:\n${output}`)), 120000).unref();
  });
  return {
    url,
    appid: APPID,
    secret: SECRET,
    /** An admin API call; resolves to the parsed answer. */
    async admin(method, route, body) {
      const response = await fetch(url + route, {
        method,
        headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) {
        throw new Error(`${method} ${route}: HTTP ${response.status} ${await response.text()}`);
      }
      return response.json();
    },
    /** A fault rule on this app's calls (docs/testing.md). */
    fault(rule) {
      return this.admin('POST', `/admin/apps/${APPID}/faults`, rule);
    },
    async stop() {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The text of the one QR code in an image, read by ZBar (zbarimg, from zbar-tools). */
function decode(image) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wxacode-scan-')), 'code');
  fs.writeFileSync(file, image);
  try {
    return execFileSync('zbarimg', ['--quiet', '--raw', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      .trim();
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** What a link opens, as the server resolves it: {appid, page, env_version, query, …}. */
async function resolve(link) {
  const response = await fetch(link, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`${link}: HTTP ${response.status}`);
  }
  return response.json();
}

/** Width and height from a JPEG's frame header or a PNG's IHDR. */
function imageSize(image) {
  if (image.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { width: image.readUInt32BE(16), height: image.readUInt32BE(20) };
  }
  if (image[0] !== 0xff || image[1] !== 0xd8) {
    throw new Error('neither a JPEG nor a PNG');
  }
  for (let at = 2; at + 9 < image.length;) {
    const marker = image[at + 1];
    const length = image.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { width: image.readUInt16BE(at + 7), height: image.readUInt16BE(at + 5) };
    }
    at += 2 + length;
  }
  throw new Error('a JPEG without a frame header');
}

/** The function folders this process made, removed when it ends. */
const made = [];
process.once('exit', () => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/**
 * A cloud function's folder whose config.json grants these APIs, made the one init() reads
 * (WXACODE_FUNCTION_DIR); returns the folder.
 */
function functionGranting(apis) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxacode-function-'));
  made.push(dir);
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ permissions: { openapi: apis } }));
  process.env.WXACODE_FUNCTION_DIR = dir;
  return dir;
}

/** Points this process's cloud calls at the server, as a runtime's environment would. */
function useServer(server) {
  Object.assign(process.env, { WXACODE_URL: server.url, WXACODE_APPID: server.appid, WXACODE_SECRET: server.secret });
}

module.exports = { startServer, decode, resolve, imageSize, functionGranting, useServer, APPID };
