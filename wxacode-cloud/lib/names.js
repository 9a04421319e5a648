'use strict';
// The cloud runtime renames keys, never values: a function's camelCase fields reach WeChat in the
// HTTP API's snake_case, and WeChat's snake_case answers come back in camelCase, at every depth.
// Keys already in the target form pass through, so both spellings of a field work.

/** jumpWxa → jump_wxa; a leading capital is lowered without an underscore. */
function snake(key) {
  return key.replace(/[A-Z]/g, (letter, at) => (at === 0 ? '' : '_') + letter.toLowerCase());
}

/** scheme_info → schemeInfo; an underscore before a digit or a capital stays. */
function camel(key) {
  return key.replace(/_[a-z]/g, (pair) => pair[1].toUpperCase());
}

function isPlainObject(value) {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A copy of value with every plain object's keys renamed; Buffers and other objects kept as they are. */
function renameKeys(value, rename) {
  if (Array.isArray(value)) {
    return value.map((item) => renameKeys(item, rename));
  }
  if (!isPlainObject(value)) {
    return value;
  }
  const renamed = {};
  for (const [key, item] of Object.entries(value)) {
    // Given in both forms, the later one wins, as in the cloud.
    renamed[rename(key)] = renameKeys(item, rename);
  }
  return renamed;
}

module.exports = {
  toWire: (value) => renameKeys(value, snake),
  fromWire: (value) => renameKeys(value, camel),
};
