import type { Rule } from './rule';

export const choiceAlias: Rule = {
  id: 'choice-alias',
  defaultLevel: 'hint',
  description: "A choice field is written with another name of an allowed value (SEV-1 for CRITICAL): worth writing the template's own.",
  docs: `The schema may list aliases for a choice value: the names other tools use for it. The shipped
template lists the severity scales of Datadog (\`SEV-1\` to \`SEV-5\`), PagerDuty and Opsgenie
(\`P1\` to \`P5\`): \`SEV0\`, \`SEV1\`, \`S1\`, \`P0\`, \`P1\` mean CRITICAL, \`SEV2\`, \`S2\`, \`P2\` HIGH,
\`SEV3\`, \`S3\`, \`P3\` MEDIUM and \`SEV4\`, \`SEV5\`, \`P4\`, \`P5\` LOW, in any case and with or without a
separator (\`Sev-1\`, \`sev 1\`); the likelihood of recurrence takes \`Moderate\` and \`Med\` for
MEDIUM. A value written with an alias is not wrong, so it is a hint, shown in the editor and not
in the Problems panel: *SEV-1 means CRITICAL in this template*. When the field also names the
value itself (\`SEV-1 (CRITICAL)\`) there is nothing to say.

**Fix**: the quick fix *Write CRITICAL* replaces the alias with the template's value and keeps
the rest of the line.`,
  examples: { field: 'Severity', accepted: ['CRITICAL', 'SEV-1 (CRITICAL)'], rejected: ['SEV-1', 'sev1 (paged)', 'P2', '🟠 S3'] },
  check(analysis, report) {
    const { doc } = analysis;
    for (let index = 0; index < doc.fields.length; index++) {
      const value = analysis.fieldValue(index);
      if (value?.reading.state !== 'ok' || !value.reading.choice?.alias) continue;
      const { choice, alias, start, end } = value.reading.choice;
      report({
        line: doc.fields[index].line,
        start: value.start + start,
        end: value.start + end,
        message: `${alias} means ${choice.value} in this template`,
        data: { field: index, value: choice.value },
      });
    }
  },
};
