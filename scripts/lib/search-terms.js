'use strict';
// What a user types into n8n's node panel, and which of our nodes it must list (checked in the browser by
// scripts/lib/editor-check.js; against the codex files, without a browser, by test/docs/search-terms.test.js).
//
// The panel, in a workflow that already has a trigger, lists one entry per node (a node and its trigger
// merged under the action node's display name) and matches the typed text, lower-cased and without the word
// "trigger", against the display name and each codex alias on their own: it lists a node when every
// character of the text appears in one of them, in order (a fuzzy match, so "payment status" also matches
// "payment status changed"). A phrase therefore finds a node only through an alias that holds the whole
// phrase: the codex `alias` lists (nodes/*/*.node.json) carry the phrases below.

/** Search text → display names of OUR nodes the node panel must list (and no other of ours). */
const SEARCH = {
  // The providers by name.
  vivenu: ['Vivenu'],
  'constant contact': ['Constant Contact'],
  fourvenues: ['Fourvenues'],
  flexiown: ['Flexiown'],
  'restrict content pro': ['Restrict Content Pro'],
  // Single words.
  payment: ['Constant Contact', 'Flexiown', 'Fourvenues', 'Restrict Content Pro', 'Vivenu'],
  ticket: ['Fourvenues', 'Vivenu'],
  transaction: ['Flexiown', 'Fourvenues', 'Restrict Content Pro', 'Vivenu'],
  refund: ['Constant Contact', 'Fourvenues', 'Restrict Content Pro', 'Vivenu'],
  membership: ['Restrict Content Pro'],
  registration: ['Constant Contact'],
  event: ['Constant Contact', 'Fourvenues', 'Vivenu'],
  // Phrases users type (issue 25): what they want done, in the providers' words.
  'payment status': ['Constant Contact', 'Flexiown', 'Fourvenues', 'Restrict Content Pro', 'Vivenu'],
  'mark as paid': ['Constant Contact', 'Restrict Content Pro', 'Vivenu'],
  'order paid': ['Fourvenues', 'Vivenu'],
  'refund ticket': ['Fourvenues', 'Vivenu'],
  'cancel order': ['Flexiown', 'Vivenu'],
  'membership payment': ['Restrict Content Pro'],
  'cancel registration': ['Constant Contact'],
  'registration paid': ['Constant Contact'],
  'paid at the door': ['Constant Contact'],
  'paid by check': ['Constant Contact'],
  'refund payment': ['Restrict Content Pro'],
  'subscription payment': ['Restrict Content Pro'],
  'rent to own': ['Flexiown'],
  'payment request': ['Flexiown'],
  'resend tickets': ['Vivenu'],
  'box office payment': ['Vivenu'],
  'ticket sales': ['Fourvenues'],
  'ticket by qr code': ['Fourvenues'],
};

/**
 * The panel's rule above, for a node type description with its codex: does `text` find it? (Every character
 * of the text, in order, in the display name or in one alias, ignoring case.)
 */
function panelFinds(text, { displayName, codex }) {
  const wanted = text.toLowerCase().replace('trigger', '');
  const inOrder = (target) => {
    let at = 0;
    for (const ch of target.toLowerCase()) if (ch === wanted[at]) at += 1;
    return wanted.length > 0 && at === wanted.length;
  };
  return [displayName, ...((codex && codex.alias) || [])].some((v) => typeof v === 'string' && inOrder(v));
}

module.exports = { SEARCH, panelFinds };
