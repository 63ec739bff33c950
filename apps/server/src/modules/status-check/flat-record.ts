import { STATUS_LANGUAGES } from './contract.ts';
import { ImportedRecord, parseFacts, type ExternalKind } from './records.ts';

/**
 * One flat row (a CSV line, an SQL result row, an HTTP item after its field map) → a validated
 * record. Column names are snake_case; a text may come as `name` (every language) or as
 * `name_ro`, `name_en`…; lists are `;`-separated. The same mapping for every flat source, so an
 * institution's export and its database view use the same column names.
 */
export type FlatRow = Record<string, unknown>;

export type FlatResult = { ok: true; record: ImportedRecord } | { ok: false; message: string };

const str = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  const s = String(v).trim();
  return s === '' ? null : s;
};

const day = (v: unknown): string | null => {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return str(v);
};

function text(row: FlatRow, name: string): string | Record<string, string> | null {
  const per: Record<string, string> = {};
  for (const lang of STATUS_LANGUAGES) {
    const v = str(row[`${name}_${lang}`]);
    if (v) per[lang] = v;
  }
  if (Object.keys(per).length > 0) return per;
  return str(row[name]);
}

function list(row: FlatRow, name: string): (string | Record<string, string>)[] {
  const perLang = STATUS_LANGUAGES.map((lang) => [lang, str(row[`${name}_${lang}`])?.split(';').map((s) => s.trim()).filter(Boolean) ?? []] as const);
  const longest = Math.max(0, ...perLang.map(([, items]) => items.length));
  if (longest > 0) {
    return Array.from({ length: longest }, (_, i) => Object.fromEntries(perLang.filter(([, items]) => items[i]).map(([lang, items]) => [lang, items[i]!])));
  }
  return str(row[name])?.split(';').map((s) => s.trim()).filter(Boolean) ?? [];
}

const money = (row: FlatRow, amountCol: string, currency: string | null) => {
  const amount = str(row[amountCol]);
  return amount === null ? null : { amount, currency: currency ?? '' };
};

function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  return ['1', 'true', 'yes', 'da', 'da', 'sì', 'si', 'да', 'có'].includes(String(v ?? '').trim().toLowerCase());
}

function facts(kind: ExternalKind, row: FlatRow): Record<string, unknown> {
  const currency = str(row.currency)?.toUpperCase() ?? null;
  switch (kind) {
    case 'invoice':
    case 'local_tax': {
      const quantity = str(row.consumption);
      return {
        state: str(row.state),
        serviceName: text(row, 'service_name'),
        dueDate: day(row.due_date),
        balance: money(row, 'balance', currency),
        penalties: money(row, 'penalties', currency),
        consumption: quantity === null ? null : { quantity, unit: str(row.unit), periodFrom: day(row.period_from), periodTo: day(row.period_to) },
        lastPayments: (str(row.last_payments)?.split(';') ?? [])
          .map((p) => p.trim())
          .filter(Boolean)
          .map((p) => {
            const [paidOn, amount] = p.split('=');
            return { paidOn: paidOn?.trim(), amount: { amount: amount?.trim(), currency } };
          }),
      };
    }
    case 'benefit':
      return {
        state: str(row.state),
        programmeName: text(row, 'programme_name'),
        decidedOn: day(row.decided_on),
        rejectionReason: text(row, 'rejection_reason'),
        amount: money(row, 'amount', currency),
        nextPaymentOn: day(row.next_payment_on),
      };
    case 'appointment':
      return { state: str(row.state), purpose: text(row, 'purpose'), startsAt: str(row.starts_at), place: text(row, 'place'), placeId: str(row.place_id), caseId: str(row.case_id) };
    case 'document':
      return {
        state: str(row.state),
        documentName: text(row, 'document_name'),
        readyFrom: day(row.ready_from),
        expectedOn: day(row.expected_on),
        pickupPlace: text(row, 'pickup_place'),
        bring: list(row, 'bring'),
      };
  }
}

export function flatToRecord(kind: ExternalKind, row: FlatRow): FlatResult {
  const f = parseFacts(kind, facts(kind, row));
  if (!f.ok) return f;
  const level = str(row.level_needed)?.toUpperCase();
  const r = ImportedRecord.safeParse({
    reference: str(row.reference) ?? '',
    clientCode: str(row.client_code),
    address: str(row.address),
    nationalId: str(row.national_id),
    birthDate: day(row.birth_date),
    phone: str(row.phone),
    ...(level ? { levelNeeded: level } : {}),
    sensitive: truthy(row.sensitive),
    facts: f.facts,
  });
  if (!r.success) return { ok: false, message: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { ok: true, record: r.data };
}
