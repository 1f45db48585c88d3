/** A title as a file-name and ID slug: the one slug New Post-Mortem's file name and its Incident ID share. */
const maxSlugLength = 60;

/** `"Disk full on ledger primary!"` -> `"disk-full-on-ledger-primary"`; `"postmortem"` when nothing is left. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cutAtWord(slug) || 'postmortem';
}

/** At most maxSlugLength characters, cut between words ("...-replication", not "...-replicat"); a single longer word is cut. */
function cutAtWord(slug: string): string {
  if (slug.length <= maxSlugLength) return slug;
  // A hyphen right after the limit means the limit falls between two words.
  const lastHyphen = slug.charCodeAt(maxSlugLength) === 45 /* - */ ? maxSlugLength : slug.lastIndexOf('-', maxSlugLength);
  return lastHyphen > 0 ? slug.slice(0, lastHyphen) : slug.slice(0, maxSlugLength);
}
