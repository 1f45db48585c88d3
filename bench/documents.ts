/** The benchmark's documents: generated, then analysed once for what the parts need to know of them. */
import type { PostmortemService } from '../server/src/service';
import { benchDocuments, generateBenchDocument, type BenchDocumentSpec, type BenchTemplate } from './generate';
import { bytes, section } from './report';

export interface Doc {
  spec: BenchDocumentSpec;
  text: string;
  bytes: number;
  lines: number;
  diagnostics: number;
  timelineRows: number;
  placeholders: number;
  /** Where the unfilled-placeholder diagnostics start (a bracket placeholder starts with `[`). */
  placeholderStarts: { line: number; character: number; bracket: boolean }[];
}

/** Generates the documents and prints their section; `results` gets their description. */
export function benchDocumentsOf(template: BenchTemplate, service: PostmortemService, results: Record<string, unknown>): Doc[] {
  const docs: Doc[] = [];
  const genRows = section('Documents (generated, deterministic)');
  for (const spec of benchDocuments) {
    const text = generateBenchDocument(template, spec);
    const analysis = service.analyze(text);
    const diagnostics = service.diagnostics(analysis);
    const lines = text.split('\n');
    const doc: Doc = {
      spec,
      text,
      bytes: Buffer.byteLength(text),
      lines: lines.length,
      diagnostics: diagnostics.length,
      timelineRows: analysis.timeline?.tables.reduce((n, t) => n + t.rows.length, 0) ?? 0,
      placeholders: analysis.doc.placeholders.length,
      placeholderStarts: diagnostics
        .filter((x) => x.code === 'unfilled-placeholder')
        .map((x) => ({ ...x.range.start, bracket: lines[x.range.start.line]?.[x.range.start.character] === '[' })),
    };
    if (!analysis.looksLikePostmortem) throw new Error(`${spec.name}: not recognised as a post-mortem`);
    docs.push(doc);
    genRows.push({
      metric: spec.name,
      value: `${bytes(doc.bytes)}, ${doc.lines} lines, ${doc.timelineRows} timeline rows, ${doc.placeholders} placeholders, ${doc.diagnostics} diagnostics`,
    });
  }
  results.documents = docs.map(({ spec, bytes: b, lines, diagnostics, timelineRows, placeholders }) => ({
    name: spec.name,
    shape: spec.shape,
    seed: spec.seed,
    targetBytes: spec.targetBytes,
    bytes: b,
    lines,
    timelineRows,
    placeholders,
    diagnostics,
  }));
  return docs;
}

export const docNamed = (docs: readonly Doc[], name: string): Doc => {
  const doc = docs.find((d) => d.spec.name === name);
  if (!doc) throw new Error(`no document ${name}`);
  return doc;
};
