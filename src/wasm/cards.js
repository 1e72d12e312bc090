// Builds score cards as plain JS objects from what src/wasm/tape.rs wrote, appending them to `out`: one
// call per slice of up to 1,024 cards.
//
// Why: building a card from wasm takes one JS call per property (about 80 for a full card), which
// cost more than scoring the lead. Here wasm writes the card's numbers to a Float64Array (the
// "tape") and refers to texts by number: `S` holds the model's texts (built once per Scorer),
// `D` the batch's other values (lead ids, dates, warnings). A text reference `x` is S[x] when
// x >= 0, null when x === -1, and D[-x - 2] below that.
//
// The properties are added in the order serde writes the Rust card (src/engine/card.rs), so
// JSON.stringify gives the native engine's JSON byte for byte; the conformance tests check it.
// Tape layout (per card): lead id ref, model id, version, fingerprint, asOf refs, score, raw,
// tier name ref (-1: no tier; else rank, action ref, slaHours or NaN, label ref), grade ref, label ref,
// probability or NaN, quality ref (-1: absent), [groups: count, then group ref, points, uncapped
// each; contributions: count, then rule ref, group ref, kind, points, reason ref, events, decayed,
// capped (NaN: absent), lastActivityAt ref, provenance ref (-1: absent) each; enrichment ref (-1:
// absent)], warnings ref (-1: none).

const KINDS = ['attribute', 'event', 'inactivity', 'groupCap', 'rollup', 'breadth', 'role', 'completeness', 'intent', 'accountBoost'];

export function buildCards(t, S, D, explain, asOfDefaulted, out) {
  const text = (x) => (x >= 0 ? S[x] : x === -1 ? null : D[-x - 2]);
  const orNull = (x) => (Number.isNaN(x) ? null : x);
  let i = 0;
  while (i < t.length) {
    const card = {};
    const lead = t[i++];
    if (lead !== -1) card.leadId = text(lead);
    card.modelId = text(t[i++]);
    card.modelVersion = text(t[i++]);
    card.fingerprint = text(t[i++]);
    card.asOf = text(t[i++]);
    card.score = t[i++];
    card.raw = t[i++];
    const tier = t[i++];
    if (tier === -1) {
      card.tier = null;
    } else {
      card.tier = { name: text(tier), rank: t[i], action: text(t[i + 1]), slaHours: orNull(t[i + 2]) };
      if (t[i + 3] !== -1) card.tier.label = text(t[i + 3]);
      i += 4;
    }
    card.grade = text(t[i++]);
    card.label = text(t[i++]);
    card.probability = orNull(t[i++]);
    const quality = t[i++];
    if (quality !== -1) card.quality = text(quality);
    if (explain) {
      const groups = [];
      for (let g = t[i++]; g > 0; g--, i += 3) {
        groups.push({ group: text(t[i]), points: t[i + 1], uncapped: t[i + 2] });
      }
      card.groups = groups;
      const contributions = [];
      for (let c = t[i++]; c > 0; c--, i += 10) {
        const one = { rule: text(t[i]), group: text(t[i + 1]), kind: KINDS[t[i + 2]], points: t[i + 3], reason: text(t[i + 4]) };
        if (!Number.isNaN(t[i + 5])) one.events = t[i + 5];
        if (!Number.isNaN(t[i + 6])) one.decayed = t[i + 6];
        if (!Number.isNaN(t[i + 7])) one.capped = t[i + 7];
        if (t[i + 8] !== -1) one.lastActivityAt = text(t[i + 8]);
        if (t[i + 9] !== -1) one.provenance = text(t[i + 9]);
        contributions.push(one);
      }
      card.contributions = contributions;
      const enrichment = t[i++];
      if (enrichment !== -1) card.enrichment = text(enrichment);
    }
    const warnings = t[i++];
    card.warnings = warnings === -1 ? [] : text(warnings);
    if (asOfDefaulted) card.asOfDefaulted = true;
    out.push(card);
  }
}
