'use strict';
// What needs no server: the renaming of fields, the error's shape, the checks made before a call.
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { toWire, fromWire } = require('../lib/names');
const { CloudSDKError, CODES, refused, runtime } = require('../lib/errors');

test('camelCase fields become snake_case at every depth, values untouched', () => {
  const image = Buffer.from([1, 2, 3]);
  const wire = toWire({
    jumpWxa: { path: 'pages/a/a', envVersion: 'trial' },
    isExpire: true,
    lineColor: { r: 1, g: 2, b: 3 },
    check_path: false,
    list: [{ pageUrl: 'x' }],
    File: image,
  });
  assert.deepEqual(wire, {
    jump_wxa: { path: 'pages/a/a', env_version: 'trial' },
    is_expire: true,
    line_color: { r: 1, g: 2, b: 3 },
    check_path: false,
    list: [{ page_url: 'x' }],
    file: image,
  });
  assert.equal(wire.file, image, 'a Buffer is passed as it is');
});

test('a field given in both forms: the later wins, as in the cloud', () => {
  assert.deepEqual(toWire({ isHyaline: true, is_hyaline: false }), { is_hyaline: false });
  assert.deepEqual(toWire({ is_hyaline: false, isHyaline: true }), { is_hyaline: true });
});

test('snake_case answers become camelCase at every depth', () => {
  assert.deepEqual(fromWire({ scheme_info: { create_time: 1, env_version: 'release' }, visit_openid: 'o', key_1: 2 }),
    { schemeInfo: { createTime: 1, envVersion: 'release' }, visitOpenid: 'o', key_1: 2 });
});

test('a cloud error is an Error whose own fields are errCode and errMsg', () => {
  const error = refused('wxacode.getUnlimited', 40169, 'invalid length for scene, or the data is not json string rid: 1-2-3');
  assert.ok(error instanceof Error);
  assert.ok(error instanceof CloudSDKError);
  assert.deepEqual(Object.keys(error), ['errCode', 'errMsg']);
  assert.equal(JSON.stringify(error),
    '{"errCode":40169,"errMsg":"openapi.wxacode.getUnlimited:fail invalid length for scene, or the data is not json string rid: 1-2-3"}');
  assert.equal(error.message,
    'errCode: 40169  | errMsg: openapi.wxacode.getUnlimited:fail invalid length for scene, or the data is not json string rid: 1-2-3');
  error.message = 'changed';
  assert.equal(error.errMsg, 'changed');
  assert.match(String(error), /^CloudSDKError: errCode: 40169 {2}\| errMsg: changed$/);
});

test('the runtime\'s own refusals carry its words and no API name', () => {
  const error = runtime(CODES.NO_PERMISSION);
  assert.equal(error.errMsg, 'system error: error code: -604101');
  assert.equal(error.message,
    'errCode: -604101 function has no permission to call this API | errMsg: system error: error code: -604101');
  assert.equal(runtime(CODES.API_NOT_FOUND).message, 'errCode: -604100 API not found | errMsg: system error: error code: -604100');
});

test('a call before init() throws at once, as the runtime does', () => {
  const script = `
    const cloud = require(${JSON.stringify(path.resolve(__dirname, '..'))});
    try { cloud.openapi.wxacode.getUnlimited({ scene: 'a' }); console.log('no throw'); }
    catch (e) { console.log(e.message); }`;
  assert.equal(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim(),
    'cloud.init() must run before the first cloud API call, as with wx-server-sdk');
});

test('the real SDK\'s other members say they are not offered', () => {
  const cloud = require('..');
  assert.throws(() => cloud.database(), /cloud\.database is not part of wxacode-cloud/);
  assert.throws(() => cloud.callFunction({ name: 'x' }), /cloud\.callFunction is not part of wxacode-cloud/);
  assert.throws(() => cloud.cloudPay.unifiedOrder({}), /cloud\.cloudPay\.unifiedOrder is not part of wxacode-cloud/);
});

test('cloud.openapi(options) takes an object; namespaces are neither thenable nor serialised', async () => {
  const cloud = require('..');
  assert.throws(() => cloud.openapi('wx1'), TypeError);
  const namespace = cloud.openapi.wxacode;
  assert.equal(namespace.then, undefined);
  assert.equal(typeof (await namespace).getUnlimited, 'function');
  assert.equal(JSON.stringify({ api: cloud.openapi.wxacode }), '{"api":{}}');
  assert.equal(namespace.caller, undefined);
  assert.equal(namespace.arguments, undefined);
});

test('a name gives the same object each time, so a test can stub an API on it', async () => {
  const cloud = require('..');
  assert.equal(cloud.openapi.wxacode, cloud.openapi.wxacode);
  assert.equal(cloud.openapi.wxacode.getUnlimited, cloud.openapi.wxacode.getUnlimited);
  const real = cloud.openapi.wxacode.getUnlimited;
  cloud.openapi.wxacode.getUnlimited = async () => ({ errCode: 0, stubbed: true });
  try {
    assert.deepEqual(await cloud.openapi.wxacode.getUnlimited({ scene: 'a' }), { errCode: 0, stubbed: true });
  } finally {
    cloud.openapi.wxacode.getUnlimited = real;
  }
  assert.equal(cloud.openapi.wxacode.getUnlimited, real);
});

test('getWXContext reads what WX_CONTEXT_KEYS lists, without the WX_ prefix', () => {
  const script = `
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID,WX_API_TOKEN,WX_CLIENTIP';
    Object.assign(process.env, { WX_OPENID: 'oAbc', WX_APPID: 'wx1', WX_API_TOKEN: 'secret', WX_CLIENTIP: '12', TCB_ENV: 'dev-1' });
    delete process.env.WX_UNIONID;
    console.log(JSON.stringify(require(${JSON.stringify(path.resolve(__dirname, '..'))}).getWXContext()));`;
  assert.deepEqual(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: {} })),
    { OPENID: 'oAbc', APPID: 'wx1', CLIENTIP: 12, ENV: 'dev-1' });
});
