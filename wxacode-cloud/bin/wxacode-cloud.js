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

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return fail(`cannot read ${file} as JSON: ${e.message}`);
  }
}

/** A file name from the keys leading to a Buffer: no separator or dot of the result's own reaches the path. */
function fileName(where, extension) {
  const name = where.map((key) => key.replace(/[^A-Za-z0-9_-]/g, '_')).join('.') || 'result';
  return extension ? `${name}.${extension}` : name;
}

/**
 * The result as JSON, each Buffer replaced by its size and, with --save, written to a file named
 * by where it is (buffer.jpg, codes.0.buffer.png); a reference back to an enclosing object shows as
 * "[Circular]".
 */
function printable(value, saveDir, where = [], extension = '', enclosing = new Set()) {
  if (Buffer.isBuffer(value)) {
    const shown = { type: 'Buffer', bytes: value.length };
    if (saveDir) {
      fs.mkdirSync(saveDir, { recursive: true });
      shown.saved = path.join(saveDir, fileName(where, extension));
      fs.writeFileSync(shown.saved, value);
    }
    return shown;
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (enclosing.has(value)) {
    return '[Circular]';
  }
  const inside = new Set(enclosing).add(value);
  if (Array.isArray(value)) {
    return value.map((item, i) => printable(item, saveDir, [...where, String(i)], '', inside));
  }
  const imageExtension = IMAGE_EXTENSIONS[value.contentType] || '';
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key,
    printable(item, saveDir, [...where, key], imageExtension, inside)]));
}

async function run(dir, args) {
  const functionDir = path.resolve(dir);
  const configFile = path.join(functionDir, 'config.json');
  const config = fs.existsSync(configFile) ? readJson(configFile) : {};
  const seconds = Number(args.timeout ?? config.timeout ?? 3);
  if (!(seconds > 0)) {
    fail(args.timeout === undefined ? `the timeout of ${configFile} takes seconds above 0, not ${config.timeout}`
      : `--timeout takes seconds above 0, not ${args.timeout}`);
  }
  let event = {};
  if (args['event-file']) {
    event = readJson(args['event-file']);
  } else if (args.event !== undefined) {
    try {
      event = JSON.parse(args.event);
    } catch (e) {
      fail(`--event is not JSON: ${e.message}`);
    }
  }
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
  let result;
  try {
    result = await Promise.race([Promise.resolve().then(() => main(event, context)), timedOut]);
  } catch (e) {
    return { code: 1, text: `main threw: ${e && e.message ? e.message : e}` };
  } finally {
    clearTimeout(timer);
  }
  try {
    return { code: 0, text: JSON.stringify(printable(result === undefined ? null : result, args.save), null, 2) };
  } catch (e) {
    return { code: 1, text: `main returned, but its result cannot be shown: ${e.message}` };
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
