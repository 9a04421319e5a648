'use strict';
// The cloud calls wxacode answers, by the name a function lists in config.json and calls as
// cloud.openapi.<name>, and the HTTP path each becomes. Every one is a POST with the app's token;
// whether its answer is an image or JSON is read from the answer, as the runtime does.

const PATHS = Object.freeze({
  'wxacode.getUnlimited': '/wxa/getwxacodeunlimit',
  'wxacode.get': '/wxa/getwxacode',
  'wxacode.createQRCode': '/cgi-bin/wxaapp/createwxaqrcode',
  'urlscheme.generate': '/wxa/generatescheme',
  'urlscheme.query': '/wxa/queryscheme',
  'urllink.generate': '/wxa/generate_urllink',
  'urllink.query': '/wxa/query_urllink',
  'shortlink.generate': '/wxa/genwxashortlink',
});

module.exports = { PATHS };
