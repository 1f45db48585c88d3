/** Comparison keys, so "## 🔥 Incident summary" finds the template's "Incident Summary". */
export function headingKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
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
