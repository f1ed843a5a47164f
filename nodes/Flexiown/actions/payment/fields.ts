import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkText, inputError, readItemParameter } from '../../../common';
import { trustValueFromOrderId } from '../../helpers/trust';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const paymentIdField: INodeProperties = {
	displayName: 'Payment ID',
	name: 'paymentId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'b8f2d832-72e2-4e47-8b8a-7f6a3a3e7abe',
	description: 'The payment UUID that Payment → Create returned (the "ID" Flexiown gave the payment)',
};

/** Reads the payment ID for one item; it must be a UUID (it goes into the request path). */
export function readPaymentId(ctx: IExecuteFunctions, itemIndex: number): string {
	const raw = readItemParameter(ctx, 'paymentId', itemIndex, '');
	const value = checkText({ node: ctx.getNode(), field: 'Payment ID', itemIndex }, raw);
	if (!value) {
		throw inputError({ node: ctx.getNode(), field: 'Payment ID', problem: 'is empty', itemIndex, fix: 'Map the payment UUID that Payment → Create returned, e.g. {{ $json.paymentId }}.' });
	}
	if (!UUID_RE.test(value)) {
		throw inputError({
				node: ctx.getNode(),
				field: 'Payment ID',
				problem: `"${value.slice(0, 80)}" is not a payment UUID`,
				itemIndex,
				fix: 'Flexiown payment IDs look like b8f2d832-72e2-4e47-8b8a-7f6a3a3e7abe. Use the ID Payment → Create returned, not your own order number.',
			});
	}
	return value.toLowerCase();
}

export const trustSeedField: INodeProperties = {
	displayName: 'Trust Seed',
	name: 'trustSeed',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	required: true,
	description:
		'The trust seed sent when the payment was created, exactly as stored (Payment → Create outputs it as trustSeed). Flexiown compares it byte for byte.',
};

export const trustValueSourceField: INodeProperties = {
	displayName: 'Trust Value Source',
	name: 'trustValueSource',
	type: 'options',
	options: [
		{ name: 'Enter Trust Value', value: 'value', description: 'Use the trust value stored at creation as is' },
		{
			name: 'Derive From Merchant Order ID',
			value: 'orderId',
			description: "MD5 of your order ID, as Teljoy's WooCommerce plugin computes it (UNVERIFIED)",
		},
	],
	default: 'value',
	description: 'How to get the trust value that was sent when the payment was created',
};

export const trustValueField: INodeProperties = {
	displayName: 'Trust Value',
	name: 'trustValue',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	required: true,
	description: 'The trust value sent when the payment was created (Payment → Create outputs it as trustValue)',
	displayOptions: { show: { trustValueSource: ['value'] } },
};

export const merchantOrderIdField: INodeProperties = {
	displayName: 'Merchant Order ID',
	name: 'merchantOrderId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '41009',
	description: 'Your own order ID, the one sent as order_Id at creation. The trust value is its MD5 hash.',
	displayOptions: { show: { trustValueSource: ['orderId'] } },
};

export interface TrustInput {
	trustSeed: string;
	trustValue: string;
	/** Set when the trust value was derived from the order ID. */
	orderId?: string;
}

function readString(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	const raw = readItemParameter(ctx, name, itemIndex, '');
	if (raw === null || raw === undefined) return '';
	return typeof raw === 'string' ? raw : String(raw);
}

/** Reads the trust seed and trust value (given or derived) for one item. Values are used exactly as given, not trimmed. */
export function readTrust(ctx: IExecuteFunctions, itemIndex: number): TrustInput {
	const node = ctx.getNode();
	const trustSeed = readString(ctx, 'trustSeed', itemIndex);
	if (!trustSeed.trim()) {
		throw inputError({ node, field: 'Trust Seed', problem: 'is empty', itemIndex, fix: 'Map the trust seed stored when the payment was created (Payment → Create outputs it as trustSeed).' });
	}
	const source = ctx.getNodeParameter('trustValueSource', itemIndex, 'value') as string;
	if (source === 'orderId') {
		const orderId = readString(ctx, 'merchantOrderId', itemIndex).trim();
		if (!orderId) {
			throw inputError({ node, field: 'Merchant Order ID', problem: 'is empty', itemIndex, fix: 'Enter the order ID sent as order_Id when the payment was created.' });
		}
		return { trustSeed, trustValue: trustValueFromOrderId(orderId), orderId };
	}
	const trustValue = readString(ctx, 'trustValue', itemIndex);
	if (!trustValue.trim()) {
		throw inputError({ node, field: 'Trust Value', problem: 'is empty', itemIndex, fix: 'Map the trust value stored when the payment was created, or derive it from the merchant order ID.' });
	}
	return { trustSeed, trustValue };
}

/** Reads an optional string from a collection parameter. */
export function optionString(options: IDataObject, name: string): string | undefined {
	const v = options[name];
	if (v === undefined || v === null) return undefined;
	return typeof v === 'string' ? v : String(v);
}
