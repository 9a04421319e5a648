'use strict';
// What a failed cloud call throws, shaped as the cloud runtime's error: an Error whose own
// enumerable fields are errCode and errMsg (so JSON.stringify(err) and a function's
// `return err` give {errCode, errMsg}), and whose message is derived from them.

/** The runtime's own codes that this package raises, with the words its messages carry. */
const RUNTIME_CODES = Object.freeze({
  API_NOT_FOUND: -604100,
  NO_PERMISSION: -604101,
});
const DESCRIPTIONS = Object.freeze({
  [RUNTIME_CODES.API_NOT_FOUND]: 'API not found',
  [RUNTIME_CODES.NO_PERMISSION]: 'function has no permission to call this API',
});
/** WeChat's "system error": a call that never got WeChat's answer. */
const SYSTEM_ERROR = -1;

class CloudSDKError extends Error {
  constructor(errCode, errMsg) {
    super();
    this.errCode = errCode;
    this.errMsg = errMsg;
    // Kept in step with errMsg, not frozen at construction, as the runtime's error does.
    Object.defineProperty(this, 'message', {
      configurable: true,
      enumerable: false,
      get: () => `errCode: ${this.errCode} ${DESCRIPTIONS[this.errCode] || ''} | errMsg: ${this.errMsg}`,
      set: (value) => {
        this.errMsg = value;
      },
    });
  }

  get name() {
    return 'CloudSDKError';
  }
}

/** WeChat refused the call: its errcode, its errmsg (with the rid) after the API's ":fail". */
function refused(api, errcode, errmsg) {
  return new CloudSDKError(errcode, `openapi.${api}:fail ${errmsg}`);
}

/** The call failed short of an answer from the server: none came, or not the server's, or it was never sent. */
function systemError(api, why) {
  return new CloudSDKError(SYSTEM_ERROR, `openapi.${api}:fail ${why}`);
}

/** Refused by the runtime itself before WeChat is asked: the errMsg names only the code. */
function runtime(errCode) {
  return new CloudSDKError(errCode, `system error: error code: ${errCode}`);
}

module.exports = { CloudSDKError, RUNTIME_CODES, refused, systemError, runtime };
