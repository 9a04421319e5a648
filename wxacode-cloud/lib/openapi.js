'use strict';
const { PATHS } = require('./apis');
const { postJson } = require('./http');
const { toWire, fromWire } = require('./names');
const errors = require('./errors');
const { TokenRefused } = require('./tokens');

/** Codes that mean "this token is no longer good": the call is made once more with a new one. */
const STALE_TOKEN = new Set([40001, 42001]);
/** Read from a strict function, these throw; a namespace has neither. */
const UNREADABLE = new Set(['caller', 'arguments']);

/**
 * cloud.openapi: any path of names is a namespace or an API (cloud.openapi.wxacode.getUnlimited is
 * "wxacode.getUnlimited"), so a name wxacode lacks gets the runtime's answer for it, not a
 * TypeError; cloud.openapi({appid, convertCase}) is the same with options. Each name gives the same
 * object every time, and what a test sets on one (a jest.spyOn, a sinon stub) is what is read back.
 */
function openapi(session, options = {}, names = []) {
  const children = new Map();
  return new Proxy(() => {}, {
    get(self, property) {
      if (Object.prototype.hasOwnProperty.call(self, property)) {
        return self[property];
      }
      if (typeof property === 'symbol' || UNREADABLE.has(property)) {
        return undefined;
      }
      if (property in Function.prototype) {
        return Reflect.get(self, property);
      }
      if (property === 'then') {
        return undefined; // awaiting a namespace yields it, instead of calling an API named "then"
      }
      if (property === 'toJSON') {
        return () => ({});
      }
      if (!children.has(property)) {
        children.set(property, openapi(session, options, [...names, property]));
      }
      return children.get(property);
    },
    apply(self, thisArg, args) {
      if (names.length === 0) {
        const given = args[0];
        if (given === null || typeof given !== 'object') {
          throw new TypeError('cloud.openapi(options) takes an object such as {appid, convertCase}');
        }
        return openapi(session, { ...options, ...given }, []);
      }
      return call(session(), names.join('.'), args[0], options);
    },
  });
}

/** One cloud call: the runtime's checks, then the HTTP call with the token, as the runtime answers it. */
async function call(settings, api, params, options) {
  if (!settings.permissions.apis.has(api)) {
    settings.permissions.missing(api);
    throw errors.runtime(errors.CODES.NO_PERMISSION);
  }
  const path = PATHS[api];
  if (!path) {
    throw errors.runtime(errors.CODES.API_NOT_FOUND);
  }
  if (options.appid !== undefined && options.appid !== settings.appid) {
    throw errors.systemError(api, `this process has credentials for ${settings.appid} only, not for ${options.appid}`);
  }
  if (!settings.appid || !settings.secret) {
    throw errors.systemError(api, 'the environment must give WXACODE_APPID (or WX_APPID) and WXACODE_SECRET');
  }
  if (params !== undefined && (params === null || typeof params !== 'object' || Array.isArray(params))) {
    const given = params === null ? 'null' : Array.isArray(params) ? 'an array' : typeof params;
    throw errors.systemError(api, `its parameters must be an object, not ${given}`);
  }
  const convert = options.convertCase !== false;
  const body = convert ? toWire(params || {}) : (params || {});
  const url = `${settings.baseUrl}${path}?access_token=`;
  const token = await ask(api, () => settings.tokens.get());
  try {
    return await answer(api, url + encodeURIComponent(token), body, settings.timeoutMs, convert);
  } catch (e) {
    if (!STALE_TOKEN.has(e.errCode)) {
      throw e;
    }
    settings.tokens.invalidate(token);
    const fresh = await ask(api, () => settings.tokens.get());
    return answer(api, url + encodeURIComponent(fresh), body, settings.timeoutMs, convert);
  }
}

async function answer(api, url, body, timeoutMs, convert) {
  const reply = await ask(api, () => postJson(url, body, timeoutMs));
  // JSON or text is an answer to read, anything else the image itself: the runtime's rule. Other
  // text (an HTML error page) is no image either: it came from something in between.
  const isJson = /(application\/json)|(text\/plain)/.test(reply.contentType);
  const { errcode, errmsg, ...rest } = isJson ? json(api, reply.body) : {};
  if (errcode) {
    throw errors.refused(api, errcode, errmsg);
  }
  if (reply.status !== 200 || (!isJson && /^text\//.test(reply.contentType))) {
    throw errors.systemError(api, `HTTP ${reply.status} ${reply.contentType || 'without a type'} from ${new URL(url).origin}`);
  }
  const fields = isJson ? (convert ? fromWire(rest) : rest) : { contentType: reply.contentType, buffer: reply.body };
  return { ...fields, errMsg: `openapi.${api}:ok`, errCode: 0 };
}

/**
 * Runs a step that talks to the server. A refused token is the call's refusal (40013, 40125: the
 * credentials are wrong); any other failure that is not already a cloud error is one with -1.
 */
async function ask(api, step) {
  try {
    return await step();
  } catch (e) {
    if (e instanceof errors.CloudSDKError) {
      throw e;
    }
    throw e instanceof TokenRefused ? errors.refused(api, e.errcode, e.message) : errors.systemError(api, e.message);
  }
}

function json(api, body) {
  const text = body.toString('utf8');
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    value = undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw errors.systemError(api, `an answer that is not a JSON object: ${text.slice(0, 120)}`);
  }
  return value;
}

module.exports = { openapi };
