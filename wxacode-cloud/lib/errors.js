'use strict';
// What a failed cloud call throws, shaped as the cloud runtime's error: an Error whose own
// enumerable fields are errCode and errMsg (so JSON.stringify(err) and a function's
// `return err` give {errCode, errMsg}), and whose message is derived from them.

/** The codes this package raises itself, with the words the runtime's messages give them. */
const CODES = Object.freeze({
  SYSTEM_ERROR: { code: -1, description: '' }, // WeChat's own: the call got no answer of the server's
  API_NOT_FOUND: { code: -604100, description: 'API not found' },
  NO_PERMISSION: { code: -604101, description: 'function has no permission to call this API' },
});
const DESCRIPTIONS = new Map(Object.values(CODES).map(({ code, description }) => [code, description]));

class CloudSDKError extends Error {
  constructor(errCode, errMsg) {
    super();
    this.errCode = errCode;
    this.errMsg = errMsg;
    // Kept in step with errMsg, not frozen at construction, as the runtime's error does.
    Object.defineProperty(this, 'message', {
      configurable: true,
      enumerable: false,
      get: () => `errCode: ${this.errCode} ${DESCRIPTIONS.get(this.errCode) || ''} | errMsg: ${this.errMsg}`,
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
  return new CloudSDKError(CODES.SYSTEM_ERROR.code, `openapi.${api}:fail ${why}`);
}

/** Refused by the runtime itself before WeChat is asked: the errMsg names only the code. */
function runtime({ code }) {
  return new CloudSDKError(code, `system error: error code: ${code}`);
}

module.exports = { CloudSDKError, CODES, refused, systemError, runtime };
