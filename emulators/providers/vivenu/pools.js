'use strict';
// Word pools for realistic seeded vivenu data.

module.exports = {
	EVENTS: [
		{ name: 'Harbour Lights Festival 2026', venue: 'Elbufer Open Air', street: 'Große Elbstraße 212', city: 'Hamburg', postal: '22767' },
		{ name: 'Nordic Jazz Night', venue: 'Kulturbrauerei Kesselhaus', street: 'Schönhauser Allee 36', city: 'Berlin', postal: '10435' },
		{ name: 'City Marathon Expo', venue: 'Messe Halle 3', street: 'Messeplatz 1', city: 'Köln', postal: '50679' },
		{ name: 'Winter Symphony Gala', venue: 'Konzerthaus Großer Saal', street: 'Lothringerstraße 20', city: 'Wien', postal: '1030', country: 'AT' },
		{ name: 'Indie Comedy Club Live', venue: 'Schlachthof Saal', street: 'Zenettistraße 9', city: 'München', postal: '80337' },
		{ name: 'Tech Founders Summit', venue: 'Kongresshalle am Zoo', street: 'Pfaffendorfer Straße 31', city: 'Leipzig', postal: '04105' },
		{ name: 'Alpine Trail Run', venue: 'Start Dorfplatz', street: 'Dorfplatz 1', city: 'Garmisch-Partenkirchen', postal: '82467' },
		{ name: 'Electronic Nights Vol. 7', venue: 'Halle Tor 2', street: 'Girlitzweg 30', city: 'Köln', postal: '50829' },
	],
	TICKET_TYPES: [
		{ name: 'Early Bird', price: 29, category: 'Standing' },
		{ name: 'Regular', price: 39, category: 'Standing' },
		{ name: 'Seated Category A', price: 69, category: 'Seated' },
		{ name: 'VIP', price: 129, category: 'VIP' },
		{ name: 'Student (reduced)', price: 19, category: 'Standing' },
	],
	PRODUCTS: [
		{ name: 'Festival T-Shirt', price: 25, variantId: '65a1f0c2e4b0a1b2c3d4e501' },
		{ name: 'Parking ticket', price: 12, variantId: '65a1f0c2e4b0a1b2c3d4e502' },
		{ name: 'Programme booklet', price: 8, variantId: '65a1f0c2e4b0a1b2c3d4e503' },
		{ name: 'Cloakroom voucher', price: 3, variantId: '65a1f0c2e4b0a1b2c3d4e504' },
	],
	PRENAMES: [
		'Anna', 'Lukas', 'Mia', 'Jonas', 'Sofia', 'Leon', 'Emma', 'Noah', 'Lena', 'Felix', 'Clara', 'Paul', 'Hannah',
		'Elias', 'Marie', 'Ben', 'Laura', 'Tim', 'Julia', 'Max', 'Sarah', 'David', 'Nina', 'Jan', 'Amelie', 'Omar',
		'Aylin', 'Mateo', 'Chloé', 'Yuki',
	],
	LASTNAMES: [
		'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Schulz',
		'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hartmann',
		'Lange', 'Werner', 'Krause', 'Lehmann', 'Köhler', 'Yılmaz', 'Novak', 'Rossi', 'Dubois', 'Jensen',
	],
	COMPANIES: ['', '', '', '', 'Acme Event Services GmbH', 'Nordlicht Media AG', 'Example Consulting KG'],
	ADDRESSES: [
		{ street: 'Hauptstraße 12', city: 'Berlin', postal: '10115', country: 'DE' },
		{ street: 'Bahnhofstraße 5', city: 'Hamburg', postal: '20095', country: 'DE' },
		{ street: 'Leopoldstraße 77', city: 'München', postal: '80802', country: 'DE' },
		{ street: 'Ehrenstraße 41', city: 'Köln', postal: '50672', country: 'DE' },
		{ street: 'Berger Straße 120', city: 'Frankfurt am Main', postal: '60316', country: 'DE' },
		{ street: 'Karl-Liebknecht-Straße 8', city: 'Leipzig', postal: '04107', country: 'DE' },
		{ street: 'Mariahilfer Straße 99', city: 'Wien', postal: '1060', country: 'AT' },
		{ street: 'Langstrasse 14', city: 'Zürich', postal: '8004', country: 'CH' },
	],
	EMAIL_DOMAINS: ['example.com', 'example.org', 'example.net'],
	USER_AGENTS: [
		{ ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36', browser: { name: 'Chrome', version: '130.0.0.0', major: '130' }, os: { name: 'Windows', version: '10' }, device: {} },
		{ ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', browser: { name: 'Mobile Safari', version: '18.1', major: '18' }, os: { name: 'iOS', version: '18.1' }, device: { vendor: 'Apple', model: 'iPhone', type: 'mobile' } },
		{ ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:132.0) Gecko/20100101 Firefox/132.0', browser: { name: 'Firefox', version: '132.0', major: '132' }, os: { name: 'Mac OS', version: '10.15' }, device: {} },
	],
};
