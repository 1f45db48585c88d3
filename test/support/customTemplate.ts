/** A team's own template and its schema, smaller than the shipped one: one choice field with other values. */
export const customTemplate = '# Outage report\n\n## Summary\n\n**Impact**: [NONE/SOME/ALL]\n\n## Steps\n\n| When | What |\n|---|---|\n| [time] | [what] |\n';
export const customSchema = [
  'name: Outage report',
  'requiredSections: [Summary, Steps]',
  'fields:',
  '  - label: Impact',
  '    section: Summary',
  '    kind: choice',
  '    values:',
  '      - { value: NONE, meaning: Nobody noticed. }',
  '      - { value: SOME, meaning: Some users were affected. }',
  '      - { value: ALL, meaning: Everyone was affected. }',
  'timeline:',
  '  section: Steps',
  '  columns: { time: When, event: What }',
  '',
].join('\n');
