'use strict';
// The other cloud calls wxacode answers: wxacode.get and createQRCode (images), URL Scheme, URL
// Link and Short Link (JSON, given back in camelCase).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const wxacode = require('../support/wxacode');

let server;
let cloud;

before(async () => {
  server = await wxacode.startServer();
  wxacode.useServer(server);
  wxacode.functionGranting(['wxacode.get', 'wxacode.createQRCode', 'urlscheme.generate', 'urlscheme.query',
    'urllink.generate', 'urllink.query', 'shortlink.generate']);
  require('../register');
  cloud = require('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
});

after(() => server.stop());

/** No key of a JSON answer, at any depth, is left in snake_case. */
function assertCamelCase(value, where = 'result') {
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      assert.doesNotMatch(key, /_[a-z]/, `${where}.${key}`);
      assertCamelCase(item, `${where}.${key}`);
    }
  }
}

test('wxacode.get: a code for a path, whose page receives the query', async () => {
  const result = await cloud.openapi.wxacode.get({ path: 'pages/detail/detail?id=7', width: 280 });
  assert.deepEqual([result.errCode, result.errMsg, result.contentType], [0, 'openapi.wxacode.get:ok', 'image/jpeg']);
  assert.deepEqual(wxacode.imageSize(result.buffer), { width: 280, height: 280 });
  const link = await wxacode.resolve(wxacode.decode(result.buffer));
  assert.equal(link.page, 'pages/detail/detail');
  assert.equal(link.query.id, '7');
});

test('wxacode.createQRCode: a plain code for a path', async () => {
  const result = await cloud.openapi.wxacode.createQRCode({ path: 'pages/index/index?from=qr', width: 430 });
  assert.deepEqual([result.errCode, result.errMsg, result.contentType],
    [0, 'openapi.wxacode.createQRCode:ok', 'image/jpeg']);
  assert.deepEqual(wxacode.imageSize(result.buffer), { width: 430, height: 430 });
  const link = await wxacode.resolve(wxacode.decode(result.buffer));
  assert.equal(link.page, 'pages/index/index');
  assert.equal(link.query.from, 'qr');
});

test('urlscheme.generate and query: nested camelCase fields in, camelCase answers out', async () => {
  const generated = await cloud.openapi.urlscheme.generate({
    jumpWxa: { path: 'pages/detail/detail', query: 'id=9', envVersion: 'release' },
    isExpire: true,
    expireType: 1,
    expireInterval: 5,
  });
  assert.deepEqual(Object.keys(generated), ['openlink', 'errMsg', 'errCode']);
  assert.match(generated.openlink, /^weixin:\/\/dl\/business\/\?t=\w+$/);
  assert.equal(generated.errMsg, 'openapi.urlscheme.generate:ok');

  const found = await cloud.openapi.urlscheme.query({ scheme: generated.openlink });
  assertCamelCase(found);
  const info = found.schemeInfo;
  assert.deepEqual({ ...info, createTime: 0, expireTime: 0 }, {
    appid: server.appid, path: 'pages/detail/detail', query: 'id=9', envVersion: 'release', createTime: 0, expireTime: 0,
  });
  assert.equal(info.expireTime - info.createTime, 5 * 86400, 'expireInterval reached the server as expire_interval');
  assert.equal(found.errMsg, 'openapi.urlscheme.query:ok');
});

test('urllink.generate and query', async () => {
  const generated = await cloud.openapi.urllink.generate({ path: 'pages/detail/detail', query: 'id=3', envVersion: 'release' });
  assert.equal(generated.errMsg, 'openapi.urllink.generate:ok');
  const opened = await wxacode.resolve(generated.urlLink);
  assert.equal(opened.page, 'pages/detail/detail');
  assert.equal(opened.query.id, '3');

  const found = await cloud.openapi.urllink.query({ urlLink: generated.urlLink });
  assertCamelCase(found);
  assert.equal(found.urlLinkInfo.path, 'pages/detail/detail');
  assert.equal(found.urlLinkInfo.query, 'id=3');
});

test('shortlink.generate', async () => {
  const result = await cloud.openapi.shortlink.generate({ pageUrl: 'pages/detail/detail?id=3', pageTitle: 'Item', isPermanent: false });
  assert.equal(result.errMsg, 'openapi.shortlink.generate:ok');
  assert.match(result.link, new RegExp(`^#小程序://${server.appid}/Item/\\w+$`));
});

test('a refused JSON call throws as a refused image call does', async () => {
  const refused = await cloud.openapi.urlscheme.generate({ jumpWxa: { path: 'pages/none/none', query: '' } }).catch((e) => e);
  assert.equal(refused.errCode, 40165);
  assert.match(refused.errMsg, /^openapi\.urlscheme\.generate:fail invalid weapp pagepath rid: \S+$/);
  const unknown = await cloud.openapi.urllink.query({ urlLink: 'https://wxaurl.cn/nothing' }).catch((e) => e);
  assert.equal(unknown.errCode, 85403);
  assert.match(unknown.errMsg, /^openapi\.urllink\.query:fail /);
});
