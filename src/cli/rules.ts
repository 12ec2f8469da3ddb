import { rulesJson, rulesMarkdown, rulesText } from '../formatters/rules-list.js';
import { useColor } from './color.js';
import { configFor, type CliIO } from './io.js';
import { severityWord } from '../severity.js';

/** `pmlint rules`: every rule the config knows, with its severity there. */
export async function listRules(options: { format: 'text' | 'json' | 'markdown'; config?: string; color?: boolean }, io: CliIO): Promise<number> {
  const config = await configFor(io, options.config);
  const entries = [...config.registry.values()]
    .map((rule) => ({ meta: rule.meta, severity: severityWord(config.rules.get(rule.meta.id)?.severity ?? 'off') }))
    .sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const color = useColor(options.color, io.env, io.stdout.isTTY);
  io.stdout.write(options.format === 'json' ? rulesJson(entries) : options.format === 'markdown' ? rulesMarkdown(entries) : rulesText(entries, color));
  return 0;
}
