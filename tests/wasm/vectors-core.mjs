// The conformance-vector runner for wasm, shared by Node and the browser (no Node imports here):
// partial matching with the same rules as tests/vectors.rs, and one result line per case in the
// format of examples/vector_cards.rs.

/** JSON with object keys sorted at every level, so JS and Rust output compare byte for byte. */
export function canonical(value) {
  return JSON.stringify(value, (_, v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]))
      : v);
}

/** Differences between an expected partial value and an actual one (empty when they match). */
export function matches(expected, actual, path = '', errors = []) {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null && Object.keys(expected).length === 0) return errors;
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      errors.push(`${path}: got ${JSON.stringify(actual)}, expected an object`);
      return errors;
    }
    if (typeof expected.messageContains === 'string' && !String(actual.message ?? '').includes(expected.messageContains)) {
      errors.push(`${path}.message: ${JSON.stringify(actual.message)} does not contain ${JSON.stringify(expected.messageContains)}`);
    }
    for (const [k, v] of Object.entries(expected)) {
      if (k === 'messageContains') continue;
      if (!(k in actual)) errors.push(`${path}.${k}: missing, expected ${JSON.stringify(v)}`);
      else matches(v, actual[k], `${path}.${k}`, errors);
    }
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      errors.push(`${path}: got ${JSON.stringify(actual)}, expected ${expected.length} items`);
    } else {
      expected.forEach((v, i) => matches(v, actual[i], `${path}[${i}]`, errors));
    }
  } else if (expected !== actual) {
    errors.push(`${path}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  }
  return errors;
}

/**
 * Runs every case of `files` ([{ name, doc }]) against a leadscore module ({ Scorer }) and returns
 * { lines: ["file:case\tjson", ...], failures: ["file:case: ...", ...], cases }.
 */
export function runCases(ls, files) {
  const lines = [];
  const failures = [];
  let cases = 0;
  for (const { name, doc } of files) {
    for (const c of doc.cases) {
      cases += 1;
      const id = `${name}:${c.name}`;
      const modelDoc = c.model ?? doc.model;
      let scorer;
      try {
        scorer = new ls.Scorer(modelDoc === 'default' ? undefined : modelDoc);
      } catch (e) {
        if (e.name !== 'LeadscoreError') failures.push(`${id}: model threw ${e.name}: ${e.message}`);
        lines.push(`${id}\t${canonical({ issues: e.issues })}`);
        if (c.modelIssues) failures.push(...matches(c.modelIssues, e.issues, 'modelIssues').map((m) => `${id}: ${m}`));
        else failures.push(`${id}: model refused: ${e.message}`);
        scorer?.free?.();
        continue;
      }
      if (c.modelIssues) failures.push(`${id}: model accepted, expected issues`);
      try {
        // A lead (or an account input) given as JSON text, exactly as in the file.
        const card = c.match !== undefined
          ? scorer.matchContacts(JSON.stringify(c.match))
          : c.input !== undefined
            ? scorer.scoreAccount(JSON.stringify(c.input), { asOf: c.asOf })
            : scorer.score(JSON.stringify(c.lead ?? null), { asOf: c.asOf });
        lines.push(`${id}\t${canonical(card)}`);
        if (c.expect) failures.push(...matches(c.expect, card, 'card').map((m) => `${id}: ${m}`));
        else failures.push(`${id}: scored ${card.score}, expected an error`);
      } catch (e) {
        if (e.name !== 'LeadscoreError') failures.push(`${id}: threw ${e.name}: ${e.message}`);
        // The native runner writes the LeadError itself: the same fields, location as data included.
        const error = { code: e.code, message: e.reason ?? e.message, path: e.path, segments: e.segments };
        if (e.code === 'syntax') Object.assign(error, { line: e.line, column: e.column });
        lines.push(`${id}\t${canonical({ error })}`);
        if (c.error) failures.push(...matches(c.error, { code: e.code, path: e.path, message: error.message }, 'error').map((m) => `${id}: ${m}`));
        else failures.push(`${id}: unexpected error: ${e.message}`);
      }
      scorer.free();
    }
  }
  return { lines, failures, cases };
}
