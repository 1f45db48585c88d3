/** A title as a file-name and ID slug: the one slug New Post-Mortem's file name and its Incident ID share. */
const maxSlugLength = 60;

/** `"Disk full on ledger primary!"` -> `"disk-full-on-ledger-primary"`; `"postmortem"` when nothing is left. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxSlugLength)
    .replace(/-+$/, '');
  return slug || 'postmortem';
}
