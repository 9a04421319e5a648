'use strict';
// The access token a cloud function never sees: the app's stable token, fetched on first use and
// again shortly before it expires, shared by concurrent calls.
const { postJson } = require('./http');

const REFRESH_BEFORE_MS = 5 * 60 * 1000;

class Tokens {
  /** @param fetchGrant () => Promise<{token, expiresInSeconds}> */
  constructor(fetchGrant, now = Date.now) {
    this.fetchGrant = fetchGrant;
    this.now = now;
    this.current = null; // {token, renewAt} once fetched
    this.pending = null;
  }

  async get() {
    if (this.current && this.now() < this.current.renewAt) {
      return this.current.token;
    }
    if (!this.pending) {
      this.pending = this.fetchGrant()
        .then(({ token, expiresInSeconds }) => {
          this.current = { token, renewAt: this.now() + expiresInSeconds * 1000 - REFRESH_BEFORE_MS };
          return token;
        })
        .finally(() => {
          this.pending = null;
        });
    }
    return this.pending;
  }

  /** The server no longer takes this token (40001, 42001): the next get() fetches another. */
  invalidate(token) {
    if (this.current && this.current.token === token) {
      this.current = null;
    }
  }
}

/** The server refused the app's credentials: its errcode and errmsg become the cloud call's. */
class TokenRefused extends Error {
  constructor(errcode, errmsg) {
    super(errmsg);
    this.errcode = errcode;
  }
}

/** Tokens from /cgi-bin/stable_token, with the credentials the environment gave. */
function stableTokens({ baseUrl, appid, secret, timeoutMs }) {
  // Named by origin only: a URL may carry a user and password.
  const where = `${new URL(baseUrl).origin}/cgi-bin/stable_token`;
  return new Tokens(async () => {
    // force_refresh stays false: after a 40001 or 42001 the server's current stable token is a new
    // one already (another client forced it, or the old one expired), and forcing it here would
    // spend the app's 20 forced refreshes a day and end the token of every other client.
    const reply = await postJson(`${baseUrl}/cgi-bin/stable_token`,
      { grant_type: 'client_credential', appid, secret, force_refresh: false }, timeoutMs);
    let json;
    try {
      json = JSON.parse(reply.body.toString('utf8'));
    } catch (e) {
      throw new Error(`HTTP ${reply.status} from ${where}, not JSON`);
    }
    if (typeof json.access_token !== 'string') {
      throw json.errcode ? new TokenRefused(json.errcode, json.errmsg)
        : new Error(`HTTP ${reply.status} from ${where} without a token`);
    }
    return { token: json.access_token, expiresInSeconds: Number(json.expires_in) || 7200 };
  });
}

module.exports = { Tokens, TokenRefused, stableTokens };
