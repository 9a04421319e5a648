'use strict';
// Which cloud calls a function may make: the openapi list of the config.json in its folder, read
// when init() runs (the cloud reads it at deployment and caches it for minutes; here a new init()
// or a new process picks up a change).
const fs = require('node:fs');
const path = require('node:path');
const { fileURLToPath } = require('node:url');

/**
 * The file that called `entry`, from V8's call sites: a cloud function calls init() from its own
 * folder, and that is where its config.json is.
 */
function callerFile(entry) {
  const saved = Error.prepareStackTrace;
  const holder = {};
  try {
    Error.prepareStackTrace = (_, sites) => sites;
    Error.captureStackTrace(holder, entry);
    for (const site of holder.stack) {
      const file = site.getFileName();
      if (file && !file.startsWith('node:')) {
        return file.startsWith('file:') ? fileURLToPath(file) : file;
      }
    }
    return null;
  } finally {
    Error.prepareStackTrace = saved;
  }
}

/**
 * The function's folder: WXACODE_FUNCTION_DIR when set, else the nearest folder above the caller
 * holding config.json. The search stops at the caller's package (a folder with package.json), so
 * a config.json belonging to something else higher up is never taken.
 */
function functionDir(env, caller) {
  if (env.WXACODE_FUNCTION_DIR) {
    return path.resolve(env.WXACODE_FUNCTION_DIR);
  }
  let dir = caller ? path.dirname(caller) : process.cwd();
  for (;;) {
    if (fs.existsSync(path.join(dir, 'config.json')) || fs.existsSync(path.join(dir, 'package.json'))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return caller ? path.dirname(caller) : process.cwd();
    }
    dir = parent;
  }
}

/**
 * The openapi names the folder's config.json grants, and a warning for a call it does not grant:
 * the refusal itself has to read as the runtime's, so where it came from is said on the side.
 */
function granted(dir) {
  const file = path.join(dir, 'config.json');
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e.code !== 'ENOENT') {
      throw e;
    }
    warn(`no config.json in ${dir}: every cloud.openapi call fails with -604101, as in the cloud`);
    return { apis: new Set(), missing: () => {} };
  }
  let config;
  try {
    config = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not JSON (the cloud would not deploy this function): ${e.message}`);
  }
  const list = config && config.permissions && config.permissions.openapi;
  const apis = new Set(Array.isArray(list) ? list.filter((name) => typeof name === 'string') : []);
  const warned = new Set();
  return {
    apis,
    missing(api) {
      if (!warned.has(api)) {
        warned.add(api);
        warn(`${api} is not in the openapi permissions of ${file}: the call fails with -604101, as in the cloud`);
      }
    },
  };
}

function warn(message) {
  process.emitWarning(`${message} (WXACODE_FUNCTION_DIR names the function's folder when init() is called `
    + 'from code outside it)', { code: 'WXACODE_CLOUD_PERMISSIONS' });
}

module.exports = { callerFile, functionDir, granted };
