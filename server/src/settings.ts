/**
 * Settings as the server uses them: read per document through `workspace/configuration` when the
 * client answers it, else from initialization options and `didChangeConfiguration`; cached per
 * document and cleared when the configuration changes.
 */
import type { Connection } from 'vscode-languageserver/node';
import { configurationSection, type PostmortemSettings, type RuleLevel } from '../../common/protocol';
import { ruleLevels } from './service/rules';

const levels: ReadonlySet<string> = new Set(ruleLevels);

/** Keeps only well-formed values, so a bad setting never breaks the server. */
export function sanitizeSettings(raw: unknown, log: (message: string) => void): PostmortemSettings {
  const settings: PostmortemSettings = {};
  if (typeof raw !== 'object' || raw === null) return settings;
  const r = raw as Record<string, unknown>;
  if (r.rules !== undefined) {
    if (typeof r.rules === 'object' && r.rules !== null && !Array.isArray(r.rules)) {
      settings.rules = {};
      for (const [id, level] of Object.entries(r.rules)) {
        if (typeof level === 'string' && levels.has(level)) settings.rules[id] = level as RuleLevel;
        else log(`Setting postmortem.rules.${id}: '${String(level)}' is not one of off, hint, information, warning, error; using the rule's default.`);
      }
    } else log('Setting postmortem.rules must be an object of rule id to level; using defaults.');
  }
  if (r.files !== undefined) {
    if (Array.isArray(r.files) && r.files.every((f) => typeof f === 'string')) settings.files = r.files as string[];
    else log('Setting postmortem.files must be a list of glob patterns; ignoring it.');
  }
  if (typeof r.folder === 'string') settings.folder = r.folder;
  if (r.dateOrder !== undefined && r.dateOrder !== null) {
    if (r.dateOrder === 'auto' || r.dateOrder === 'dmy' || r.dateOrder === 'mdy') settings.dateOrder = r.dateOrder;
    else log(`Setting postmortem.dateOrder: '${String(r.dateOrder)}' is not one of auto, dmy, mdy; using auto.`);
  }
  if (r.template !== undefined && r.template !== null) {
    if (typeof r.template === 'string') settings.template = r.template.trim();
    else log('Setting postmortem.template must be a path (a string); using the shipped template.');
  }
  return settings;
}

export class SettingsStore {
  private readonly cache = new Map<string, Promise<PostmortemSettings>>();
  private global: PostmortemSettings = {};

  constructor(
    private readonly connection: Connection,
    private readonly pull: boolean,
    private readonly log: (message: string) => void,
  ) {}

  /** The settings of initialization and `didChangeConfiguration`, without asking the client. */
  globalSettings(): PostmortemSettings {
    return this.global;
  }

  setGlobal(raw: unknown): void {
    this.global = sanitizeSettings(raw, this.log);
  }

  clear(): void {
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** Window-scoped settings (`postmortem.template`): not per document, and not cached. */
  async window(): Promise<PostmortemSettings> {
    if (!this.pull) return this.global;
    try {
      // A client with nothing configured answers null: the initialization options then stand.
      const raw: unknown = await this.connection.workspace.getConfiguration(configurationSection);
      return raw === null || raw === undefined ? this.global : sanitizeSettings(raw, this.log);
    } catch {
      return this.global;
    }
  }

  get(uri: string): Promise<PostmortemSettings> {
    if (!this.pull) return Promise.resolve(this.global);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: configurationSection })
        // Nothing configured there (Neovim answers null): the initialization options stand.
        .then((raw) => (raw === null || raw === undefined ? this.global : sanitizeSettings(raw, this.log)))
        .catch(() => this.global);
      this.cache.set(uri, settings);
    }
    return settings;
  }
}
