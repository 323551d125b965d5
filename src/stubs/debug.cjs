// Stands in for the `debug` package in the bundle only (tsconfig "paths", applied by ncc). pop-core's HTTP layer
// (httpx) logs through it when DEBUG is set, and what it logs are signed request bodies: the security token,
// percent-encoded past the runner's masking. With this stub no DEBUG setting can print them.
'use strict';

function createDebug(namespace) {
  const debug = function () {};
  debug.enabled = false;
  debug.namespace = namespace;
  return debug;
}
createDebug.enable = function () {};
createDebug.disable = function () {
  return '';
};
createDebug.enabled = function () {
  return false;
};

module.exports = createDebug;
