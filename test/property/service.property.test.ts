/**
 * Properties of the post-mortem service over generated documents (see arbitraries.ts): nothing
 * throws, every range and edit it returns fits the document, quick fixes fix what they are
 * offered for, fix-all reaches a fixed point, completions leave clean lines, analysis is
 * deterministic and an edited document analyses like a fresh one, and new documents are sound.
 * The checks themselves are in checks.ts.
 *
 * Runs and replay: see config.ts (FC_NUM_RUNS, FC_SEED, FC_PATH). `npm run fuzz` runs these
 * with many more cases.
 */
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { dateArb, documentArb, editSeedArb, positionSeedArb, titleArb } from './arbitraries';
import { checkCompletions, checkDeterminism, checkFixAll, checkIncremental, checkNewDocument, checkQuickFixes, checkRangesAndEdits, existingTextsFrom, levels, ruleIds } from './checks';
import { baseRuns, casesRun, checkProperty } from './config';

const existingArb = fc.array(
  fc.oneof(
    fc.record({ date: dateArb, how: fc.constantFrom('' as const, '\r\n' as const, 'bold' as const, 'code' as const, ' (dup)' as const) }),
    documentArb.map((text) => ({ text })),
  ),
  { maxLength: 4 },
);

describe('service properties', { concurrency: false }, () => {
  after(() => {
    const rows = [...casesRun.entries()].map(
      ([name, { runs, ms, cpuMs }]) => `  ${String(runs).padStart(6)} cases ${(ms / 1000).toFixed(1).padStart(6)} s (cpu ${(cpuMs / 1000).toFixed(1).padStart(5)} s)  ${name}`,
    );
    console.log(`# property cases (FC_NUM_RUNS=${baseRuns}):\n${rows.join('\n')}`);
  });

  it('never throws, and every range and edit it returns lies inside the document', () => {
    checkProperty(
      'ranges and edits inside the document',
      1,
      [
        documentArb,
        fc.array(positionSeedArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom(...ruleIds), fc.constantFrom(...levels), { maxKeys: 3 }),
      ],
      checkRangesAndEdits,
    );
  });

  it('a quick fix removes the diagnostic it is offered for, and adds no error', () => {
    checkProperty('quick fixes fix their diagnostics', 0.5, [documentArb, fc.array(fc.nat(), { maxLength: 4 }), fc.array(fc.nat(), { minLength: 1, maxLength: 5 })], checkQuickFixes);
  });

  it('fix-all reaches a fixed point within a few rounds, and is idempotent', () => {
    checkProperty('fix-all fixed point', 1, [documentArb], checkFixAll);
  });

  it('a completion leaves the same number of lines and a clean value on its line', () => {
    checkProperty('completions give clean lines', 1, [documentArb, fc.array(positionSeedArb, { minLength: 1, maxLength: 6 })], checkCompletions);
  });

  it('is deterministic: the same text gives the same diagnostics, completions and code actions', () => {
    checkProperty('determinism', 1, [documentArb, documentArb, positionSeedArb], checkDeterminism);
  });

  it('incremental equals fresh: after random edits, the diagnostics are those of a fresh analysis', () => {
    checkProperty('incremental equals fresh', 0.75, [documentArb, fc.array(editSeedArb, { minLength: 1, maxLength: 12 })], checkIncremental);
  });

  it('a new document has a safe file name, is a post-mortem, and has a fresh unique ID', () => {
    checkProperty('new document', 0.5, [titleArb, dateArb, existingArb, fc.boolean()], (title, date, specs, sameDay) =>
      checkNewDocument(title, date, existingTextsFrom(specs, date, sameDay)),
    );
  });
});
