import type { IExecuteFunctions } from 'n8n-workflow';

/** Reads one parameter for an item: `read()` evaluates it, `name` says which one. */
export type Uniform = <T>(name: string, read: () => T) => T;

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/**
 * For operations that read every item before sending (the bulk ones): a parameter without an expression
 * has the same value for every item, so it is read (and checked) once per execution instead of once per
 * item. Measured: n8n's parameter evaluation, not the requests, was most of a 1,000-item run's time.
 * A read that fails is not kept, so each item still gets its own error.
 */
export function uniformReader(ctx: IExecuteFunctions): Uniform {
	const parameters = ctx.getNode().parameters;
	const values = new Map<string, unknown>();
	return <T>(name: string, read: () => T): T => {
		const known = values.get(name);
		if (known !== undefined || values.has(name)) return known as T;
		const value = read();
		if (!hasExpression(parameters[name])) values.set(name, value);
		return value;
	};
}
