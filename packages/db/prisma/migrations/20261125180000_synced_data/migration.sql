-- CreateEnum
CREATE TYPE "document_type" AS ENUM ('customer_order', 'demand', 'invoice_out', 'sales_return', 'retail_demand', 'retail_sales_return', 'supply', 'purchase_order', 'purchase_return');

-- CreateTable
CREATE TABLE "organizations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "source_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT COLLATE "ru-x-icu" NOT NULL,
    "code" TEXT,
    "external_code" TEXT,
    "company_type" TEXT,
    "legal_title" TEXT COLLATE "ru-x-icu",
    "inn" TEXT,
    "kpp" TEXT,
    "ogrn" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "actual_address" TEXT,
    "legal_address" TEXT,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employees" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "source_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT COLLATE "ru-x-icu" NOT NULL,
    "first_name" TEXT,
    "middle_name" TEXT,
    "last_name" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "position" TEXT,
    "uid" TEXT,
    "code" TEXT,
    "external_code" TEXT,

    CONSTRAINT "employees_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "currencies" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "source_updated_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT COLLATE "ru-x-icu" NOT NULL,
    "full_name" TEXT,
    "code" TEXT,
    "iso_code" TEXT,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "rate" DECIMAL(20,10),
    "multiplicity" INTEGER,
    "indirect" BOOLEAN,
    "external_code" TEXT,

    CONSTRAINT "currencies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "price_types" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "source_updated_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "name" TEXT COLLATE "ru-x-icu" NOT NULL,
    "external_code" TEXT,

    CONSTRAINT "price_types_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "units" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "source_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "name" TEXT COLLATE "ru-x-icu" NOT NULL,
    "code" TEXT,
    "description" TEXT,
    "external_code" TEXT,

    CONSTRAINT "units_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stores" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "source_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT COLLATE "ru-x-icu" NOT NULL,
    "code" TEXT,
    "external_code" TEXT,
    "description" TEXT,
    "address" TEXT,
    "path_name" TEXT COLLATE "ru-x-icu",
    "parent_external_id" TEXT,
    "parent_id" UUID,

    CONSTRAINT "stores_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "product_folders" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "source_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT COLLATE "ru-x-icu" NOT NULL,
    "code" TEXT,
    "external_code" TEXT,
    "description" TEXT,
    "path_name" TEXT COLLATE "ru-x-icu",
    "parent_external_id" TEXT,
    "parent_id" UUID,

    CONSTRAINT "product_folders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "states" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "source_updated_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "name" TEXT COLLATE "ru-x-icu" NOT NULL,
    "entity_type" TEXT NOT NULL,
    "state_type" TEXT,
    "color" BIGINT,

    CONSTRAINT "states_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sales_channels" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "source_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT COLLATE "ru-x-icu" NOT NULL,
    "code" TEXT,
    "external_code" TEXT,
    "description" TEXT,
    "type" TEXT,

    CONSTRAINT "sales_channels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "source_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT COLLATE "ru-x-icu" NOT NULL,
    "code" TEXT,
    "external_code" TEXT,
    "description" TEXT,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "counterparties" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "source_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "source_created_at" TIMESTAMPTZ(3),
    "name" TEXT COLLATE "ru-x-icu" NOT NULL,
    "code" TEXT,
    "external_code" TEXT,
    "description" TEXT,
    "company_type" TEXT,
    "legal_title" TEXT COLLATE "ru-x-icu",
    "inn" TEXT,
    "kpp" TEXT,
    "ogrn" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "actual_address" TEXT,
    "legal_address" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "discount_card_number" TEXT,
    "sales_amount" DECIMAL(20,4),
    "state_external_id" TEXT,
    "state_id" UUID,
    "price_type_external_id" TEXT,
    "price_type_id" UUID,
    "owner_external_id" TEXT,
    "owner_id" UUID,
    "contacts_hash" TEXT,

    CONSTRAINT "counterparties_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "counterparty_contacts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "counterparty_id" UUID NOT NULL,
    "external_id" TEXT,
    "name" TEXT COLLATE "ru-x-icu" NOT NULL,
    "position" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "description" TEXT,

    CONSTRAINT "counterparty_contacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "products" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "source_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT COLLATE "ru-x-icu" NOT NULL,
    "code" TEXT,
    "article" TEXT,
    "external_code" TEXT,
    "description" TEXT,
    "path_name" TEXT COLLATE "ru-x-icu",
    "barcodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "vat" INTEGER,
    "vat_enabled" BOOLEAN,
    "buy_price" DECIMAL(20,4),
    "minimum_balance" DECIMAL(18,3),
    "weighed" BOOLEAN NOT NULL DEFAULT false,
    "tracking_type" TEXT,
    "payment_item_type" TEXT,
    "variants_count" INTEGER NOT NULL DEFAULT 0,
    "folder_external_id" TEXT,
    "folder_id" UUID,
    "unit_external_id" TEXT,
    "unit_id" UUID,
    "supplier_external_id" TEXT,
    "supplier_id" UUID,
    "buy_price_currency_external_id" TEXT,
    "buy_price_currency_id" UUID,
    "prices_hash" TEXT,

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "variants" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "source_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT COLLATE "ru-x-icu" NOT NULL,
    "code" TEXT,
    "article" TEXT,
    "external_code" TEXT,
    "characteristics" JSONB NOT NULL DEFAULT '[]',
    "barcodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "buy_price" DECIMAL(20,4),
    "product_external_id" TEXT NOT NULL,
    "product_id" UUID,
    "buy_price_currency_external_id" TEXT,
    "buy_price_currency_id" UUID,
    "prices_hash" TEXT,

    CONSTRAINT "variants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "services" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "source_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT COLLATE "ru-x-icu" NOT NULL,
    "code" TEXT,
    "external_code" TEXT,
    "description" TEXT,
    "path_name" TEXT COLLATE "ru-x-icu",
    "barcodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "vat" INTEGER,
    "vat_enabled" BOOLEAN,
    "buy_price" DECIMAL(20,4),
    "payment_item_type" TEXT,
    "folder_external_id" TEXT,
    "folder_id" UUID,
    "unit_external_id" TEXT,
    "unit_id" UUID,
    "buy_price_currency_external_id" TEXT,
    "buy_price_currency_id" UUID,
    "prices_hash" TEXT,

    CONSTRAINT "services_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bundles" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "source_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT COLLATE "ru-x-icu" NOT NULL,
    "code" TEXT,
    "article" TEXT,
    "external_code" TEXT,
    "description" TEXT,
    "path_name" TEXT COLLATE "ru-x-icu",
    "barcodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "vat" INTEGER,
    "vat_enabled" BOOLEAN,
    "payment_item_type" TEXT,
    "folder_external_id" TEXT,
    "folder_id" UUID,
    "unit_external_id" TEXT,
    "unit_id" UUID,
    "prices_hash" TEXT,
    "components_hash" TEXT,

    CONSTRAINT "bundles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sale_prices" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "product_id" UUID,
    "variant_id" UUID,
    "service_id" UUID,
    "bundle_id" UUID,
    "value" DECIMAL(20,4) NOT NULL,
    "price_type_external_id" TEXT,
    "price_type_id" UUID,
    "currency_external_id" TEXT,
    "currency_id" UUID,

    CONSTRAINT "sale_prices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bundle_components" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "bundle_id" UUID NOT NULL,
    "external_id" TEXT,
    "quantity" DECIMAL(18,3) NOT NULL,
    "assortment_type" TEXT NOT NULL,
    "assortment_external_id" TEXT NOT NULL,
    "product_id" UUID,
    "variant_id" UUID,
    "service_id" UUID,

    CONSTRAINT "bundle_components_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "documents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "source_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "type" "document_type" NOT NULL,
    "name" TEXT COLLATE "ru-x-icu" NOT NULL,
    "external_code" TEXT,
    "description" TEXT,
    "moment" TIMESTAMPTZ(3) NOT NULL,
    "applicable" BOOLEAN NOT NULL,
    "trashed_at" TIMESTAMPTZ(3),
    "source_created_at" TIMESTAMPTZ(3),
    "sum" DECIMAL(20,4) NOT NULL,
    "vat_sum" DECIMAL(20,4),
    "payed_sum" DECIMAL(20,4),
    "shipped_sum" DECIMAL(20,4),
    "invoiced_sum" DECIMAL(20,4),
    "reserved_sum" DECIMAL(20,4),
    "vat_enabled" BOOLEAN,
    "vat_included" BOOLEAN,
    "currency_rate" DECIMAL(20,10),
    "delivery_planned_at" TIMESTAMPTZ(3),
    "payment_planned_at" TIMESTAMPTZ(3),
    "incoming_number" TEXT,
    "incoming_date" TIMESTAMPTZ(3),
    "shipment_address" TEXT,
    "organization_external_id" TEXT,
    "organization_id" UUID,
    "agent_type" TEXT,
    "agent_external_id" TEXT,
    "agent_counterparty_id" UUID,
    "agent_organization_id" UUID,
    "store_external_id" TEXT,
    "store_id" UUID,
    "state_external_id" TEXT,
    "state_id" UUID,
    "project_external_id" TEXT,
    "project_id" UUID,
    "sales_channel_external_id" TEXT,
    "sales_channel_id" UUID,
    "owner_external_id" TEXT,
    "owner_id" UUID,
    "currency_external_id" TEXT,
    "currency_id" UUID,
    "base_document_external_id" TEXT,
    "base_document_id" UUID,
    "positions_hash" TEXT,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document_positions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "line_number" INTEGER NOT NULL,
    "quantity" DECIMAL(18,3) NOT NULL,
    "price" DECIMAL(20,4) NOT NULL,
    "discount" DECIMAL(9,4) NOT NULL DEFAULT 0,
    "vat" INTEGER,
    "vat_enabled" BOOLEAN,
    "sum" DECIMAL(20,4) NOT NULL,
    "cost" DECIMAL(20,4),
    "reserve" DECIMAL(18,3),
    "shipped" DECIMAL(18,3),
    "assortment_type" TEXT NOT NULL,
    "assortment_external_id" TEXT NOT NULL,
    "product_id" UUID,
    "variant_id" UUID,
    "service_id" UUID,
    "bundle_id" UUID,

    CONSTRAINT "document_positions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID NOT NULL,
    "assortment_type" TEXT NOT NULL,
    "assortment_external_id" TEXT NOT NULL,
    "product_id" UUID,
    "variant_id" UUID,
    "store_external_id" TEXT NOT NULL,
    "store_id" UUID,
    "quantity" DECIMAL(18,3) NOT NULL DEFAULT 0,
    "reserve" DECIMAL(18,3) NOT NULL DEFAULT 0,
    "in_transit" DECIMAL(18,3) NOT NULL DEFAULT 0,
    "cost" DECIMAL(20,4),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_state" (
    "integration_id" UUID NOT NULL,
    "entity" TEXT NOT NULL,
    "watermark" TIMESTAMPTZ(3),
    "audit_cursor_moment" TIMESTAMPTZ(3),
    "audit_cursor_id" TEXT,
    "stock_changed_since" TIMESTAMPTZ(3),
    "full_pass_started_at" TIMESTAMPTZ(3),
    "last_full_sync_at" TIMESTAMPTZ(3),
    "last_incremental_sync_at" TIMESTAMPTZ(3),
    "checkpoint" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_state_pkey" PRIMARY KEY ("integration_id","entity")
);

-- CreateTable
CREATE TABLE "sync_seen_ids" (
    "integration_id" UUID NOT NULL,
    "entity" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,

    CONSTRAINT "sync_seen_ids_pkey" PRIMARY KEY ("integration_id","entity","external_id")
);

-- CreateIndex
CREATE INDEX "organizations_integration_id_source_updated_at_idx" ON "organizations"("integration_id", "source_updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "organizations_integration_id_external_id_key" ON "organizations"("integration_id", "external_id");

-- CreateIndex
CREATE INDEX "employees_integration_id_source_updated_at_idx" ON "employees"("integration_id", "source_updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "employees_integration_id_external_id_key" ON "employees"("integration_id", "external_id");

-- CreateIndex
CREATE INDEX "currencies_integration_id_source_updated_at_idx" ON "currencies"("integration_id", "source_updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "currencies_integration_id_external_id_key" ON "currencies"("integration_id", "external_id");

-- CreateIndex
CREATE INDEX "price_types_integration_id_source_updated_at_idx" ON "price_types"("integration_id", "source_updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "price_types_integration_id_external_id_key" ON "price_types"("integration_id", "external_id");

-- CreateIndex
CREATE INDEX "units_integration_id_source_updated_at_idx" ON "units"("integration_id", "source_updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "units_integration_id_external_id_key" ON "units"("integration_id", "external_id");

-- CreateIndex
CREATE INDEX "stores_integration_id_source_updated_at_idx" ON "stores"("integration_id", "source_updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "stores_integration_id_external_id_key" ON "stores"("integration_id", "external_id");

-- CreateIndex
CREATE INDEX "product_folders_integration_id_source_updated_at_idx" ON "product_folders"("integration_id", "source_updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "product_folders_integration_id_external_id_key" ON "product_folders"("integration_id", "external_id");

-- CreateIndex
CREATE INDEX "states_integration_id_source_updated_at_idx" ON "states"("integration_id", "source_updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "states_integration_id_external_id_key" ON "states"("integration_id", "external_id");

-- CreateIndex
CREATE INDEX "sales_channels_integration_id_source_updated_at_idx" ON "sales_channels"("integration_id", "source_updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "sales_channels_integration_id_external_id_key" ON "sales_channels"("integration_id", "external_id");

-- CreateIndex
CREATE INDEX "projects_integration_id_source_updated_at_idx" ON "projects"("integration_id", "source_updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "projects_integration_id_external_id_key" ON "projects"("integration_id", "external_id");

-- CreateIndex
CREATE INDEX "counterparties_integration_id_source_updated_at_idx" ON "counterparties"("integration_id", "source_updated_at");

-- CreateIndex
CREATE INDEX "counterparties_name_idx" ON "counterparties"("name");

-- CreateIndex
CREATE INDEX "counterparties_tags_idx" ON "counterparties" USING GIN ("tags");

-- CreateIndex
CREATE UNIQUE INDEX "counterparties_integration_id_external_id_key" ON "counterparties"("integration_id", "external_id");

-- CreateIndex
CREATE INDEX "counterparty_contacts_counterparty_id_idx" ON "counterparty_contacts"("counterparty_id");

-- CreateIndex
CREATE INDEX "products_integration_id_source_updated_at_idx" ON "products"("integration_id", "source_updated_at");

-- CreateIndex
CREATE INDEX "products_name_idx" ON "products"("name");

-- CreateIndex
CREATE INDEX "products_folder_id_idx" ON "products"("folder_id");

-- CreateIndex
CREATE INDEX "products_supplier_id_idx" ON "products"("supplier_id");

-- CreateIndex
CREATE INDEX "products_barcodes_idx" ON "products" USING GIN ("barcodes");

-- CreateIndex
CREATE UNIQUE INDEX "products_integration_id_external_id_key" ON "products"("integration_id", "external_id");

-- CreateIndex
CREATE INDEX "variants_integration_id_source_updated_at_idx" ON "variants"("integration_id", "source_updated_at");

-- CreateIndex
CREATE INDEX "variants_product_id_idx" ON "variants"("product_id");

-- CreateIndex
CREATE INDEX "variants_barcodes_idx" ON "variants" USING GIN ("barcodes");

-- CreateIndex
CREATE UNIQUE INDEX "variants_integration_id_external_id_key" ON "variants"("integration_id", "external_id");

-- CreateIndex
CREATE INDEX "services_integration_id_source_updated_at_idx" ON "services"("integration_id", "source_updated_at");

-- CreateIndex
CREATE INDEX "services_folder_id_idx" ON "services"("folder_id");

-- CreateIndex
CREATE INDEX "services_barcodes_idx" ON "services" USING GIN ("barcodes");

-- CreateIndex
CREATE UNIQUE INDEX "services_integration_id_external_id_key" ON "services"("integration_id", "external_id");

-- CreateIndex
CREATE INDEX "bundles_integration_id_source_updated_at_idx" ON "bundles"("integration_id", "source_updated_at");

-- CreateIndex
CREATE INDEX "bundles_folder_id_idx" ON "bundles"("folder_id");

-- CreateIndex
CREATE INDEX "bundles_barcodes_idx" ON "bundles" USING GIN ("barcodes");

-- CreateIndex
CREATE UNIQUE INDEX "bundles_integration_id_external_id_key" ON "bundles"("integration_id", "external_id");

-- CreateIndex
CREATE INDEX "sale_prices_product_id_idx" ON "sale_prices"("product_id");

-- CreateIndex
CREATE INDEX "sale_prices_variant_id_idx" ON "sale_prices"("variant_id");

-- CreateIndex
CREATE INDEX "sale_prices_service_id_idx" ON "sale_prices"("service_id");

-- CreateIndex
CREATE INDEX "sale_prices_bundle_id_idx" ON "sale_prices"("bundle_id");

-- CreateIndex
CREATE INDEX "bundle_components_bundle_id_idx" ON "bundle_components"("bundle_id");

-- CreateIndex
CREATE INDEX "bundle_components_product_id_idx" ON "bundle_components"("product_id");

-- CreateIndex
CREATE INDEX "bundle_components_variant_id_idx" ON "bundle_components"("variant_id");

-- CreateIndex
CREATE INDEX "bundle_components_service_id_idx" ON "bundle_components"("service_id");

-- CreateIndex
CREATE INDEX "documents_integration_id_source_updated_at_idx" ON "documents"("integration_id", "source_updated_at");

-- CreateIndex
CREATE INDEX "documents_agent_counterparty_id_moment_idx" ON "documents"("agent_counterparty_id", "moment" DESC);

-- CreateIndex
CREATE INDEX "documents_base_document_id_idx" ON "documents"("base_document_id");

-- CreateIndex
CREATE UNIQUE INDEX "documents_integration_id_external_id_key" ON "documents"("integration_id", "external_id");

-- CreateIndex
CREATE INDEX "document_positions_document_id_idx" ON "document_positions"("document_id");

-- CreateIndex
CREATE INDEX "document_positions_product_id_idx" ON "document_positions"("product_id");

-- CreateIndex
CREATE INDEX "document_positions_variant_id_idx" ON "document_positions"("variant_id");

-- CreateIndex
CREATE INDEX "document_positions_service_id_idx" ON "document_positions"("service_id");

-- CreateIndex
CREATE INDEX "document_positions_bundle_id_idx" ON "document_positions"("bundle_id");

-- CreateIndex
CREATE INDEX "stock_product_id_idx" ON "stock"("product_id");

-- CreateIndex
CREATE INDEX "stock_variant_id_idx" ON "stock"("variant_id");

-- CreateIndex
CREATE UNIQUE INDEX "stock_integration_id_assortment_external_id_store_external__key" ON "stock"("integration_id", "assortment_external_id", "store_external_id");

-- AddForeignKey
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employees" ADD CONSTRAINT "employees_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "currencies" ADD CONSTRAINT "currencies_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "price_types" ADD CONSTRAINT "price_types_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "units" ADD CONSTRAINT "units_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stores" ADD CONSTRAINT "stores_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stores" ADD CONSTRAINT "stores_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "stores"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product_folders" ADD CONSTRAINT "product_folders_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product_folders" ADD CONSTRAINT "product_folders_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "product_folders"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "states" ADD CONSTRAINT "states_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sales_channels" ADD CONSTRAINT "sales_channels_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects" ADD CONSTRAINT "projects_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "counterparties" ADD CONSTRAINT "counterparties_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "counterparties" ADD CONSTRAINT "counterparties_state_id_fkey" FOREIGN KEY ("state_id") REFERENCES "states"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "counterparties" ADD CONSTRAINT "counterparties_price_type_id_fkey" FOREIGN KEY ("price_type_id") REFERENCES "price_types"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "counterparties" ADD CONSTRAINT "counterparties_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "employees"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "counterparty_contacts" ADD CONSTRAINT "counterparty_contacts_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "counterparty_contacts" ADD CONSTRAINT "counterparty_contacts_counterparty_id_fkey" FOREIGN KEY ("counterparty_id") REFERENCES "counterparties"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_folder_id_fkey" FOREIGN KEY ("folder_id") REFERENCES "product_folders"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "counterparties"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_buy_price_currency_id_fkey" FOREIGN KEY ("buy_price_currency_id") REFERENCES "currencies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "variants" ADD CONSTRAINT "variants_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "variants" ADD CONSTRAINT "variants_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "variants" ADD CONSTRAINT "variants_buy_price_currency_id_fkey" FOREIGN KEY ("buy_price_currency_id") REFERENCES "currencies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "services" ADD CONSTRAINT "services_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "services" ADD CONSTRAINT "services_folder_id_fkey" FOREIGN KEY ("folder_id") REFERENCES "product_folders"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "services" ADD CONSTRAINT "services_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "services" ADD CONSTRAINT "services_buy_price_currency_id_fkey" FOREIGN KEY ("buy_price_currency_id") REFERENCES "currencies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_folder_id_fkey" FOREIGN KEY ("folder_id") REFERENCES "product_folders"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sale_prices" ADD CONSTRAINT "sale_prices_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sale_prices" ADD CONSTRAINT "sale_prices_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sale_prices" ADD CONSTRAINT "sale_prices_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sale_prices" ADD CONSTRAINT "sale_prices_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sale_prices" ADD CONSTRAINT "sale_prices_bundle_id_fkey" FOREIGN KEY ("bundle_id") REFERENCES "bundles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sale_prices" ADD CONSTRAINT "sale_prices_price_type_id_fkey" FOREIGN KEY ("price_type_id") REFERENCES "price_types"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sale_prices" ADD CONSTRAINT "sale_prices_currency_id_fkey" FOREIGN KEY ("currency_id") REFERENCES "currencies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bundle_components" ADD CONSTRAINT "bundle_components_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bundle_components" ADD CONSTRAINT "bundle_components_bundle_id_fkey" FOREIGN KEY ("bundle_id") REFERENCES "bundles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bundle_components" ADD CONSTRAINT "bundle_components_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bundle_components" ADD CONSTRAINT "bundle_components_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bundle_components" ADD CONSTRAINT "bundle_components_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_agent_counterparty_id_fkey" FOREIGN KEY ("agent_counterparty_id") REFERENCES "counterparties"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_agent_organization_id_fkey" FOREIGN KEY ("agent_organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "stores"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_state_id_fkey" FOREIGN KEY ("state_id") REFERENCES "states"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_sales_channel_id_fkey" FOREIGN KEY ("sales_channel_id") REFERENCES "sales_channels"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "employees"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_currency_id_fkey" FOREIGN KEY ("currency_id") REFERENCES "currencies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_base_document_id_fkey" FOREIGN KEY ("base_document_id") REFERENCES "documents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_positions" ADD CONSTRAINT "document_positions_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_positions" ADD CONSTRAINT "document_positions_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_positions" ADD CONSTRAINT "document_positions_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_positions" ADD CONSTRAINT "document_positions_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_positions" ADD CONSTRAINT "document_positions_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_positions" ADD CONSTRAINT "document_positions_bundle_id_fkey" FOREIGN KEY ("bundle_id") REFERENCES "bundles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock" ADD CONSTRAINT "stock_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock" ADD CONSTRAINT "stock_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock" ADD CONSTRAINT "stock_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock" ADD CONSTRAINT "stock_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "stores"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_state" ADD CONSTRAINT "sync_state_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_seen_ids" ADD CONSTRAINT "sync_seen_ids_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Search (not expressible in schema.prisma): trigram indexes for substring and fuzzy matches,
-- Russian word forms for full-text search; phones are matched on their digits only.
CREATE INDEX "products_name_trgm_idx" ON "products" USING GIN ("name" gin_trgm_ops);

CREATE INDEX "products_article_trgm_idx" ON "products" USING GIN ("article" gin_trgm_ops);

CREATE INDEX "products_code_trgm_idx" ON "products" USING GIN ("code" gin_trgm_ops);

CREATE INDEX "products_name_fts_idx" ON "products" USING GIN (to_tsvector('russian', "name"));

CREATE INDEX "counterparties_name_trgm_idx" ON "counterparties" USING GIN ("name" gin_trgm_ops);

CREATE INDEX "counterparties_inn_trgm_idx" ON "counterparties" USING GIN ("inn" gin_trgm_ops);

CREATE INDEX "counterparties_phone_digits_trgm_idx" ON "counterparties" USING GIN ((regexp_replace("phone", '\D', '', 'g')) gin_trgm_ops);

-- Documents that still count (not deleted, not in the recycle bin) by kind and date: lists and analytics.
CREATE INDEX "documents_live_type_moment_idx" ON "documents"("type", "moment" DESC) WHERE "deleted_at" IS NULL AND "trashed_at" IS NULL;

-- References not resolved yet, the resolver's work list on the large tables (partial: empty once resolved).
CREATE INDEX "documents_organization_unresolved_idx" ON "documents"("integration_id", "organization_external_id") WHERE "organization_id" IS NULL AND "organization_external_id" IS NOT NULL;

CREATE INDEX "documents_agent_unresolved_idx" ON "documents"("integration_id", "agent_external_id") WHERE "agent_counterparty_id" IS NULL AND "agent_organization_id" IS NULL AND "agent_external_id" IS NOT NULL;

CREATE INDEX "documents_store_unresolved_idx" ON "documents"("integration_id", "store_external_id") WHERE "store_id" IS NULL AND "store_external_id" IS NOT NULL;

CREATE INDEX "documents_state_unresolved_idx" ON "documents"("integration_id", "state_external_id") WHERE "state_id" IS NULL AND "state_external_id" IS NOT NULL;

CREATE INDEX "documents_project_unresolved_idx" ON "documents"("integration_id", "project_external_id") WHERE "project_id" IS NULL AND "project_external_id" IS NOT NULL;

CREATE INDEX "documents_sales_channel_unresolved_idx" ON "documents"("integration_id", "sales_channel_external_id") WHERE "sales_channel_id" IS NULL AND "sales_channel_external_id" IS NOT NULL;

CREATE INDEX "documents_owner_unresolved_idx" ON "documents"("integration_id", "owner_external_id") WHERE "owner_id" IS NULL AND "owner_external_id" IS NOT NULL;

CREATE INDEX "documents_currency_unresolved_idx" ON "documents"("integration_id", "currency_external_id") WHERE "currency_id" IS NULL AND "currency_external_id" IS NOT NULL;

CREATE INDEX "documents_base_document_unresolved_idx" ON "documents"("integration_id", "base_document_external_id") WHERE "base_document_id" IS NULL AND "base_document_external_id" IS NOT NULL;

CREATE INDEX "document_positions_assortment_unresolved_idx" ON "document_positions"("integration_id", "assortment_external_id") WHERE "product_id" IS NULL AND "variant_id" IS NULL AND "service_id" IS NULL AND "bundle_id" IS NULL AND "assortment_external_id" IS NOT NULL;

CREATE INDEX "stock_assortment_unresolved_idx" ON "stock"("integration_id", "assortment_external_id") WHERE "product_id" IS NULL AND "variant_id" IS NULL AND "assortment_external_id" IS NOT NULL;

CREATE INDEX "stock_store_unresolved_idx" ON "stock"("integration_id", "store_external_id") WHERE "store_id" IS NULL AND "store_external_id" IS NOT NULL;

-- A sale price belongs to exactly one product, variant, service or bundle.
ALTER TABLE "sale_prices" ADD CONSTRAINT "sale_prices_one_owner_check" CHECK (num_nonnulls("product_id", "variant_id", "service_id", "bundle_id") = 1);
