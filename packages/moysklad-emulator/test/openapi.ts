import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import $RefParser from '@apidevtools/json-schema-ref-parser';
import Ajv2019, { type ValidateFunction } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';

/** The official OpenAPI spec, kept in the shared reference folder beside the repository. */
export const SPEC_PATH = resolve(
  process.env.MOYSKLAD_OPENAPI ??
    resolve(import.meta.dirname, '../../../../shared/reference/moysklad-openapi/src/openapi.yaml'),
);
export const specAvailable = existsSync(SPEC_PATH);

type Node = Record<string, unknown>;

/**
 * OpenAPI 3.0 schema dialect → JSON Schema 2019-09: `nullable` becomes a union with null, boolean
 * `exclusiveMinimum`/`exclusiveMaximum` become numeric bounds, OpenAPI-only keywords go.
 *
 * `oneOf` is read as `anyOf`: the spec's alternatives (Product | Service | Variant | …, Counterparty
 * | Organization) declare no required fields, so any real object satisfies several of them and a
 * literal `oneOf` would reject every response MoySklad itself sends.
 */
export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const source = node as Node;
  const out: Node = {};
  for (const [key, value] of Object.entries(source)) {
    if (
      key === 'discriminator' ||
      key === 'xml' ||
      key === 'example' ||
      key === 'examples' ||
      key === 'externalDocs' ||
      key.startsWith('x-')
    )
      continue;
    const target = key === 'oneOf' ? 'anyOf' : key;
    out[target] =
      key === 'properties' || key === 'patternProperties' || key === '$defs'
        ? Object.fromEntries(Object.entries(value as Node).map(([k, v]) => [k, toJsonSchema(v)]))
        : toJsonSchema(value);
  }
  if (out.exclusiveMinimum === true) {
    out.exclusiveMinimum = out.minimum;
    delete out.minimum;
  } else if (out.exclusiveMinimum === false) delete out.exclusiveMinimum;
  if (out.exclusiveMaximum === true) {
    out.exclusiveMaximum = out.maximum;
    delete out.maximum;
  } else if (out.exclusiveMaximum === false) delete out.exclusiveMaximum;
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  delete out.nullable;
  return out;
}

export function newAjv(): Ajv2019 {
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  for (const name of ['float', 'double', 'int32', 'int64']) ajv.addFormat(name, true);
  return ajv;
}

/** Loads the split spec into one document (cross-file `$ref`s become internal) and registers it. */
export async function loadSpec(): Promise<{ ajv: Ajv2019; spec: Node }> {
  const bundled = (await $RefParser.bundle(SPEC_PATH)) as Node;
  const spec = toJsonSchema(bundled) as Node;
  const ajv = newAjv();
  ajv.addSchema({ ...spec, $id: 'moysklad' });
  return { ajv, spec };
}

/** The schema of a GET's 200 answer for a path template, compiled. */
export function responseValidator(ajv: Ajv2019, spec: Node, template: string): ValidateFunction {
  const paths = spec.paths as Record<string, Node>;
  if (!paths[template]) throw new Error(`the spec has no path ${template}`);
  const pointer = `/paths/${template.replaceAll('~', '~0').replaceAll('/', '~1')}/get/responses/200/content/application~1json/schema`;
  return ajv.compile({ $ref: `moysklad#${pointer}` });
}
