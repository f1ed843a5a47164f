'use strict';
// Moves a workflow between the umbrella package (n8n-nodes-event-payments) and the single-provider packages
// (scripts/lib/packages.js): n8n names a community node "<package>.<node>", so the same node has another type
// name in each package. Credential types are the same in every package (docs/packages.md), so a workflow's
// credential references and the stored credentials stay as they are.
const { UMBRELLA, PACKAGES } = require('./packages');

const ALL = [UMBRELLA, ...PACKAGES.map((p) => p.name)];

/** The node name of a provider's action node: the provider folder, first letter lower-cased (Vivenu → vivenu). */
const baseName = (pkg) => `${pkg.dir[0].toLowerCase()}${pkg.dir.slice(1)}`;

/** The single package a node name belongs to: vivenu, vivenuTrigger and vivenuTool (n8n's AI tool variant). */
function providerOf(nodeName) {
  const base = nodeName.replace(/Tool$/, '').replace(/Trigger$/, '');
  return PACKAGES.find((p) => baseName(p) === base) || null;
}

/** "<package>.<node>" of one of our packages → { pkg, node }; anything else (n8n's own nodes) → null. */
function parseType(type) {
  if (typeof type !== 'string') return null;
  const dot = type.lastIndexOf('.');
  const pkg = type.slice(0, dot);
  return dot > 0 && ALL.includes(pkg) ? { pkg, node: type.slice(dot + 1) } : null;
}

class MigrationError extends Error {}

/**
 * Rewrites the node types of one workflow for package `to` (the umbrella or a single package) and returns
 * { workflow (a copy), changed: [{ node, from, to }], providers: [package names its nodes need] }. Throws a
 * MigrationError naming the nodes when `to` is a single package and the workflow uses another provider too.
 */
function migrateWorkflow(workflow, to) {
  if (!ALL.includes(to)) throw new MigrationError(`--to must be one of ${ALL.join(', ')} (got ${to})`);
  if (!workflow || !Array.isArray(workflow.nodes)) throw new MigrationError('not an n8n workflow: it has no "nodes" array');
  const ours = [];
  for (const node of workflow.nodes) {
    const parsed = parseType(node.type);
    if (!parsed) continue;
    const provider = providerOf(parsed.node);
    if (!provider) throw new MigrationError(`node "${node.name}" has type ${node.type}, which no package of ours holds`);
    ours.push({ node, parsed, provider });
  }
  const providers = [...new Set(ours.map((o) => o.provider.name))];
  if (to !== UMBRELLA) {
    const others = ours.filter((o) => o.provider.name !== to);
    if (others.length) {
      const list = others.map((o) => `"${o.node.name}" (${o.provider.title}, ${o.provider.name})`).join(', ');
      throw new MigrationError(`workflow "${workflow.name || workflow.id || '?'}" uses nodes of another provider than ${to}: ${list}. `
        + `A single package holds one provider: keep this workflow on ${UMBRELLA}, or split it into one workflow per provider.`);
    }
  }
  const changed = [];
  const nodes = workflow.nodes.map((node) => {
    const hit = ours.find((o) => o.node === node);
    if (!hit) return node;
    const type = `${to}.${hit.parsed.node}`;
    if (type === node.type) return node;
    changed.push({ node: node.name, from: node.type, to: type });
    return { ...node, type };
  });
  return { workflow: { ...workflow, nodes }, changed, providers };
}

module.exports = { migrateWorkflow, MigrationError, parseType, providerOf, ALL_PACKAGES: ALL };
