import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeOutputFile, type CliIO } from './io.js';

/** What `pmlint init` writes: a starter config and a small valid map. */
export const STARTER_CONFIG = `# pmlint configuration: https://unpkg.com/pmlint/docs/configuration.md
extends: [pmlint:recommended]

rules:
  # Change a rule's severity (off, warn, error):
  # customer-context-before-meeting: error

  # Declare your firm's own rule (https://unpkg.com/pmlint/docs/custom-rules.md):
  # firm/manager-hears-of-discounts:
  #   description: Every discount sent automatically is passed on to the sales manager
  #   for: { type: send, automated: true, offers: { exists: true } }
  #   require:
  #     downstream: { paths: every, within: 5, step: { type: send, to: sales-manager, shares: { includes: "$offers" } } }

# Maps left out when linting folders:
# ignore: [drafts/**]
`;

export const STARTER_MAP = `# yaml-language-server: $schema=https://unpkg.com/pmlint/schemas/process-map.schema.json
# A small customer process to start from: the format is https://unpkg.com/pmlint/docs/format.md
pmlint: 1
process:
  id: callback-request
  name: Callback request from the website
  owner: team-lead
  volume: 40/week

actors:
  customer: { name: Customer, type: customer }
  agent: { name: Customer service agent, type: human, reports-to: team-lead, backup: team-lead, capacity: 100/week }
  team-lead: { name: Team lead, type: human }
  website: { name: Website, type: system }

systems:
  crm: { name: CRM, type: crm }

metrics:
  called-back-same-day:
    measures: call-back
    target: ">= 90%"
    owner: team-lead
    review: weekly
    source: crm

steps:
  - id: callback-requested
    type: start
    trigger: the customer asks for a callback on the website
  - id: confirm-request
    type: send
    actor: website
    to: customer
    channel: email
    writes: crm
  - id: notify-agent
    type: send
    actor: website
    to: agent
    shares: [customer-history]
  - id: call-back
    type: send
    actor: agent
    to: customer
    channel: phone
    reads: crm
    writes: crm
  - id: done
    type: end
`;

/** `pmlint init`: writes both files, or nothing when one exists (unless `--force`); returns the exit code. */
export function init(options: { force?: boolean }, io: CliIO): number {
  const files = [
    ['pmlint.config.yaml', STARTER_CONFIG],
    ['process-map.yaml', STARTER_MAP],
  ] as const;
  const existing = files.filter(([name]) => existsSync(join(io.cwd, name))).map(([name]) => name);
  if (existing.length > 0 && !options.force) {
    io.stderr.write(`pmlint: ${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; nothing written (--force overwrites)\n`);
    return 2;
  }
  for (const [name, text] of files) {
    writeOutputFile(join(io.cwd, name), text, name);
    io.stdout.write(`wrote ${name}\n`);
  }
  io.stdout.write('next: npx pmlint check process-map.yaml\n');
  return 0;
}
