'use strict';
// wx-server-sdk's shape for the cloud calls, answered by a wxacode server: a cloud function that
// requires this module in place of wx-server-sdk runs unchanged, in development and in CI.
//
//   WXACODE_URL=http://127.0.0.1:8080 WXACODE_APPID=wx… WXACODE_SECRET=… node -r wxacode-cloud/register …
//
// Only the cloud calls are here (cloud.openapi.*, with init, getWXContext and logger around them);
// the database, storage and function calls of the real SDK say so when used.
const { openapi } = require('./lib/openapi');
const { callerFile, functionDir, granted } = require('./lib/permissions');
const { stableTokens } = require('./lib/tokens');
const { CloudSDKError } = require('./lib/errors');
const { version } = require('./package.json');

const DEFAULT_URL = 'http://127.0.0.1:8080';
/** How long a call may wait for its answer unless init({timeout}) says otherwise, in ms. */
const DEFAULT_TIMEOUT_MS = 15000;

let settings = null;

function session() {
  if (!settings) {
    throw new Error('cloud.init() must run before the first cloud API call, as with wx-server-sdk');
  }
  return settings;
}

/**
 * Reads the environment and the function's config.json. Each call starts afresh, so a test can
 * change either and init again. `env` is accepted and has no effect: a wxacode server is one
 * environment.
 */
function init(options = {}) {
  const env = process.env;
  const timeoutMs = options.timeout === undefined ? DEFAULT_TIMEOUT_MS : options.timeout;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`init({timeout}) takes milliseconds above 0, not ${options.timeout}`);
  }
  const baseUrl = (env.WXACODE_URL || DEFAULT_URL).replace(/\/+$/, '');
  if (!URL.canParse(baseUrl)) {
    throw new TypeError(`WXACODE_URL is not a URL: ${baseUrl}`);
  }
  const connection = {
    baseUrl,
    appid: env.WXACODE_APPID || env.WX_APPID,
    secret: env.WXACODE_SECRET,
    timeoutMs,
  };
  settings = {
    ...connection,
    permissions: granted(functionDir(env, callerFile(init))),
    tokens: stableTokens(connection),
  };
}

/**
 * What the runtime tells a function about its caller, from the variables it sets:
 * WX_CONTEXT_KEYS lists them (WX_OPENID, WX_APPID, …), each given without its WX_ prefix.
 */
function getWXContext() {
  const env = process.env;
  const context = {};
  for (const key of (env.WX_CONTEXT_KEYS || '').split(',').map((k) => k.trim())) {
    if (!key || /^(WX_)?(API_TOKEN|TRIGGER_API_TOKEN_V0)$/.test(key) || env[key] === undefined) {
      continue;
    }
    const value = env[key];
    context[key.replace(/^WX_/, '')] = /^-?\d+$/.test(value) ? Number(value) : value;
  }
  if (env.TCB_ENV || env.SCF_NAMESPACE) {
    context.ENV = env.TCB_ENV || env.SCF_NAMESPACE;
  }
  if (env.TCB_SOURCE) {
    context.SOURCE = env.TCB_SOURCE;
  }
  return context;
}

/** cloud.logger(): one JSON line per entry on stdout, where a runtime's log collector reads it. */
function logger() {
  const write = (level) => (entry) => {
    const fields = entry !== null && typeof entry === 'object' ? entry : { message: String(entry) };
    process.stdout.write(`${JSON.stringify({ level, ...fields })}\n`);
  };
  return { log: write('log'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** The real SDK's other members, present so that a function using one learns why it fails. */
function notOffered(name) {
  return () => {
    throw new Error(`cloud.${name} is not part of wxacode-cloud, which answers cloud.openapi calls only; `
      + 'run this part of the function against a cloud environment, or leave it out of local runs');
  };
}

module.exports = {
  version,
  init,
  openapi: openapi(session),
  getWXContext,
  logger,
  CloudSDKError,
  // The value wx-server-sdk gives it; here it only has to be passable to init().
  DYNAMIC_CURRENT_ENV: Symbol.for('SYMBOL_CURRENT_ENV'),
  ...Object.fromEntries(['database', 'callFunction', 'uploadFile', 'downloadFile', 'getTempFileURL',
    'deleteFile', 'getOpenData', 'getVoIPSign', 'getCloudCallSign', 'callOpenAPI']
    .map((name) => [name, notOffered(name)])),
  // A namespace in the real SDK (cloud.cloudPay.unifiedOrder(…)).
  cloudPay: new Proxy({}, { get: (self, method) => notOffered(`cloudPay.${String(method)}`) }),
};
