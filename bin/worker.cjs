// A worker thread of `ksec diff --jobs N`: the worker bundle, loaded with its code cache.
'use strict';
const path = require('node:path');
const { loadBundle } = require('./load-bundle.cjs');

const bundle = loadBundle(path.join(__dirname, '..', 'dist', 'worker.cjs'));
if (process.env.KSEC_WRITE_CODE_CACHE === '1') bundle.exports.onTaskDone(() => bundle.writeCache());
