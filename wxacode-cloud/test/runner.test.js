'use strict';
// wxacode-cloud run: what it gives a function around the call, and how it ends.
const test = require('node:test');
const { after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { APPID } = require('../support/wxacode');

const RUNNER = path.join(__dirname, '..', 'bin', 'wxacode-cloud.js');

function run(args, env = {}) {
  const result = spawnSync(process.execPath, [RUNNER, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, WXACODE_APPID: APPID, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const made = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A function folder with this index.js and config.json. */
function functionDir(source, config = { permissions: { openapi: [] } }) {
  const dir = tempDir('wxacode-fn-');
  fs.writeFileSync(path.join(dir, 'index.js'), source);
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

test('--help and --version', () => {
  const help = run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: wxacode-cloud run FUNCTION_DIR \[options\]/);
  const version = run(['--version']);
  assert.equal(version.stdout.trim(), require('../package.json').version);
  const wrong = run(['go']);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /^wxacode-cloud: expected: run FUNCTION_DIR/);
});

test('main gets the event with userInfo, a context, and getWXContext names the caller', () => {
  const dir = functionDir(`
    const cloud = require('wx-server-sdk');
    cloud.init();
    exports.main = async (event, context) => ({ event, wx: cloud.getWXContext(), name: context.function_name });`);
  const { code, stdout, stderr } = run(['run', dir, '--event', '{"n":1}', '--openid', 'oCaller']);
  assert.equal(code, 0, stderr);
  assert.deepEqual(JSON.parse(stdout), {
    event: { n: 1, userInfo: { appId: APPID, openId: 'oCaller' } },
    wx: { OPENID: 'oCaller', APPID, ENV: 'local' },
    name: path.basename(dir),
  });
});

test('a function that runs past its timeout is stopped, as in the cloud (config.json\'s timeout, else 3 s)', () => {
  const dir = functionDir('exports.main = () => new Promise(() => setInterval(() => {}, 1000));',
    { timeout: 0.2, permissions: { openapi: [] } });
  const { code, stderr } = run(['run', dir]);
  assert.equal(code, 1);
  assert.match(stderr, /^main threw: main did not finish within 0\.2 s/);

  const slow = functionDir('exports.main = () => new Promise((resolve) => setTimeout(() => resolve(1), 500));',
    { timeout: 0.1, permissions: { openapi: [] } });
  const given = run(['run', slow, '--timeout', '20']);
  assert.equal(given.code, 0, given.stderr);
  assert.equal(given.stdout.trim(), '1');
});

test('each Buffer is saved under a name made of its keys, inside the folder; cycles are shown as such', () => {
  const dir = functionDir(`
    exports.main = () => {
      const result = { contentType: 'image/png', buffer: Buffer.from('png'), '../../escape': Buffer.from('x') };
      result.self = result;
      return result;
    };`);
  const saveDir = tempDir('wxacode-save-');
  const { code, stdout, stderr } = run(['run', dir, '--save', saveDir]);
  assert.equal(code, 0, stderr);
  assert.deepEqual(JSON.parse(stdout), {
    contentType: 'image/png',
    buffer: { type: 'Buffer', bytes: 3, saved: path.join(saveDir, 'buffer.png') },
    '../../escape': { type: 'Buffer', bytes: 1, saved: path.join(saveDir, '______escape.png') },
    self: '[Circular]',
  });
  assert.deepEqual(fs.readdirSync(saveDir).sort(), ['______escape.png', 'buffer.png']);
});

test('a missing event file or an event that is not an object is a usage error', () => {
  const dir = functionDir('exports.main = () => 1;');
  const missing = run(['run', dir, '--event-file', path.join(dir, 'none.json')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^wxacode-cloud: cannot read .*none\.json as JSON: ENOENT/);
  const number = run(['run', dir, '--event', '5']);
  assert.equal(number.code, 2);
  assert.equal(number.stderr.trim(), 'wxacode-cloud: the event must be a JSON object');
});

test('what main throws is printed with exit code 1; a folder without main is named', () => {
  const throwing = functionDir(`
    const cloud = require('wx-server-sdk');
    cloud.init();
    exports.main = () => cloud.openapi.wxacode.getUnlimited({ scene: 'a' });`);
  const denied = run(['run', throwing]);
  assert.equal(denied.code, 1);
  const [first, ...rest] = denied.stderr.split('\n');
  assert.equal(first, 'main threw: errCode: -604101 function has no permission to call this API'
    + ' | errMsg: system error: error code: -604101');
  assert.match(rest.join('\n'), new RegExp('WXACODE_CLOUD_PERMISSIONS\\] Warning: wxacode\\.getUnlimited is not in '
    + `the openapi permissions of ${path.join(throwing, 'config.json')}`), 'the warning says which config.json was read');

  const empty = functionDir('exports.handler = () => 1;');
  const none = run(['run', empty]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /exports no main function/);
});
