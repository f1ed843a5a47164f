'use strict';
// The compiler's messages for one TypeScript file and what it imports, with the package's strictness
// (test/unit fixtures that must type-check, or must meet the errors their `@ts-expect-error` lines expect).
const ts = require('typescript');

function typeProblems(file) {
	const program = ts.createProgram([file], {
		strict: true,
		noEmit: true,
		module: ts.ModuleKind.CommonJS,
		moduleResolution: ts.ModuleResolutionKind.Node10,
		target: ts.ScriptTarget.ES2019,
		lib: ['lib.es2020.d.ts'],
		esModuleInterop: true,
		skipLibCheck: true,
		types: ['node'],
	});
	return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

module.exports = { typeProblems };
