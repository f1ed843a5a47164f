'use strict';
/** Stable list order: createdAt descending, then _id descending — skip/top pages never overlap. */
function sortTransactions(list) {
	return list.slice().sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a._id < b._id ? 1 : a._id > b._id ? -1 : 0));
}

module.exports = { sortTransactions };
