'use strict';
// wxacode-cloud run: what it gives a function around the call, and how it ends.
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const RUNNER = path.join(__dirname, '..', 'bin', 'wxacode-cloud.js');

function run(args, env = {}) {
  const result = spawnSync(process.execPath, [RUNNER, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, WXACODE_APPID: 'wx0c10d0fa3c0de001', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A function folder with this index.js and config.json. */
function functionDir(source, config = { permissions: { openapi: [] } }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxacode-fn-'));
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
    event: { n: 1, userInfo: { appId: 'wx0c10d0fa3c0de001', openId: 'oCaller' } },
    wx: { OPENID: 'oCaller', APPID: 'wx0c10d0fa3c0de001', ENV: 'local' },
    name: path.basename(dir),
  });
});

test('a function that runs past its timeout is stopped, as in the cloud (config.json\'s timeout, else 3 s)', () => {
  const dir = functionDir('exports.main = () => new Promise(() => setInterval(() => {}, 1000));',
    { timeout: 0.2, permissions: { openapi: [] } });
  const { code, stderr } = run(['run', dir]);
  assert.equal(code, 1);
  assert.match(stderr, /^main threw: main did not finish within 0\.2 s/);
});

test('what main throws is printed with exit code 1; a folder without main is named', () => {
  const throwing = functionDir(`
    const cloud = require('wx-server-sdk');
    cloud.init();
    exports.main = () => cloud.openapi.wxacode.getUnlimited({ scene: 'a' });`);
  const denied = run(['run', throwing]);
  assert.equal(denied.code, 1);
  assert.equal(denied.stderr.trim(), 'main threw: errCode: -604101 function has no permission to call this API'
    + ' | errMsg: system error: error code: -604101');

  const empty = functionDir('exports.handler = () => 1;');
  const none = run(['run', empty]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /exports no main function/);
});
