import type { Db } from '../../../platform/db/client.ts';
import { queryRaw } from '../../../platform/db/client.ts';
import { createStatementGroups } from '../../../platform/db/statement-groups.ts';
import type { Level } from '../contract.ts';
import type { SourceRecord } from '../records.ts';
import type { Lookup, RecordSource } from './source.ts';

interface CaseRow {
  id: string;
  registration_number: string;
  status: string;
  registered_at: Date | string | null;
  due_at: Date | string | null;
  subject: string;
  resolution: { answer?: string } | null;
  citizen_id: string | null;
  category_name: Record<string, string>;
  sensitive: boolean;
  disclosure_level: string;
  department_name: Record<string, string> | null;
  birth_date: string | Date | null;
  voice_opt_out: boolean | null;
  phone: string | null;
}

// One statement per look-up, on indexed columns only (cases_registration_number_uq,
// citizens_national_id_uq, cases_citizen_idx): the hot path of every status turn.
const SELECT = `SELECT c.id, c.registration_number, c.status, c.registered_at, c.due_at, c.subject, c.resolution, c.citizen_id,
    cat.name AS category_name, cat.sensitive, cat.disclosure_level, d.name AS department_name, z.birth_date::text AS birth_date, z.voice_opt_out,
    (SELECT cc.value FROM citizen_contacts cc WHERE cc.tenant_id = c.tenant_id AND cc.citizen_id = c.citizen_id AND cc.kind = 'phone' ORDER BY cc.created_at LIMIT 1) AS phone
  FROM cases c
  JOIN categories cat ON cat.id = c.category_id
  LEFT JOIN departments d ON d.id = c.department_id
  LEFT JOIN citizens z ON z.id = c.citizen_id`;

const REGISTERED = `c.status <> 'draft' AND c.registration_number IS NOT NULL`;

const toIso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
const toDay = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/**
 * Our own cases: the registration number, or the national ID of the citizen who filed them.
 * `groupedDb`: where the grouped look-up by number runs (Database.groupedDb).
 */
export function createCaseSource(db: Db, groupedDb: Db): RecordSource {
  function present(r: CaseRow): SourceRecord {
    return {
      kind: 'case',
      key: r.id,
      reference: r.registration_number,
      citizenId: r.citizen_id,
      birthDate: toDay(r.birth_date),
      phone: r.phone,
      levelNeeded: (r.disclosure_level as Level) ?? 'L1',
      sensitive: r.sensitive,
      voiceOptOut: r.voice_opt_out === true,
      facts: {
        status: r.status,
        categoryName: r.category_name,
        registeredAt: toIso(r.registered_at),
        dueAt: toIso(r.due_at),
        subject: r.subject,
        resolutionSummary: r.resolution?.answer ?? null,
        departmentName: r.department_name,
      },
    };
  }

  // The hot path: "my request is PET-2026-000123". Concurrent turns' numbers are looked up in one
  // statement (a registration number is unique in its institution: at most one row each).
  const byNumber = createStatementGroups<string, CaseRow | undefined>(
    async (tenantId, numbers) => {
      const { rows } = await queryRaw<CaseRow>(groupedDb, `${SELECT} WHERE c.tenant_id = $1 AND c.registration_number = ANY($2::text[]) AND ${REGISTERED}`, [tenantId, numbers], {
        prepared: 'status-case-by-reference-group',
      });
      const found = new Map(rows.map((r) => [r.registration_number, r]));
      return numbers.map((n) => found.get(n));
    },
    { name: 'status case look-up', maxGroup: 100 },
  );

  return {
    async find(tenantId, _kind, lookup: Lookup) {
      let where: string;
      let value: string;
      switch (lookup.by) {
        case 'reference': {
          const row = await byNumber.add(tenantId, lookup.value);
          return row ? [present(row)] : [];
        }
        case 'key':
          where = `c.tenant_id = $1 AND c.id = $2::uuid`;
          value = lookup.value;
          break;
        case 'national_id':
          where = `c.tenant_id = $1 AND c.citizen_id = (SELECT id FROM citizens WHERE tenant_id = $1 AND national_id_index = $2 AND merged_into_id IS NULL)`;
          value = lookup.index;
          break;
        default:
          return [];
      }
      const { rows } = await queryRaw<CaseRow>(db, `${SELECT} WHERE ${where} AND ${REGISTERED} ORDER BY c.registered_at DESC NULLS LAST LIMIT 5`, [tenantId, value], {
        prepared: `status-case-by-${lookup.by}`,
      });
      return rows.map(present);
    },
  };
}
