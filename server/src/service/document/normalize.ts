/**
 * Comparison keys, so "## 🔥 1. Incident summary (UTC)" finds the template's "Incident Summary":
 * case, numbering, emoji and punctuation, "&" for "and", and a trailing parenthetical or
 * subtitle ("Root Cause Analysis - 5 whys") do not count.
 */
export function headingKey(title: string): string {
  let text = title.toLowerCase();
  if (text.indexOf('&') !== -1) text = text.replace(/&/g, ' and ');
  // "Timeline (UTC)", "Root Cause Analysis — 5 whys": what the section is comes first.
  const bare = withoutSubtitle(withoutTrailingParenthetical(text));
  if (/[\p{L}\p{N}]/u.test(bare)) text = bare;
  // "IV. Lessons Learned", "B) Timeline": letter and roman numbering, told by its punctuation.
  text = text.replace(/^[^\p{L}\p{N}]*(?:(?:x{0,3}(?:ix|iv|v?i{1,3}|v|x))|[a-z])[.)]\s+(?=\p{L})/u, '');
  text = text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  // "1. Incident Summary", "2.3 Impact", "1️⃣ Timeline": numbers before the title.
  return text.replace(/^(?:\d+ )+(?=\p{L})/u, '');
}

/** "Timeline (UTC)" without "(UTC)"; scanned from the end, linear on long runs of spaces. */
function withoutTrailingParenthetical(text: string): string {
  let end = text.length;
  while (end > 0 && /[\s.:]/.test(text[end - 1])) end--;
  const close = text[end - 1];
  if (close !== ')' && close !== ']') return text;
  const open = text.lastIndexOf(close === ')' ? '(' : '[', end - 1);
  if (open === -1 || /[()[\]]/.test(text.slice(open + 1, end - 1))) return text;
  return text.slice(0, open).trimEnd();
}

/** "Root Cause Analysis - 5 whys" without " - 5 whys": the first dash with white space on both sides. */
function withoutSubtitle(text: string): string {
  for (let k = 1; k < text.length - 1; k++) {
    const code = text.charCodeAt(k);
    if ((code === 45 || code === 0x2013 || code === 0x2014) && /\s/.test(text[k - 1]) && /\s/.test(text[k + 1])) return text.slice(0, k).trimEnd();
  }
  return text;
}

/**
 * Key of a bracket text: case, spacing and numbers folded, so "[Factor 4]" is the template's
 * "[Factor 1]" and "[component]" its "[Component]".
 */
export function placeholderKey(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\d+/g, '#');
}

export function labelKey(label: string): string {
  return label.trim().toLowerCase().replace(/\s+/g, ' ');
}
