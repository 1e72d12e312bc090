// The score bar with the model's tier thresholds marked on it, so a reader sees how far a score is
// from the next tier (the way CRM score screens show their MQL line). Thresholds come from the
// model's `tiers`, never from constants here: another model draws its own marks.

/** Where `v` sits on the scale, in percent of the bar (clamped). */
function at(v, scale) {
  const min = scale.min ?? 0;
  const max = scale.max ?? 100;
  return Math.min(100, Math.max(0, (100 * (v - min)) / (max - min || 1)));
}

/**
 * Fills `box` (an empty element) with the bar: a track, the fill up to the score in the tier's
 * colour, a mark at each tier's `min` above the scale's bottom, and the marks' labels under it.
 * Returns `update(score, tierName)`, which moves the fill.
 */
export function scoreMeter(box, scale, tiers) {
  const marks = tiers.filter((t) => t.min > (scale.min ?? 0));
  const track = document.createElement('div');
  track.className = 'meter';
  const fill = document.createElement('div');
  fill.className = 'fill';
  track.append(fill);
  const labels = document.createElement('div');
  labels.className = 'meter-marks';
  for (const t of marks) {
    const tick = document.createElement('span');
    tick.className = 'mark';
    tick.style.left = `${at(t.min, scale)}%`;
    track.append(tick);
    const label = document.createElement('span');
    label.style.left = `${at(t.min, scale)}%`;
    label.textContent = `${t.name} ${t.min}`;
    labels.append(label);
  }
  box.replaceChildren(track, labels);
  const words = marks.map((t) => `${t.name} from ${t.min}`).join(', ');
  return (score, tierName) => {
    fill.style.width = `${at(score, scale)}%`;
    fill.dataset.tier = tierName;
    box.setAttribute('aria-label', `Score ${score} of ${scale.max ?? 100}${words ? `; ${words}` : ''}`);
  };
}
