import { baseUrlProblem, checkBaseUrl, environmentBaseUrl } from '../../nodes/common/base/environments';
import { baseUrlOf as constantContactBaseUrl } from '../../nodes/ConstantContact/transport/environments';
import { siteLocationOf } from '../../nodes/RestrictContentPro/transport/environments';

describe('base URLs are validated when read (issue 11)', () => {
	const envs = { production: 'https://vivenu.com/api', staging: 'https://vivenu.dev/api' };

	it.each([
		['https://api.example.com/api#x', /fragment/],
		['https://api.example.com/api#', /fragment/],
		['https://api.example.com/api?x=1', /query/],
		['https://api.example.com/api?', /query/],
		['https://api.example.com/my api', /spaces/],
		['https://user:pw@api.example.com/api', /user name or password/],
		['ftp://api.example.com/api', /https:\/\/ or http:\/\//],
		['javascript:alert(1)', /https:\/\/ or http:\/\//],
		['api.example.com/api', /not a URL/],
		['', /is empty/],
		['https://api.example.com/a\u0000pi', /control or invisible character/],
		['https://api.example.com/\u202eipa', /control or invisible character/],
	])('refuses %j', (url, problem) => {
		expect(baseUrlProblem(url)).toMatch(problem);
		expect(() => environmentBaseUrl(envs, { environment: 'custom', baseUrl: url })).toThrow(/^The credential's "Base URL" /);
	});

	it('names the field and never repeats a URL that holds a password', () => {
		expect(() => checkBaseUrl('https://me:hunter22@x.example/api', 'Base URL')).toThrow(
			'The credential\'s "Base URL" contains a user name or password, which would be sent to the server in the URL. Enter the API\'s address only, e.g. https://api.example.com/v1, and fix it in the credential.',
		);
		try {
			checkBaseUrl('https://me:hunter22@x.example/api', 'Base URL');
		} catch (error) {
			expect(String(error)).not.toContain('hunter22');
		}
	});

	it('accepts http(s) roots with surrounding spaces and trailing slashes trimmed, and fixed environments unchanged', () => {
		expect(environmentBaseUrl(envs, { environment: 'custom', baseUrl: '  http://127.0.0.1:4010/vivenu/api/ ' })).toBe('http://127.0.0.1:4010/vivenu/api');
		expect(environmentBaseUrl(envs, { environment: 'staging' })).toBe('https://vivenu.dev/api');
		expect(environmentBaseUrl(envs, {})).toBe('https://vivenu.com/api');
	});

	it('names each provider’s own field: Constant Contact "API Base URL", Restrict Content Pro "Site URL"', () => {
		expect(() => constantContactBaseUrl({ baseUrl: 'https://api.cc.email/v3#x' })).toThrow(/^The credential's "API Base URL" contains a fragment/);
		expect(constantContactBaseUrl({ baseUrl: '' })).toBe('https://api.cc.email/v3');
		expect(() => siteLocationOf({ url: 'https://shop.example/?p=1' })).toThrow(/^The credential's "Site URL" contains a query/);
		expect(siteLocationOf({ url: 'https://shop.example/' }).site).toBe('https://shop.example');
	});
});
