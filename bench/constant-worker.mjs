// The edge benchmark's baseline (bench/edge.mjs): a module worker that does only the plumbing of a
// request, reading the whole body and answering a constant JSON text (the RESPONSE variable: the
// scoring worker's card for the same lead, so both send the same bytes back). The scoring worker's
// requests/s over this one's is the share of a request that is not spent scoring.
export default {
  async fetch(request, env) {
    await request.arrayBuffer();
    return new Response(env.RESPONSE ?? '{}', { headers: { 'content-type': 'application/json; charset=utf-8' } });
  },
};
