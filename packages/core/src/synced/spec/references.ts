/** Tables a reference can point at: the synced tables keyed by (integration_id, external_id). */
export type TargetTable =
  | 'organizations'
  | 'employees'
  | 'currencies'
  | 'price_types'
  | 'units'
  | 'stores'
  | 'product_folders'
  | 'states'
  | 'sales_channels'
  | 'projects'
  | 'counterparties'
  | 'products'
  | 'variants'
  | 'services'
  | 'bundles'
  | 'documents';

/**
 * A reference to one table, stored as `<name>_external_id` (the source's id, always kept) and
 * `<name>_id` (our key, NULL until the target exists). A row field `<name>ExternalId` carries it.
 */
export type Ref<Required extends boolean = boolean> = {
  readonly kind: 'ref';
  readonly target: TargetTable;
  readonly required: Required;
};

/**
 * A reference whose target type varies, stored as `<name>_type`, `<name>_external_id` and one
 * nullable key column per target table; types in `unresolvable` are kept but never resolved.
 */
export type PolyRef<Types extends string = string, Required extends boolean = boolean> = {
  readonly kind: 'poly';
  readonly targets: {
    readonly [type: string]: { readonly table: TargetTable; readonly column: string };
  };
  readonly unresolvable: readonly string[];
  readonly required: Required;
  /** Phantom: the accepted type names. */
  readonly types?: Types;
};

export function ref(target: TargetTable): Ref<false>;
export function ref(target: TargetTable, options: { required: true }): Ref<true>;
export function ref(target: TargetTable, options?: { required: true }): Ref {
  return { kind: 'ref', target, required: options?.required ?? false };
}

type Targets = {
  readonly [type: string]: { readonly table: TargetTable; readonly column: string };
};

// NoInfer: the accepted types come from the arguments only, never from where the result goes.
export function polyRef<const T extends Targets, const U extends string = never>(
  targets: T,
  options?: { unresolvable?: readonly U[] },
): PolyRef<NoInfer<(keyof T & string) | U>, false>;
export function polyRef<const T extends Targets, const U extends string = never>(
  targets: T,
  options: { unresolvable?: readonly U[]; required: true },
): PolyRef<NoInfer<(keyof T & string) | U>, true>;
export function polyRef(
  targets: Targets,
  options?: { unresolvable?: readonly string[]; required?: boolean },
): PolyRef {
  return {
    kind: 'poly',
    targets,
    unresolvable: options?.unresolvable ?? [],
    required: options?.required ?? false,
  };
}
