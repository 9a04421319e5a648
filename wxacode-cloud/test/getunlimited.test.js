'use strict';
// cloud.openapi.wxacode.getUnlimited against a real wxacode: the example cloud function run as it
// is, what comes back decoded, and every way a call fails.
const { test, before, after, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const wxacode = require('../support/wxacode');

const EXAMPLE = path.join(__dirname, '..', 'examples', 'makeCode');
const RUNNER = path.join(__dirname, '..', 'bin', 'wxacode-cloud.js');
let server;
let cloud;

before(async () => {
  server = await wxacode.startServer();
  wxacode.useServer(server);
  require('../register');
  cloud = require('wx-server-sdk');
});

after(() => server.stop());

// Each test starts from the server's credentials; one that needs a function folder makes its own.
beforeEach(() => wxacode.useServer(server));

/** Calls getUnlimited from a function granted exactly these APIs; resolves to what it throws. */
async function refusal(apis, params, options) {
  wxacode.functionGranting(apis);
  cloud.init(options);
  return cloud.openapi.wxacode.getUnlimited(params).then(
    (result) => assert.fail(`expected a refusal, got ${JSON.stringify(result)}`),
    (error) => error,
  );
}

/** The code's link, read by ZBar, as the server resolves it. */
async function opened(image) {
  return wxacode.resolve(wxacode.decode(image));
}

test('the example function, loaded as it is, returns a code that opens its page with the scene', async () => {
  delete process.env.WXACODE_FUNCTION_DIR; // its config.json is found beside the file that calls init()
  const { main } = require(EXAMPLE);
  const result = await main({ productId: 42 });
  assert.deepEqual(Object.keys(result), ['contentType', 'buffer', 'errMsg', 'errCode']);
  assert.equal(result.errCode, 0);
  assert.equal(result.errMsg, 'openapi.wxacode.getUnlimited:ok');
  assert.equal(result.contentType, 'image/jpeg');
  assert.ok(Buffer.isBuffer(result.buffer));
  assert.deepEqual(wxacode.imageSize(result.buffer), { width: 430, height: 430 });
  const link = await opened(result.buffer);
  assert.equal(link.appid, server.appid);
  assert.equal(link.page, 'pages/detail/detail');
  assert.equal(link.env_version, 'release');
  assert.equal(link.query.scene, 'id%3D42');
});

test('wxacode-cloud run invokes the function as the runtime would and saves the image', async () => {
  const saveDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxacode-run-'));
  const { stdout } = await new Promise((resolve, reject) => {
    execFile(process.execPath, [RUNNER, 'run', EXAMPLE, '--event', '{"productId":7}', '--save', saveDir,
      '--timeout', '60'],
    (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve({ stdout: out })));
  });
  const file = path.join(saveDir, 'buffer.jpg');
  try {
    assert.deepEqual(JSON.parse(stdout), {
      contentType: 'image/jpeg',
      buffer: { type: 'Buffer', bytes: fs.statSync(file).size, saved: file },
      errMsg: 'openapi.wxacode.getUnlimited:ok',
      errCode: 0,
    });
    assert.equal((await opened(fs.readFileSync(file))).query.scene, 'id%3D7');
  } finally {
    fs.rmSync(saveDir, { recursive: true, force: true });
  }
});

test('camelCase and snake_case fields both reach the server: a transparent code is a PNG of the width', async () => {
  wxacode.functionGranting(['wxacode.getUnlimited']);
  cloud.init();
  for (const params of [{ scene: 'a=1', isHyaline: true, width: 280 }, { scene: 'a=1', is_hyaline: true, width: 280 }]) {
    const result = await cloud.openapi.wxacode.getUnlimited(params);
    assert.equal(result.contentType, 'image/png');
    assert.deepEqual(wxacode.imageSize(result.buffer), { width: 280, height: 280 });
    const link = await opened(result.buffer);
    assert.equal(link.page, 'pages/index/index');
    assert.equal(link.query.scene, 'a%3D1');
  }
});

test('convertCase: false sends the fields as they are named, and WeChat knows no isHyaline', async () => {
  wxacode.functionGranting(['wxacode.getUnlimited']);
  cloud.init();
  const asNamed = cloud.openapi({ convertCase: false });
  const unknown = await asNamed.wxacode.getUnlimited({ scene: 'b', isHyaline: true }).catch((e) => e);
  assert.equal(unknown.errCode, 47001);
  assert.match(unknown.errMsg, /^openapi\.wxacode\.getUnlimited:fail data format error rid: \S+$/);
  const result = await asNamed.wxacode.getUnlimited({ scene: 'b', is_hyaline: true });
  assert.equal(result.contentType, 'image/png');
  assert.equal((await opened(result.buffer)).query.scene, 'b');
});

test('WeChat\'s refusals are thrown with its errcode and its errmsg after ":fail"', async () => {
  const tooLong = await refusal(['wxacode.getUnlimited'], { scene: 'x'.repeat(33) });
  assert.ok(tooLong instanceof Error);
  assert.equal(tooLong.errCode, 40169);
  assert.match(tooLong.errMsg,
    /^openapi\.wxacode\.getUnlimited:fail invalid length for scene, or the data is not json string rid: \S+$/);
  assert.equal(tooLong.message, `errCode: 40169  | errMsg: ${tooLong.errMsg}`);

  const unpublished = await refusal(['wxacode.getUnlimited'], { scene: 'a', page: 'pages/new/new', checkPath: true });
  assert.equal(unpublished.errCode, 41030);
  assert.match(unpublished.errMsg, /^openapi\.wxacode\.getUnlimited:fail invalid page rid: \S+$/);

  const typed = await refusal(['wxacode.getUnlimited'], { scene: 'a', isHyaline: 1 });
  assert.equal(typed.errCode, 47001, 'values are passed as given, for the server to judge');
});

test('without the permission in config.json every call fails with -604101, before the server is asked', async () => {
  const rule = await server.fault({ endpoint: '/cgi-bin/stable_token', errcode: -1 });
  try {
    const denied = await refusal(['wxacode.get'], { scene: 'a' });
    assert.equal(denied.errCode, -604101);
    assert.equal(denied.errMsg, 'system error: error code: -604101');
    assert.equal(denied.message,
      'errCode: -604101 function has no permission to call this API | errMsg: system error: error code: -604101');
  } finally {
    await server.admin('DELETE', `/admin/apps/${server.appid}/faults/${rule.id}`);
  }
});

test('an API the function may call but wxacode does not have: -604100', async () => {
  wxacode.functionGranting(['subscribeMessage.send']);
  cloud.init();
  const missing = await cloud.openapi.subscribeMessage.send({ touser: 'o' }).catch((e) => e);
  assert.equal(missing.errCode, -604100);
  assert.equal(missing.errMsg, 'system error: error code: -604100');
});

test('a token the server no longer takes is replaced, and the call made again', async () => {
  wxacode.functionGranting(['wxacode.getUnlimited']);
  cloud.init();
  await cloud.openapi.wxacode.getUnlimited({ scene: 'warm' });
  // Superseded (40001), then expired (42001): each time the package's token is dead for good.
  for (const end of ['supersede', 'expire']) {
    await server.admin('POST', `/admin/apps/${server.appid}/tokens/${end}`);
    const result = await cloud.openapi.wxacode.getUnlimited({ scene: end });
    assert.equal((await opened(result.buffer)).query.scene, end);
  }
});

test('a call that gets no answer fails with -1 and says why', async () => {
  await server.fault({ endpoint: '/wxa/getwxacodeunlimit', drop: true, times: 1 });
  const dropped = await refusal(['wxacode.getUnlimited'], { scene: 'a' });
  assert.equal(dropped.errCode, -1);
  assert.match(dropped.errMsg, /^openapi\.wxacode\.getUnlimited:fail \S/);

  await server.fault({ endpoint: '/wxa/getwxacodeunlimit', delay: '3s', times: 1 });
  const slow = await refusal(['wxacode.getUnlimited'], { scene: 'a' }, { timeout: 300 });
  assert.equal(slow.errCode, -1);
  assert.equal(slow.errMsg, 'openapi.wxacode.getUnlimited:fail no answer within 300 ms');

  process.env.WXACODE_URL = 'http://127.0.0.1:1'; // tcpmux: nothing listens there
  const unreachable = await refusal(['wxacode.getUnlimited'], { scene: 'a' });
  assert.equal(unreachable.errCode, -1);
  assert.match(unreachable.errMsg, /^openapi\.wxacode\.getUnlimited:fail .*ECONNREFUSED/);
});

test('what something in between answers is not taken for an image or an answer: -1, unless it is an errcode', async () => {
  // A proxy that passes the token through and answers the calls itself.
  const proxy = http.createServer(async (request, response) => {
    if (request.url.startsWith('/cgi-bin/stable_token')) {
      const body = [];
      for await (const chunk of request) {
        body.push(chunk);
      }
      const token = await fetch(server.url + request.url, { method: 'POST', body: Buffer.concat(body) });
      response.writeHead(token.status, { 'Content-Type': token.headers.get('content-type') });
      response.end(Buffer.from(await token.arrayBuffer()));
    } else if (request.url.startsWith('/wxa/getwxacodeunlimit')) {
      response.writeHead(502, { 'Content-Type': 'text/html' });
      response.end('<html><body>502 Bad Gateway</body></html>');
    } else if (request.url.startsWith('/cgi-bin/wxaapp/createwxaqrcode')) {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<html><body>Please sign in to the network</body></html>');
    } else if (request.url.startsWith('/wxa/generatescheme')) {
      response.writeHead(503, { 'Content-Type': 'application/json' });
      response.end('{"errcode":45009,"errmsg":"reach max api daily quota limit rid: r-1"}');
    } else {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('[1]');
    }
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  process.env.WXACODE_URL = `http://127.0.0.1:${proxy.address().port}`;
  try {
    const gateway = await refusal(['wxacode.getUnlimited', 'wxacode.get', 'wxacode.createQRCode', 'urlscheme.generate'],
      { scene: 'a' });
    assert.equal(gateway.errCode, -1);
    assert.equal(gateway.errMsg, `openapi.wxacode.getUnlimited:fail HTTP 502 text/html from ${process.env.WXACODE_URL}`);
    const portal = await cloud.openapi.wxacode.createQRCode({ path: 'pages/index/index' }).catch((e) => e);
    assert.equal(portal.errMsg, `openapi.wxacode.createQRCode:fail HTTP 200 text/html from ${process.env.WXACODE_URL}`);
    const odd = await cloud.openapi.wxacode.get({ path: 'pages/index/index' }).catch((e) => e);
    assert.equal(odd.errCode, -1);
    assert.equal(odd.errMsg, 'openapi.wxacode.get:fail an answer that is not a JSON object: [1]');
    const limited = await cloud.openapi.urlscheme.generate({}).catch((e) => e);
    assert.deepEqual({ ...limited }, { errCode: 45009,
      errMsg: 'openapi.urlscheme.generate:fail reach max api daily quota limit rid: r-1' },
    'an errcode is the answer whatever the status it came with');
  } finally {
    proxy.close();
  }
});

test('credentials: a wrong secret is the server\'s refusal, missing ones are named', async () => {
  process.env.WXACODE_SECRET = 'f'.repeat(32);
  const wrong = await refusal(['wxacode.getUnlimited'], { scene: 'a' });
  assert.equal(wrong.errCode, 40125);
  assert.match(wrong.errMsg, /^openapi\.wxacode\.getUnlimited:fail invalid appsecret rid: \S+$/);
  delete process.env.WXACODE_SECRET;
  const none = await refusal(['wxacode.getUnlimited'], { scene: 'a' });
  assert.equal(none.errCode, -1);
  assert.equal(none.errMsg, 'openapi.wxacode.getUnlimited:fail the environment must give WXACODE_APPID '
    + '(or WX_APPID) and WXACODE_SECRET');
});

test('another app\'s calls (cloud.openapi({appid})) are refused: this process holds one app\'s secret', async () => {
  wxacode.functionGranting(['wxacode.getUnlimited']);
  cloud.init();
  const own = await cloud.openapi({ appid: server.appid }).wxacode.getUnlimited({ scene: 'own' });
  assert.equal(own.errCode, 0);
  const other = await cloud.openapi({ appid: 'wx00000000000000ff' }).wxacode.getUnlimited({ scene: 'a' }).catch((e) => e);
  assert.equal(other.errCode, -1);
  assert.match(other.errMsg, /credentials for wx0c10d0fa3c0de001 only, not for wx00000000000000ff$/);
});
