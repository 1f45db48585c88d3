/**
 * A markdown-it plugin for VS Code's Markdown preview: the template placeholders (`[START TIME]`)
 * and blanks (`____`) still in a post-mortem are marked, so that a reviewer reading the preview
 * sees what is unfilled. Only the placeholders the language server found in that document are
 * marked (the preview cannot tell a placeholder from an author's own brackets), and nothing at
 * all in a file that is not a post-mortem: a finished one looks as it always did.
 *
 * It works as text is rendered, not parsed: VS Code parses a document once per version, with no
 * word of which document it is, and renders it with `env.currentDocument`.
 */
import type MarkdownIt from 'markdown-it';

export interface DocumentPlaceholders {
  /** Bracket texts without their brackets. */
  texts: ReadonlySet<string>;
  blanks: boolean;
}

type Renderer = NonNullable<MarkdownIt['renderer']['rules']['text']>;
type Tokens = Parameters<Renderer>[0];

/** `lookup`: the placeholders of the document being rendered (from markdown-it's env), if it is a post-mortem with any. */
export function placeholderPlugin(md: MarkdownIt, lookup: (env: unknown) => DocumentPlaceholders | undefined): MarkdownIt {
  const text: Renderer = md.renderer.rules.text ?? ((tokens, idx) => md.utils.escapeHtml(tokens[idx].content));
  md.renderer.rules.text = (tokens, idx, options, env, self) => {
    const placeholders = lookup(env);
    if (!placeholders || (placeholders.texts.size === 0 && !placeholders.blanks) || insideLink(tokens, idx)) return text(tokens, idx, options, env, self);
    return marked(tokens[idx].content, placeholders, md.utils.escapeHtml) ?? text(tokens, idx, options, env, self);
  };
  return md;
}

/** The text's HTML with its placeholders marked, or undefined when it has none. */
function marked(content: string, placeholders: DocumentPlaceholders, escape: (text: string) => string): string | undefined {
  let html = '';
  let from = 0;
  for (const m of content.matchAll(/\[([^[\]\n]+)\]|_{3,}/g)) {
    const start = m.index!;
    const isBlank = m[1] === undefined;
    // A blank is a run of underscores on its own (snake___case is a name).
    if (isBlank ? !placeholders.blanks || /\w/.test(content[start - 1] ?? '') || /\w/.test(content[start + m[0].length] ?? '') : !placeholders.texts.has(m[1])) continue;
    html += `${escape(content.slice(from, start))}<mark class="postmortem-placeholder" title="${isBlank ? 'Blank to fill in' : 'Placeholder to fill in'}">${escape(m[0])}</mark>`;
    from = start + m[0].length;
  }
  return from === 0 ? undefined : html + escape(content.slice(from));
}

/**
 * Which tokens of an inline's children are a link's text, found once per children array (VS
 * Code keeps a version's tokens and renders them again): asking token by token, scanning back
 * each time, was quadratic in a long paragraph.
 */
const linkTexts = new WeakMap<Tokens, Uint8Array>();

/** Whether the text token is a link's text (an author's link is never a placeholder). */
function insideLink(tokens: Tokens, idx: number): boolean {
  let inside = linkTexts.get(tokens);
  if (!inside) {
    inside = new Uint8Array(tokens.length);
    let depth = 0;
    for (let k = 0; k < tokens.length; k++) {
      if (tokens[k].type === 'link_open') depth++;
      else if (tokens[k].type === 'link_close') depth--;
      inside[k] = depth > 0 ? 1 : 0;
    }
    linkTexts.set(tokens, inside);
  }
  return inside[idx] === 1;
}
