'use strict';
// `node -r wxacode-cloud/register`: every require('wx-server-sdk') in the process gets this
// package instead, so a cloud function's own files are used as they are.
const Module = require('node:module');

const replacement = require.resolve('./index.js');
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveWxServerSdk(request, ...rest) {
  return request === 'wx-server-sdk' ? replacement : resolve.call(this, request, ...rest);
};
