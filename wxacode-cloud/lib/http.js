'use strict';
const http = require('node:http');
const https = require('node:https');

// Connections are kept between calls, as a cloud function reuses its instance between
// invocations; idle ones do not keep the process alive.
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/**
 * POSTs a JSON body; resolves to {status, contentType, body: Buffer} once the whole answer is in.
 * Rejects with an Error saying why when there is no answer within timeoutMs.
 */
function postJson(url, payload, timeoutMs) {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const data = Buffer.from(JSON.stringify(payload));
  return new Promise((resolve, reject) => {
    const request = client.request(target, {
      method: 'POST',
      agent: agents[target.protocol],
      headers: { 'Content-Type': 'application/json', 'Content-Length': data.length },
    }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({
        status: response.statusCode,
        contentType: (response.headers['content-type'] || '').trim(),
        body: Buffer.concat(chunks),
      }));
      response.on('error', reject);
      response.on('aborted', () => reject(new Error('the connection closed before the whole answer came')));
    });
    // A deadline for the whole exchange, not only for silences between packets.
    const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on('close', () => clearTimeout(deadline));
    request.on('error', reject);
    request.end(data);
  });
}

module.exports = { postJson };
