import { DatabaseError, DatabaseErrorCode } from '../errors';

/** A column as a schema.prisma model declares it. */
export interface DeclaredColumn {
  /** Column name (the field's `@map`, or the field name). */
  name: string;
  /** PostgreSQL type as information_schema.columns.udt_name spells it (`uuid`, `timestamptz`, `_text`). */
  udtName: string;
  nullable: boolean;
}

/** A table as a schema.prisma model declares it. */
export interface DeclaredTable {
  /** Table name (the model's `@@map`, or the model name). */
  name: string;
  /** Schema of `@@schema`, when given. */
  schema: string | undefined;
  columns: DeclaredColumn[];
}

const SCALAR_TYPES: Record<string, { default: string; native: Record<string, string> }> = {
  String: {
    default: 'text',
    native: {
      Text: 'text',
      Uuid: 'uuid',
      VarChar: 'varchar',
      Char: 'bpchar',
      Citext: 'citext',
      Inet: 'inet',
      Xml: 'xml',
    },
  },
  Int: { default: 'int4', native: { Integer: 'int4', SmallInt: 'int2', Oid: 'oid' } },
  BigInt: { default: 'int8', native: { BigInt: 'int8' } },
  Float: { default: 'float8', native: { DoublePrecision: 'float8', Real: 'float4' } },
  Decimal: { default: 'numeric', native: { Decimal: 'numeric', Money: 'money' } },
  Boolean: { default: 'bool', native: { Boolean: 'bool' } },
  DateTime: {
    default: 'timestamp',
    native: {
      Timestamp: 'timestamp',
      Timestamptz: 'timestamptz',
      Date: 'date',
      Time: 'time',
      Timetz: 'timetz',
    },
  },
  Json: { default: 'jsonb', native: { JsonB: 'jsonb', Json: 'json' } },
  Bytes: { default: 'bytea', native: { ByteA: 'bytea' } },
};

const BLOCK = /^\s*(model|enum)\s+(\w+)\s*\{([\s\S]*?)^\s*\}/gm;
const FIELD = /^(\w+)\s+(\w+)(\[\]|\?)?(.*)$/;

/**
 * Reads the tables and columns that a schema.prisma declares. It covers what Prisma's schema
 * language offers for PostgreSQL models (scalars, native types, enums, lists, relations, `@map`,
 * `@@map`, `@@schema`, `@ignore`), and raises an error on any native type it does not know rather
 * than guessing.
 */
export function parsePrismaSchema(source: string): DeclaredTable[] {
  const withoutComments = source.replace(/\/\/.*$/gm, '');
  const blocks = [...withoutComments.matchAll(BLOCK)].map(([, kind, name, body]) => ({ kind, name, body }));
  const enums = new Map(
    blocks
      .filter((block) => block.kind === 'enum')
      .map((block) => [block.name!, mappedName(block.body!, block.name!)]),
  );
  const models = new Set(blocks.filter((block) => block.kind === 'model').map((block) => block.name!));

  return blocks
    .filter((block) => block.kind === 'model' && !/^\s*@@ignore\b/m.test(block.body!))
    .map((block) => ({
      name: mappedName(block.body!, block.name!),
      schema: /^\s*@@schema\("([^"]+)"\)/m.exec(block.body!)?.[1],
      columns: parseColumns(block.name!, block.body!, enums, models),
    }));
}

function mappedName(body: string, fallback: string): string {
  return /^\s*@@map\("([^"]+)"\)/m.exec(body)?.[1] ?? fallback;
}

function parseColumns(
  model: string,
  body: string,
  enums: Map<string, string>,
  models: Set<string>,
): DeclaredColumn[] {
  const columns: DeclaredColumn[] = [];
  for (const line of body.split('\n').map((text) => text.trim())) {
    const field = FIELD.exec(line);
    if (!field) continue;
    const [, name, type, modifier, attributes] = field as unknown as [
      string,
      string,
      string,
      string | undefined,
      string,
    ];
    if (models.has(type) || /@ignore\b/.test(attributes)) continue;

    const baseType = enums.get(type) ?? scalarUdtName(model, name, type, attributes);
    columns.push({
      name: /@map\("([^"]+)"\)/.exec(attributes)?.[1] ?? name,
      udtName: modifier === '[]' ? `_${baseType}` : baseType,
      nullable: modifier === '?',
    });
  }
  return columns;
}

function scalarUdtName(model: string, field: string, type: string, attributes: string): string {
  const scalar = SCALAR_TYPES[type];
  const native = /@db\.(\w+)/.exec(attributes)?.[1];
  const udtName = native === undefined ? scalar?.default : scalar?.native[native];
  if (udtName === undefined) {
    const what = native === undefined ? `type ${type}` : `type ${type} @db.${native}`;
    throw new DatabaseError(
      DatabaseErrorCode.PrismaSchemaUnsupported,
      `${model}.${field} uses ${what}, which the drift check does not know; add it to the type table.`,
    );
  }
  return udtName;
}
