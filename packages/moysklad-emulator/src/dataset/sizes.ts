/** How much of everything each dataset size has, and how busy its days are. */
export interface SizeProfile {
  readonly products: number;
  /** Share of products (in categories that have variants) that come in variants. */
  readonly variantShare: number;
  readonly services: number;
  readonly bundles: number;
  readonly suppliers: number;
  readonly wholesaleBuyers: number;
  readonly onlineBuyers: number;
  readonly loyaltyBuyers: number;
  readonly employees: number;
  /** Warehouses first, then retail stores. */
  readonly warehouses: number;
  readonly retailStores: number;
  /** Share of the catalogue a retail store carries. */
  readonly retailAssortment: number;
  readonly days: number;
  readonly wholesaleOrdersPerDay: number;
  readonly onlineOrdersPerDay: number;
  readonly retailSalesPerStorePerDay: number;
  /** Upper bound on positions of one generated supply; the opening stock is split into documents this size. */
  readonly maxSupplyPositions: number;
  /** Multiplies the shares of returned sales and supplies (a small dataset still needs some of each). */
  readonly returnBoost: number;
  /** Days between two orders to the same supplier for the same store. */
  readonly reorderEveryDays: number;
}

export const SIZES = {
  tiny: {
    products: 36,
    variantShare: 0.25,
    services: 5,
    bundles: 4,
    suppliers: 4,
    wholesaleBuyers: 10,
    onlineBuyers: 10,
    loyaltyBuyers: 6,
    employees: 5,
    warehouses: 1,
    retailStores: 2,
    retailAssortment: 0.6,
    days: 400,
    wholesaleOrdersPerDay: 0.1,
    onlineOrdersPerDay: 0.06,
    retailSalesPerStorePerDay: 0.07,
    maxSupplyPositions: 60,
    returnBoost: 8,
    reorderEveryDays: 7,
  },
  demo: {
    products: 5000,
    variantShare: 0.3,
    services: 10,
    bundles: 60,
    suppliers: 12,
    wholesaleBuyers: 300,
    onlineBuyers: 1500,
    loyaltyBuyers: 600,
    employees: 12,
    warehouses: 1,
    retailStores: 3,
    retailAssortment: 0.3,
    days: 460,
    wholesaleOrdersPerDay: 6,
    onlineOrdersPerDay: 4,
    retailSalesPerStorePerDay: 3,
    maxSupplyPositions: 1500,
    returnBoost: 1,
    reorderEveryDays: 7,
  },
  large: {
    products: 100_000,
    variantShare: 0.3,
    services: 10,
    bundles: 800,
    suppliers: 150,
    wholesaleBuyers: 4000,
    onlineBuyers: 30_000,
    loyaltyBuyers: 12_000,
    employees: 60,
    warehouses: 2,
    retailStores: 6,
    retailAssortment: 0.15,
    days: 460,
    wholesaleOrdersPerDay: 60,
    onlineOrdersPerDay: 60,
    retailSalesPerStorePerDay: 40,
    maxSupplyPositions: 1500,
    returnBoost: 1,
    reorderEveryDays: 14,
  },
} as const satisfies Record<string, SizeProfile>;

export type DatasetSize = keyof typeof SIZES;
export const DATASET_SIZES = Object.keys(SIZES) as DatasetSize[];
