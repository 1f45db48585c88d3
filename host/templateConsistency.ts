/**
 * What a schema says of its template that the template does not bear out: a required section
 * or the timeline section that is not in the template (every post-mortem made from it would
 * then be wrong), or a template without sections (no document would be recognised as one); and
 * a review status's level for a rule that does not exist.
 * Checked on the template itself, with the same analysis the rules use.
 */
import { rules } from '../server/src/service/rules';
import { serviceFor, type PostmortemService } from '../server/src/service/service';
import { unfilledGroup } from '../server/src/service/template/schema';
import { templateModelOf } from '../server/src/service/template/templateModel';
import type { LoadResult, TemplateProblem } from './templateLoader';

export interface Mismatch {
  /** Which of the two files the problem is in. */
  in: 'template' | 'schema';
  /** 0-based line. */
  line: number;
  message: string;
}

/** `lineOf`: the schema line of the value at a path (as the schema reader gives it). */
export function templateMismatches(service: PostmortemService, lineOf: (path: (string | number)[]) => number = () => 0): Mismatch[] {
  const model = service.template;
  const mismatches: Mismatch[] = [];
  if (model.topSectionKeys.length === 0) {
    mismatches.push({ in: 'template', line: 0, message: 'the template has no sections (## headings), so no document would be recognised as one of its post-mortems' });
    return mismatches;
  }
  const analysis = service.analyze(model.templateText);
  model.requiredSections.forEach((required, i) => {
    if (analysis.findSection(required.path) !== -1) return;
    mismatches.push({ in: 'schema', line: lineOf(['requiredSections', i]), message: `requiredSections.${i}: '${required.name}' is not a section of the template` });
  });
  const timeline = model.schema.timeline;
  if (timeline && analysis.timeline === undefined) {
    mismatches.push({
      in: 'schema',
      line: lineOf(['timeline', 'section']),
      message: `timeline.section: the template has no section '${timeline.section}' holding a table with a '${timeline.columns.time}' column`,
    });
  }
  // A status's level for a rule that does not exist would be ignored without a word.
  const ruleIds = new Set([unfilledGroup, ...rules.map((r) => r.id)]);
  model.schema.review?.statuses.forEach((status, i) => {
    for (const id of Object.keys(status.levels)) {
      if (ruleIds.has(id)) continue;
      mismatches.push({ in: 'schema', line: lineOf(['review', 'statuses', i, 'levels', id]), message: `review.statuses.${i}.levels.${id}: no rule has this id (expected ${unfilledGroup} or one of ${rules.map((r) => r.id).join(', ')})` });
    }
  });
  return mismatches;
}

/**
 * The service over a template that loaded, or the problems that keep it from use (a template
 * that cannot be modelled, or mismatches), each with its file and line: what the server and
 * postmortem-check both ask of a custom template.
 */
export function serviceOfLoadedTemplate(loaded: Extract<LoadResult, { ok: true }>): { service: PostmortemService; problems?: undefined } | { problems: TemplateProblem[] } {
  const { templatePath, schemaPath } = loaded;
  let service: PostmortemService;
  let mismatches: Mismatch[];
  try {
    service = serviceFor(templateModelOf(loaded.templateText, loaded.schema));
    mismatches = templateMismatches(service, loaded.schemaLineOf);
  } catch (error) {
    return { problems: [{ file: templatePath, line: 0, message: `Template ${templatePath}: cannot be used: ${(error as Error)?.message ?? error}` }] };
  }
  if (mismatches.length === 0) return { service };
  return {
    problems: mismatches.map((m) => {
      const file = m.in === 'schema' ? schemaPath : templatePath;
      return { file, line: m.line, message: `${file}:${m.line + 1}: ${m.message}` };
    }),
  };
}
