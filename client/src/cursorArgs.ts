/** Reading the arguments of the cursor command, which code actions from the server carry. */
import type { CursorCommandArgs } from '../../common/protocol';

/** The `{ uri, line, character }` argument, or undefined when it is not one. */
export function parseCursorArgs(arg: unknown): CursorCommandArgs | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { uri, line, character } = arg as Record<string, unknown>;
  if (typeof uri !== 'string' || uri === '') return undefined;
  if (!Number.isInteger(line) || !Number.isInteger(character)) return undefined;
  if ((line as number) < 0 || (character as number) < 0) return undefined;
  return { uri, line: line as number, character: character as number };
}
