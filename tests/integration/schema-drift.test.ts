// schema.prisma and the database the SQL migrations build must agree: the same tables, columns,
// types, nullability, enums and unique keys. Prisma's own diff engine cannot run here, so this
// test reads the schema with Prisma's DMMF (WebAssembly, offline) and compares it with
// information_schema and pg_catalog on a freshly migrated database.
import internals from "@prisma/internals";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";

const schemaPath = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");
const schemaText = readFileSync(schemaPath, "utf8");

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  type: string;
  isRequired: boolean;
  isList: boolean;
  isUnique: boolean;
  isId: boolean;
  nativeType?: [string, string[]] | null;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
  uniqueFields: string[][];
}
interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName?: string | null }[];
}

const dmmf = (await internals.getDMMF({ datamodel: schemaText })) as unknown as {
  datamodel: { models: DmmfModel[]; enums: DmmfEnum[] };
};
const models = dmmf.datamodel.models;
const enums = dmmf.datamodel.enums;
const enumDbName = new Map(enums.map((e) => [e.name, e.dbName ?? e.name]));

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "int4",
  BigInt: "int8",
  Boolean: "bool",
  DateTime: "timestamp(3)",
  Json: "jsonb",
  Bytes: "bytea",
  Float: "float8",
};
const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Uuid: () => "uuid",
  Timestamptz: (a) => `timestamptz(${a[0] ?? 6})`,
  Timestamp: (a) => `timestamp(${a[0] ?? 6})`,
  Date: () => "date",
  Text: () => "text",
};

function expectedType(field: DmmfField): string {
  let base: string;
  if (field.kind === "enum") base = enumDbName.get(field.type)!;
  else if (field.nativeType) base = NATIVE_TYPES[field.nativeType[0]]!(field.nativeType[1]);
  else base = SCALAR_TYPES[field.type] ?? `unknown:${field.type}`;
  return field.isList ? `${base}[]` : base;
}

const columnName = (model: DmmfModel, fieldName: string) => {
  const f = model.fields.find((x) => x.name === fieldName)!;
  return f.dbName ?? f.name;
};

/** Unsupported("…") fields are not in the DMMF; read them (and their @map) from the text. */
function unsupportedColumns(): Map<string, string[]> {
  const byTable = new Map<string, string[]>();
  for (const block of schemaText.matchAll(/model\s+(\w+)\s*\{([\s\S]*?)\n\}/g)) {
    const model = models.find((m) => m.name === block[1])!;
    for (const line of block[2]!.matchAll(/^\s*(\w+)\s+Unsupported\("([^"]+)"\)\??(.*)$/gm)) {
      const mapped = /@map\("([^"]+)"\)/.exec(line[3] ?? "")?.[1] ?? line[1]!;
      const table = model.dbName ?? model.name;
      byTable.set(table, [...(byTable.get(table) ?? []), `${mapped}:${line[2]}`]);
    }
  }
  return byTable;
}

async function actualColumns(client: import("pg").Client): Promise<string[]> {
  const { rows } = await client.query<{
    table_name: string;
    column_name: string;
    udt_name: string;
    is_nullable: "YES" | "NO";
    datetime_precision: number | null;
  }>(
    `SELECT table_name, column_name, udt_name, is_nullable, datetime_precision
       FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  );
  return rows
    .map((r) => {
      let type = r.udt_name.startsWith("_") ? `${r.udt_name.slice(1)}[]` : r.udt_name;
      if (/^timestamp/.test(type)) type = type.replace(/^(timestamptz|timestamp)/, `$1(${r.datetime_precision})`);
      return `${r.table_name}.${r.column_name} ${type} ${r.is_nullable === "YES" ? "NULL" : "NOT NULL"}`;
    })
    .sort();
}

function expectedColumns(): string[] {
  const expected: string[] = [];
  for (const model of models) {
    const table = model.dbName ?? model.name;
    for (const field of model.fields) {
      if (field.kind === "object") continue;
      // Prisma creates list columns nullable, whatever the field says.
      const nullable = !field.isRequired || field.isList;
      expected.push(`${table}.${field.dbName ?? field.name} ${expectedType(field)} ${nullable ? "NULL" : "NOT NULL"}`);
    }
  }
  for (const [table, columns] of unsupportedColumns()) {
    for (const c of columns) {
      const [name, type] = c.split(":");
      expected.push(`${table}.${name} ${type} NULL`);
    }
  }
  return expected.sort();
}

const database = await useTestDatabase();

describe("schema.prisma and the migrated database", () => {
  it("have the same tables", async () => {
    const client = await database.pgClient();
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(models.map((m) => m.dbName ?? m.name).sort());
  });

  it("have the same columns, types and nullability", async () => {
    const client = await database.pgClient();
    expect(await actualColumns(client)).toEqual(expectedColumns());
  });

  it("have the same enums and values", async () => {
    const client = await database.pgClient();
    const { rows } = await client.query<{ typname: string; labels: string[] }>(
      `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
         JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = 'public'
        GROUP BY t.typname`,
    );
    const actual = Object.fromEntries(rows.map((r) => [r.typname, r.labels]));
    const expected = Object.fromEntries(enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)]));
    expect(actual).toEqual(expected);
  });

  it("have the same primary and unique keys", async () => {
    const client = await database.pgClient();
    const { rows } = await client.query<{ table_name: string; columns: string[]; is_primary: boolean; partial: boolean }>(
      `SELECT c.relname AS table_name,
              array_agg(a.attname ORDER BY k.ord)::text[] AS columns,
              i.indisprimary AS is_primary,
              i.indpred IS NOT NULL AS partial
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
         JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
        WHERE i.indisunique AND c.relname <> '_prisma_migrations'
        GROUP BY c.relname, i.indexrelid, i.indisprimary, i.indpred`,
    );
    const actual = rows.map((r) => `${r.table_name} ${r.is_primary ? "PK" : "UNIQUE"}(${r.columns.join(",")})${r.partial ? " partial" : ""}`).sort();
    const expected: string[] = [];
    for (const model of models) {
      const table = model.dbName ?? model.name;
      const idField = model.fields.find((f) => f.isId);
      if (idField) expected.push(`${table} PK(${idField.dbName ?? idField.name})`);
      if (model.primaryKey) expected.push(`${table} PK(${model.primaryKey.fields.map((f) => columnName(model, f)).join(",")})`);
      for (const f of model.fields.filter((x) => x.isUnique)) expected.push(`${table} UNIQUE(${f.dbName ?? f.name})`);
      for (const u of model.uniqueFields) expected.push(`${table} UNIQUE(${u.map((f) => columnName(model, f)).join(",")})`);
    }
    expect(actual).toEqual(expected.sort());
  });

  it("notices a column, a type or a nullability the schema does not have", async () => {
    const client = await database.pgClient();
    await client.query("ALTER TABLE regions ADD COLUMN stray text");
    expect(await actualColumns(client)).not.toEqual(expectedColumns());
    await client.query("ALTER TABLE regions DROP COLUMN stray");
    await client.query("ALTER TABLE skills ALTER COLUMN description DROP NOT NULL");
    expect(await actualColumns(client)).not.toEqual(expectedColumns());
    await client.query("ALTER TABLE skills ALTER COLUMN description SET NOT NULL");
    expect(await actualColumns(client)).toEqual(expectedColumns());
  });
});
