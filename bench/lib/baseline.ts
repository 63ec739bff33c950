/**
 * The baseline: a bare Fastify app doing only the one statement each CivicLine operation is
 * built around, with `pg` — the same INSERT of a registered case row (numbered from an in-memory
 * counter of its own register), and the same SELECT by tenant and registration number.
 * No authentication, validation, numbering lock, routing, timeline, events or audit.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import type { BenchInstitution } from './seed.ts';

interface Body {
  categoryId: string;
  channel: string;
  citizenId: string | null;
  subject: string;
  description?: string;
  customFields?: Record<string, unknown>;
  location?: { address?: string };
  priority?: string;
}

export async function startBaseline(url: string, poolSize: number, inst: BenchInstitution, year: number): Promise<{ app: FastifyInstance; url: string; pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'civicline-bench-baseline' });
  pool.on('error', () => {});
  const app = Fastify({ logger: false });
  let seq = 0;

  app.post<{ Body: Body }>('/cases', async (request, reply) => {
    const b = request.body;
    const now = new Date();
    const n = ++seq;
    const number = `BASE-${year}-${String(n).padStart(7, '0')}`;
    const { rows } = await pool.query(
      `INSERT INTO cases (tenant_id, registration_number, register_id, registration_year, registration_seq, category_id, status, channel,
                          citizen_id, subject, description, custom_fields, address, priority, department_id, assignee_id,
                          registered_at, clock_started_at, due_at, forward_due_at, search_text, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'assigned', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17, $18, $19, $20)
       RETURNING *`,
      [
        inst.tenantId,
        number,
        inst.baselineRegisterId,
        year,
        n,
        b.categoryId,
        b.channel,
        b.citizenId,
        b.subject,
        b.description ?? '',
        b.customFields ?? {},
        b.location?.address ?? null,
        b.priority ?? 'normal',
        inst.departmentId,
        inst.technicianId,
        now,
        new Date(now.getTime() + 30 * 86_400_000),
        new Date(now.getTime() + 5 * 86_400_000),
        `${number} ${b.subject} ${b.description ?? ''}`.toLowerCase(),
        inst.operatorId,
      ],
    );
    return reply.status(201).send(rows[0]);
  });

  app.get<{ Params: { number: string } }>('/cases/by-number/:number', async (request, reply) => {
    const { rows } = await pool.query('SELECT * FROM cases WHERE tenant_id = $1 AND registration_number = $2', [inst.tenantId, request.params.number]);
    if (rows.length === 0) return reply.status(404).send({ error: 'not found' });
    return rows[0];
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, url: `http://127.0.0.1:${port}`, pool };
}
