'use strict';
// Lets jest load the TypeScript sources directly (test/unit), with the compiler already in devDependencies:
// each file is transpiled on its own, without type checking, so the pure parts are tested in seconds.
const ts = require('typescript');

module.exports = {
	process(source, filename) {
		const { outputText, sourceMapText } = ts.transpileModule(source, {
			fileName: filename,
			compilerOptions: {
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2020,
				esModuleInterop: true,
				sourceMap: true,
				inlineSources: true,
			},
		});
		return { code: outputText, map: sourceMapText };
	},
	getCacheKey(source, filename) {
		return require('crypto').createHash('sha1').update(ts.version).update('\0').update(filename).update('\0').update(source).digest('hex');
	},
};
