'use strict';
// Builds the n8n workflow one benchmark variant runs:
//
//   Start (Manual Trigger) ─▶ [Input (Edit Fields, raw JSON) ─▶ Split (Split Out)] ─▶ Measured
//
// "Input"/"Split" exist only when the scenario feeds items (e.g. 300 transaction IDs); they are
// core nodes that need no task runner. Only the node named "Measured" is timed.
const crypto = require('crypto');

const TRIGGER = 'Start';
const MEASURED = 'Measured';

/** Deterministic UUID-shaped node id from a string (stable workflow JSON between runs). */
function nodeId(seed) {
  const h = crypto.createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * node: { type, typeVersion, parameters, credentials?: { <credType>: { id, name } }, settings?: {…} }
 * (settings are node-level options such as retryOnFail / maxTries / waitBetweenTries).
 * input: optional array of JSON objects the Measured node receives as items.
 */
function buildWorkflow({ id, name, node, input }) {
  const nodes = [{
    id: nodeId(`${id}/trigger`), name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {},
  }];
  const connections = {};
  const link = (from, to) => { connections[from] = { main: [[{ node: to, type: 'main', index: 0 }]] }; };
  let previous = TRIGGER;
  if (input) {
    nodes.push({
      id: nodeId(`${id}/input`), name: 'Input', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [220, 0],
      parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items: input }), options: {} },
    });
    nodes.push({
      id: nodeId(`${id}/split`), name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [440, 0],
      parameters: { fieldToSplitOut: 'items', include: 'noOtherFields', options: {} },
    });
    link(TRIGGER, 'Input');
    link('Input', 'Split');
    previous = 'Split';
  }
  const { settings, ...rest } = node;
  nodes.push({ id: nodeId(`${id}/measured`), name: MEASURED, position: [660, 0], ...rest, ...(settings || {}) });
  link(previous, MEASURED);
  return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/** n8n workflow ids are short alphanumeric strings; derive one from the variant key. */
function workflowId(key) {
  return `bench${crypto.createHash('sha1').update(key).digest('hex').slice(0, 11)}`;
}

module.exports = { buildWorkflow, workflowId, TRIGGER, MEASURED };
