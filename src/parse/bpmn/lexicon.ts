/** Words that tell what a BPMN label means; matched on whole words of the normalised, lower-cased label. */
export interface Lexicon {
  customer: string[];
  system: string[];
  contactVerbs: string[];
  /** Words that make a name with a customer word the company's own unit ("Customer Service", "Kundenbetreuung"). */
  organisation: string[];
  /** Words naming the company's own people: a message to them is not a customer contact. */
  staff: string[];
  /** Verbs that make a task a booking when the label starts with them. */
  scheduleVerbs: string[];
  /** Words that make a task with a person a meeting. */
  meeting: string[];
  calendar: string[];
  crm: string[];
}

export const DEFAULT_LEXICON: Lexicon = {
  customer: ['customer', 'customers', 'client', 'clients', 'kunde', 'kunden', 'kundin', 'guest', 'guests', 'applicant', 'applicants', 'bewerber', 'bewerberin', 'traveller', 'traveler', 'travellers', 'patient', 'patients', 'buyer', 'consumer', 'citizen', 'passenger', 'tenant', 'prospect', 'kund', 'kunder'],
  system: ['system', 'systems', 'crm', 'erp', 'automation', 'automated', 'engine', 'bot', 'server', 'service bus', 'platform', 'portal', 'website', 'web shop', 'webshop', 'app', 'software', 'sap', 'workflow engine'],
  contactVerbs: ['send', 'sends', 'notify', 'notifies', 'inform', 'informs', 'e-mail', 'email', 'mail', 'remind', 'reminder', 'call', 'phone', 'contact', 'message', 'confirm', 'invite', 'ask', 'tell', 'text', 'sms', 'letter', 'benachrichtigen', 'informieren', 'anrufen', 'erinnern', 'mailen', 'kontaktieren', 'zusenden', 'versenden', 'senden', 'schicken', 'mitteilen', 'einladen'],
  organisation: ['onboarding', 'service', 'services', 'care', 'support', 'management', 'experience', 'success', 'relations', 'relationship', 'process', 'center', 'centre', 'team', 'department', 'desk', 'portal', 'database', 'data', 'betreuung', 'service-center', 'abteilung', 'verwaltung', 'manager', 'advisor', 'adviser', 'agent', 'agents', 'representative', 'officer', 'consultant', 'executive', 'clerk', 'specialist', 'berater', 'beraterin', 'betreuer', 'sachbearbeiter'],
  staff: ['team', 'manager', 'staff', 'operations', 'employee', 'employees', 'colleague', 'colleagues', 'department', 'back office', 'backoffice', 'supervisor', 'mitarbeiter', 'abteilung', 'vorgesetzten', 'kollegen', 'fachbereich'],
  scheduleVerbs: ['book', 'schedule', 'reserve', 'arrange', 'plan', 'buchen', 'terminieren', 'vereinbaren', 'reservieren', 'einplanen', 'festlegen', 'abstimmen', 'ausmachen'],
  meeting: ['meeting', 'meet', 'visit', 'interview', 'consultation', 'appointment', 'slot', 'test drive', 'handover', 'gespräch', 'besuch', 'beratung', 'termin', 'vorstellungsgespräch', 'besprechung'],
  calendar: ['calendar', 'calendars', 'kalender', 'timetable', 'schedule', 'availability', 'termin', 'termine', 'terminkalender', 'booking', 'bookings', 'appointments', 'diary', 'agenda', 'rota'],
  crm: ['crm', 'customer database', 'customer data', 'customer record', 'customer records', 'kundendaten', 'kundendatenbank', 'kundenakte', 'customer file', 'client database', 'contacts', 'salesforce', 'hubspot', 'dynamics'],
};

/** Whitespace that needs folding: at either end, doubled, or other than a plain space. */
const UNTIDY_SPACE = /^\s|\s$|\s\s|[^\S ]/;

/** Line breaks, double spaces and hyphenated line ends ("Arbeits- vertrag") folded into one clean label. */
export function normaliseLabel(label: string): string {
  let s = label;
  if (s.includes('-')) s = s.replace(/(\p{L})-\s*[\r\n]+\s*(\p{Ll})/gu, '$1$2').replace(/(\p{L})- (\p{Ll})/gu, '$1$2');
  return UNTIDY_SPACE.test(s) ? s.replace(/\s+/g, ' ').trim() : s;
}

/** The last label's words, lower-cased and padded with spaces: a model asks several lists about one label in turn. */
let lastWords = { label: '', text: '  ' };

function wordsOf(label: string): string {
  if (lastWords.label !== label) lastWords = { label, text: ` ${normaliseLabel(label).toLowerCase().replace(/[^\p{L}\p{N}-]+/gu, ' ')} ` };
  return lastWords.text;
}

/** The label's first word when it is one of `words` (an imperative: "Book a test drive"). */
export function startsWithWord(label: string, words: readonly string[]): string | undefined {
  const text = wordsOf(label);
  const first = text.slice(1, text.indexOf(' ', 1));
  return words.find((w) => w === first);
}

/** The label's last word when it is one of `words` (German puts the verb last: "Termin vereinbaren"). */
export function endsWithWord(label: string, words: readonly string[]): string | undefined {
  const text = wordsOf(label);
  const last = text.slice(text.lastIndexOf(' ', text.length - 2) + 1, -1);
  return words.find((w) => w === last);
}

/** The first lexicon word the label contains as a whole word (or phrase), if any. */
export function findWord(label: string, words: readonly string[]): string | undefined {
  const text = wordsOf(label);
  return words.find((w) => text.includes(` ${w.toLowerCase()} `));
}

/** The built-in lexicon with a config's words added to each list. */
export function extendLexicon(extra: Partial<Record<keyof Lexicon, string[]>> | undefined): Lexicon {
  if (!extra) return DEFAULT_LEXICON;
  const out = { ...DEFAULT_LEXICON };
  for (const key of Object.keys(out) as (keyof Lexicon)[]) out[key] = [...(extra[key] ?? []), ...DEFAULT_LEXICON[key]];
  return out;
}
