// Loads one of ksec's CommonJS bundles (dist/*.cjs) with the V8 code cache written beside it at build
// time (dist/*.cjs.cache): the functions a run needs arrive compiled instead of being parsed and
// compiled on every start. Node 20 has no module.enableCompileCache, so this is vm.Script with
// cachedData. A cache V8 does not accept (another Node or V8 version, other flags) is ignored and
// the bundle compiles as usual; a missing one costs nothing but that.
'use strict';
const { readFileSync, writeFileSync, renameSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

function loadBundle(file) {
  const source = readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const exports = {};
  const module = { exports, filename: file, id: file, loaded: false };
  const localRequire = Module.createRequire(file);
  script.runInThisContext()(exports, localRequire, module, file, path.dirname(file));
  module.loaded = true;
  return {
    exports: module.exports,
    /** At build time: writes the cache with every function compiled so far. */
    writeCache() {
      const temp = `${file}.cache.${process.pid}`;
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, `${file}.cache`);
    },
    rejected: cachedData !== undefined && script.cachedDataRejected === true,
  };
}

module.exports = { loadBundle };
