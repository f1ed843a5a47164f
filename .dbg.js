const { runHistory } = require('./test/model/core');
const { rcpSpec } = require('./test/model/rcp');
const h = JSON.parse(process.argv[2]);
const orig = rcpSpec.provider;
rcpSpec.provider = (world, setup) => { const p = orig(world, setup); const a = p.answer; p.answer = (o, info) => { const r = a(o, info); const ids = Array.isArray(r.body) ? r.body.map(x => x.id) : r.body; console.log('GET offset', o.qs.offset, 'n', o.qs.number, '->', Array.isArray(ids) ? `${ids.length} [${ids[0]}..${ids[ids.length-1]}]` : r.statusCode); return r; }; const np = p.nodeType.poll; p.nodeType.poll = async function () { const r = await np.call(this); console.log('  state', JSON.stringify(this.getWorkflowStaticData('node')).replace(/"statuses":\{[^}]*\}/, '')); return r; }; return p; };
(async () => { const r = await runHistory(rcpSpec, h); console.log(r.failures, r.polls); })();
