import type { Hover, Position } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { fieldHover } from './fieldHover';

export function getHover(analysis: Analysis, position: Position, now: Date): Hover | null {
  return fieldHover(analysis, position, now);
}
