import type { ConnectionReport, MoyskladCredentials, MoyskladSettings } from '@crm/contracts';
import type { CoreDeps } from '@crm/core';
import {
  MoySkladApiError,
  MoySkladAuthError,
  MoySkladNetworkError,
  MoySkladRateLimitError,
  tokenKindOf,
  type ContextEmployee,
} from '@crm/moysklad';
import { createClient, clientCredentials, type MoyskladPluginOptions } from './client';
import { ENTITIES } from './entities';

type Problem = ConnectionReport['problems'][number];

/** The permission (`/context/employee`) that lets the employee read each entity. */
const PERMISSION: Record<string, string> = {
  organization: 'organization',
  employee: 'employee',
  currency: 'currency',
  unit: 'uom',
  store: 'store',
  product_folder: 'productfolder',
  sales_channel: 'saleschannel',
  project: 'project',
  counterparty: 'counterparty',
  product: 'product',
  variant: 'variant',
  service: 'service',
  bundle: 'bundle',
  customer_order: 'customerorder',
  demand: 'demand',
  invoice_out: 'invoiceout',
  sales_return: 'salesreturn',
  retail_demand: 'retaildemand',
  retail_sales_return: 'retailsalesreturn',
  supply: 'supply',
  purchase_order: 'purchaseorder',
  purchase_return: 'purchasereturn',
  stock: 'stock',
};

function problemOf(error: unknown): Problem {
  if (error instanceof MoySkladAuthError) {
    return error.hasCode(1061)
      ? {
          code: 'no_api_access',
          message: `MoySklad: API access is switched off for this employee (${error.message})`,
        }
      : {
          code: 'bad_credentials',
          message: `MoySklad did not accept the credentials (${error.message})`,
        };
  }
  if (error instanceof MoySkladRateLimitError)
    return { code: 'rate_limited', message: `MoySklad asks to slow down: ${error.message}` };
  if (error instanceof MoySkladNetworkError)
    return { code: 'network', message: `MoySklad cannot be reached: ${error.message}` };
  if (error instanceof MoySkladApiError) return { code: 'server_error', message: error.message };
  return { code: 'server_error', message: error instanceof Error ? error.message : String(error) };
}

function rightsOf(employee: ContextEmployee) {
  const permissions = employee.permissions;
  const isAdmin = permissions.admin?.view === 'ALL';
  const canView = (name: string) => isAdmin || Boolean(permissions[name]?.view);
  return {
    isAdmin,
    canSeeCost: isAdmin || Boolean(permissions.viewProductCostAndProfit?.view),
    readable: (entity: string) => !(entity in PERMISSION) || canView(PERMISSION[entity]!),
  };
}

/**
 * Says plainly whether a sync can run: the credentials, API access, the network, which entities
 * the employee may read, whether it sees cost, and whether webhooks can be registered.
 */
export async function testConnection(
  input: { settings: MoyskladSettings; credentials: MoyskladCredentials; deps: CoreDeps },
  options: MoyskladPluginOptions,
): Promise<ConnectionReport> {
  // Someone waits for the answer: one retry, not the patient schedule a sync uses.
  const client = createClient(input, options, { retry: { maxAttempts: 2 } });
  const names = [...ENTITIES.map((e) => e.name as string), 'stock'];
  try {
    const identity = await client.identity();
    if (tokenKindOf(clientCredentials(input.settings, input.credentials)) === 'solution') {
      // A solution acts with the rights it was installed with: MoySklad gives no employee to check.
      return {
        ok: true,
        problems: [],
        account: {
          employee: identity.uid ?? identity.id,
          email: null,
          isAdmin: true,
          identity: identity.key,
        },
        entities: names.map((entity) => ({ entity, readable: true })),
        canSeeCost: null,
      };
    }
    const employee = await client.contextEmployee();
    const rights = rightsOf(employee);
    const entities = names.map((entity) => ({ entity, readable: rights.readable(entity) }));
    const problems: Problem[] = [];
    const unreadable = entities.filter((e) => !e.readable).map((e) => e.entity);
    if (unreadable.length) {
      problems.push({
        code: 'missing_rights',
        message: `the employee may not read: ${unreadable.join(', ')}; these are skipped`,
      });
    }
    if (!rights.canSeeCost) {
      problems.push({
        code: 'missing_rights',
        message:
          'the employee may not see cost and profit (viewProductCostAndProfit): costs stay empty',
      });
    }
    if (!rights.isAdmin && input.settings.webhooks) {
      problems.push({
        code: 'webhooks_unavailable',
        message: 'webhooks need an administrator; changes will arrive by polling',
      });
    }
    return {
      ok: true,
      problems,
      account: {
        employee: employee.name,
        email: employee.email ?? null,
        isAdmin: rights.isAdmin,
        identity: identity.key,
      },
      entities,
      canSeeCost: rights.canSeeCost,
    };
  } catch (error) {
    return {
      ok: false,
      problems: [problemOf(error)],
      account: null,
      entities: [],
      canSeeCost: null,
    };
  } finally {
    await client.close();
  }
}
