#!/usr/bin/env node
'use strict';
// wxacode-cloud run DIR: invokes a cloud function's main(event, context) as the runtime would,
// with its require('wx-server-sdk') answered by wxacode, and prints what it returns.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { parseArgs } = require('node:util');

const HELP = `Usage: wxacode-cloud run FUNCTION_DIR [options]
       wxacode-cloud --help | --version

Runs the cloud function in FUNCTION_DIR (its package.json "main", else index.js) once, as the
cloud runtime invokes it: require('wx-server-sdk') gets wxacode-cloud, whose cloud.openapi calls go
to the wxacode server; config.json in FUNCTION_DIR grants them. Prints what main returns as JSON,
each Buffer shown by its size (or saved with --save). Exits 1 if main throws or runs out of time.

Options:
  --event JSON        the event main receives (default {}); the runtime's userInfo is added
  --event-file FILE   the event, from a JSON file
  --openid OPENID     the caller getWXContext() and event.userInfo name (default oLocalUser)
  --save DIR          write each Buffer of the result to DIR, named by where it is (buffer.jpg)
  --timeout SECONDS   how long main may run (default: config.json's timeout, else 3, as in the cloud)
  -h, --help          show this help
  -V, --version       print the version

Environment:
  WXACODE_URL         the wxacode server (default http://127.0.0.1:8080)
  WXACODE_APPID       the app (or WX_APPID)
  WXACODE_SECRET      its secret
`;

const IMAGE_EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png' };

function fail(message) {
  process.stderr.write(`wxacode-cloud: ${message}\n`);
  process.exit(2);
}

function options() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        event: { type: 'string' },
        'event-file': { type: 'string' },
        openid: { type: 'string', default: 'oLocalUser' },
        save: { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (e) {
    return fail(`${e.message}\n\n${HELP}`);
  }
}

function readJson(text, what) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return fail(`${what} is not JSON: ${e.message}`);
  }
}

/** The result as JSON, each Buffer replaced by its size and, with --save, written to a file. */
function printable(value, saveDir, where = []) {
  if (Buffer.isBuffer(value)) {
    const shown = { type: 'Buffer', bytes: value.length };
    if (saveDir) {
      fs.mkdirSync(saveDir, { recursive: true });
      const file = path.join(saveDir, where.join('.') || 'result');
      fs.writeFileSync(file, value);
      shown.saved = file;
    }
    return shown;
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => printable(item, saveDir, [...where, String(i)]));
  }
  if (value !== null && typeof value === 'object') {
    const extension = IMAGE_EXTENSIONS[value.contentType];
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key,
      printable(item, saveDir, [...where, Buffer.isBuffer(item) && extension ? `${key}.${extension}` : key])]));
  }
  return value;
}

async function run(dir, args) {
  const functionDir = path.resolve(dir);
  const configFile = path.join(functionDir, 'config.json');
  const config = fs.existsSync(configFile) ? readJson(fs.readFileSync(configFile, 'utf8'), configFile) : {};
  const seconds = Number(args.timeout ?? config.timeout ?? 3);
  if (!(seconds > 0)) {
    fail(`--timeout takes seconds above 0, not ${args.timeout}`);
  }
  const event = args['event-file'] ? readJson(fs.readFileSync(args['event-file'], 'utf8'), args['event-file'])
    : readJson(args.event ?? '{}', '--event');
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    fail('the event must be a JSON object');
  }

  // What the runtime sets around an invocation from a mini program.
  const env = process.env;
  const appid = env.WXACODE_APPID || env.WX_APPID;
  env.WXACODE_FUNCTION_DIR = functionDir;
  env.WX_CONTEXT_KEYS = env.WX_CONTEXT_KEYS || 'WX_OPENID,WX_APPID';
  env.WX_OPENID = args.openid;
  if (appid) {
    env.WX_APPID = appid;
  }
  env.TCB_ENV = env.TCB_ENV || 'local';
  event.userInfo = { appId: appid, openId: args.openid };
  const context = {
    function_name: path.basename(functionDir),
    request_id: crypto.randomUUID(),
    namespace: env.TCB_ENV,
    time_limit_in_ms: seconds * 1000,
  };

  require('../register');
  let main;
  try {
    main = require(require.resolve(functionDir)).main;
  } catch (e) {
    return fail(`cannot load the function in ${functionDir}: ${e.message}`);
  }
  if (typeof main !== 'function') {
    return fail(`${functionDir} exports no main function`);
  }

  let timer;
  const timedOut = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`main did not finish within ${seconds} s `
      + '(the function\'s timeout, as the cloud would stop it; --timeout changes it)')), seconds * 1000);
  });
  try {
    const result = await Promise.race([Promise.resolve().then(() => main(event, context)), timedOut]);
    return { code: 0, text: JSON.stringify(printable(result === undefined ? null : result, args.save), null, 2) };
  } catch (e) {
    return { code: 1, text: `main threw: ${e && e.message ? e.message : e}` };
  } finally {
    clearTimeout(timer);
  }
}

const parsed = options();
const args = parsed.values;
if (args.help) {
  process.stdout.write(HELP);
} else if (args.version) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else if (parsed.positionals[0] !== 'run' || parsed.positionals.length !== 2) {
  fail(`expected: run FUNCTION_DIR\n\n${HELP}`);
} else {
  run(parsed.positionals[1], args).then(({ code, text }) => {
    const stream = code === 0 ? process.stdout : process.stderr;
    // Exit once written: a function's leftover timers or sockets do not keep the command running.
    stream.write(`${text}\n`, () => process.exit(code));
  });
}
