/**
 * The protocol's constants the service uses at run time, for the service's bundle only
 * (dist/service.js: scripts/build.mjs aliases vscode-languageserver-types here): the package is
 * one module of every protocol type, 22 KB for these six, and postmortem-check, which loads the
 * service bundle, has no other use for it. Their values are the protocol's, checked against the
 * package by test/unit/bundles.test.ts; the types are the package's own.
 */
import type * as Types from 'vscode-languageserver-types';

export const CodeActionKind = {
  Empty: '',
  QuickFix: 'quickfix',
  Refactor: 'refactor',
  RefactorExtract: 'refactor.extract',
  RefactorInline: 'refactor.inline',
  RefactorRewrite: 'refactor.rewrite',
  Source: 'source',
  SourceOrganizeImports: 'source.organizeImports',
  SourceFixAll: 'source.fixAll',
} as const satisfies Partial<typeof Types.CodeActionKind>;

export const CompletionItemKind = {
  Text: 1, Method: 2, Function: 3, Constructor: 4, Field: 5, Variable: 6, Class: 7, Interface: 8, Module: 9, Property: 10, Unit: 11, Value: 12, Enum: 13,
  Keyword: 14, Snippet: 15, Color: 16, File: 17, Reference: 18, Folder: 19, EnumMember: 20, Constant: 21, Struct: 22, Event: 23, Operator: 24, TypeParameter: 25,
} as const satisfies Partial<typeof Types.CompletionItemKind>;

export const DiagnosticSeverity = { Error: 1, Warning: 2, Information: 3, Hint: 4 } as const satisfies Partial<typeof Types.DiagnosticSeverity>;

export const InlayHintKind = { Type: 1, Parameter: 2 } as const satisfies Partial<typeof Types.InlayHintKind>;

export const InsertTextFormat = { PlainText: 1, Snippet: 2 } as const satisfies Partial<typeof Types.InsertTextFormat>;

export const MarkupKind = { PlainText: 'plaintext', Markdown: 'markdown' } as const satisfies Partial<typeof Types.MarkupKind>;
