/** Realistic synthetic maps for the bench: blocks of automated contacts, hand-overs, decisions, reminder loops and meetings. */
export function benchMap(steps: number, name = 'bench'): string {
  const out: string[] = [
    'pmlint: 1',
    `process: { id: ${name}, name: Bench process of ${steps} steps, owner: sales-manager, volume: 400/month }`,
    'actors:',
    '  customer: { name: Customer, type: customer }',
    '  salesperson: { name: Salesperson, type: human, reports-to: sales-manager, backup: sales-manager, capacity: 400/week }',
    '  sales-manager: { name: Sales manager, type: human }',
    '  crm-bot: { name: CRM automation, type: system }',
    'systems:',
    '  crm: { name: CRM, type: crm }',
    '  sales-calendar: { name: Sales calendar, type: calendar, live: true, owner: salesperson }',
    'offers:',
    '  loyalty-offer: { name: Loyalty offer, approved-by: sales-manager }',
    'steps:',
    '  - { id: begin, type: start, trigger: a lease is about to end }',
  ];
  const blocks = Math.max(1, Math.ceil((steps - 2) / 8));
  for (let k = 0; k < blocks; k++) {
    out.push(
      `  - { id: offer-${k}, type: send, actor: crm-bot, to: customer, channel: email, offers: loyalty-offer, writes: crm }`,
      `  - { id: book-${k}, type: schedule, actor: customer, reads: sales-calendar, writes: [sales-calendar, crm] }`,
      `  - { id: tell-staff-${k}, type: send, actor: crm-bot, to: [salesperson, sales-manager], shares: [appointment, customer-history, loyalty-offer] }`,
      `  - id: interested-${k}`,
      `    type: decision`,
      `    next: [{ to: meet-${k}, when: the customer booked, share: 0.6 }, { to: remind-${k}, default: true }]`,
      `  - { id: remind-${k}, type: send, actor: crm-bot, to: customer, channel: sms, writes: crm, next: wait-${k} }`,
      `  - { id: wait-${k}, type: wait, trigger: three days passed, next: interested-${k} }`,
      `  - { id: meet-${k}, type: meeting, actor: salesperson, with: customer, channel: in-person, reads: crm, writes: crm }`,
      `  - { id: log-${k}, type: task, actor: salesperson, writes: crm }`,
    );
  }
  out.push('  - { id: finish, type: end }');
  return out.join('\n') + '\n';
}

/**
 * A bench map whose blocks also split in parallel and join again (work for the soundness rules), with a
 * reminder loop; with `decision`, each block's split is a decision met by the join: a deadlock a block.
 */
export function parallelMap(steps: number, name = 'parallel', split: 'parallel' | 'decision' = 'parallel'): string {
  const lines = benchMap(2, name).split('\n');
  const out = lines.slice(0, lines.findIndex((l) => l.startsWith('steps:')) + 2);
  const blocks = Math.max(1, Math.ceil((steps - 2) / 8));
  for (let k = 0; k < blocks; k++) {
    out.push(
      `  - { id: split-${k}, type: ${split}, next: [tell-staff-${k}, prepare-${k}] }`,
      `  - { id: tell-staff-${k}, type: send, actor: crm-bot, to: [salesperson, sales-manager], shares: [customer-history], next: join-${k} }`,
      `  - { id: prepare-${k}, type: task, actor: salesperson, reads: crm, next: join-${k} }`,
      `  - { id: join-${k}, type: parallel }`,
      `  - { id: remind-${k}, type: send, actor: crm-bot, to: customer, channel: sms, writes: crm }`,
      `  - id: answered-${k}`,
      `    type: decision`,
      `    next: [{ to: meet-${k}, when: the customer answered }, { to: remind-${k}, default: true }]`,
      `  - { id: meet-${k}, type: meeting, actor: salesperson, with: customer, channel: phone, reads: crm, writes: crm }`,
      `  - { id: log-${k}, type: task, actor: salesperson, writes: crm }`,
    );
  }
  out.push('  - { id: finish, type: end }');
  return out.join('\n') + '\n';
}

/**
 * A BPMN process of `tasks` tasks that no flow connects and no start event begins: BPMN starts every
 * one of them, so the reader's implicit start has a flow to each (the widest step a model can have).
 */
export function wideBpmn(tasks: number): string {
  const parts = ['<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="wide" name="Wide">'];
  for (let i = 0; i < tasks; i++) parts.push(`<task id="t${i}" name="Task ${i}"/>`);
  parts.push('</process></definitions>');
  return parts.join('');
}
