-- Ids of version 7 (RFC 9562) for the tables every status turn writes and that are kept long:
-- the first 48 bits are the Unix time in milliseconds, the rest random (74 bits, from
-- gen_random_uuid, whose version nibble 0100 becomes 0111 by setting its two low bits; the variant
-- bits stay). Ids made one after another sort together, so the primary key grows at its right
-- edge, which stays in memory, instead of dirtying a random page of an index larger than memory.
CREATE OR REPLACE FUNCTION civicline_uuid_v7() RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;
--> statement-breakpoint
ALTER TABLE "audit_entries" ALTER COLUMN "id" SET DEFAULT civicline_uuid_v7();--> statement-breakpoint
ALTER TABLE "status_sessions" ALTER COLUMN "id" SET DEFAULT civicline_uuid_v7();