// Score bands calibrated per model from the cosines of unrelated pairs; the seed's 75/40 kept for
// MiniLM, and a user's own thresholds always winning.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_BANDS } from "../../shared/src/types";
import { bandOf, bandsFor, calibrateBands, MODEL_BANDS, unrelatedQuantile } from "../../server/src/search/bands";

test("calibration: 'possible' from the 99th percentile of unrelated pairs rounded up to 0.05, 'strong' at the seed's spacing", () => {
  // 1000 unrelated cosines spread evenly over 0.100 .. 0.599: the 99th percentile is 0.594.
  const unrelated = Array.from({ length: 1000 }, (_, i) => 0.1 + i * 0.0005);
  assert.ok(Math.abs(unrelatedQuantile(unrelated, 0.99) - 0.5945) < 1e-9);
  // possible 0.60; strong 0.60 + 0.40 × 0.35/0.60 = 0.833 -> 0.85.
  assert.deepEqual(calibrateBands(unrelated), { strong: 0.85, possible: 0.6 });
});

test("a model whose unrelated pairs score low keeps at least the seed's 40%", () => {
  const unrelated = Array.from({ length: 200 }, (_, i) => -0.1 + i * 0.001);
  assert.deepEqual(calibrateBands(unrelated), { strong: 0.75, possible: 0.4 });
});

test("calibration needs pairs", () => {
  assert.throws(() => calibrateBands([]), /no similarities to calibrate from/);
});

test("the seed's defaults stand for the model's calibrated bands; MiniLM keeps 75/40", () => {
  assert.deepEqual(bandsFor("Xenova/all-MiniLM-L6-v2", DEFAULT_BANDS), { strong: 0.75, possible: 0.4 });
  assert.deepEqual(bandsFor("bundled:use-lite", DEFAULT_BANDS), MODEL_BANDS["bundled:use-lite"]);
  assert.deepEqual(bandsFor("bundled:use-lite", undefined), MODEL_BANDS["bundled:use-lite"]);
  assert.deepEqual(bandsFor("someone/unknown-model", DEFAULT_BANDS), DEFAULT_BANDS);
  assert.deepEqual(bandsFor("bundled:use-lite", { strong: 0.6, possible: 0.3 }), { strong: 0.6, possible: 0.3 }, "thresholds a user set win");
});

test("with the bundled model, a 45% match (the photosynthesis note against a rank-fusion comment) is weak, not possible", () => {
  const bands = bandsFor("bundled:use-lite", DEFAULT_BANDS);
  assert.equal(bandOf(0.451, bands), "weak");
  assert.equal(bandOf(0.451, DEFAULT_BANDS), "possible", "as the seed's bands had it");
  assert.ok(bands.possible > 0.685, "above the 99th percentile of the unrelated pairs measured");
});
