/**
 * The one registry of permission names. Roles and their grants live in the database; the grants of
 * the system roles are seeded from here. A permission added later is granted to the non-admin
 * system roles by a migration, on purpose, so this list is the source of names, not of grants.
 */
export const PERMISSIONS = {
  'users:read': 'View users',
  'users:manage': 'Create, change and disable users',
  'roles:manage': 'Create, change and delete roles',
  'api_keys:manage': 'Create and revoke API keys',
  'audit:read': 'Read the audit log',
  'integrations:read': 'View integrations and their status',
  'integrations:manage': 'Connect, change and remove integrations',
  'sync:read': 'View synchronisation jobs',
  'sync:run': 'Start and cancel synchronisation jobs',
  'system:read': 'View system status and alerts',
  'products:read': 'View the catalogue',
  'inventory:read': 'View stock',
  'inventory:manage': 'Change inventory settings such as reorder levels',
  'customers:read': 'View customers',
  'sales:read': 'View sales documents',
  'purchasing:read': 'View purchase documents',
  'analytics:read': 'View dashboards and reports',
  'alerts:read': 'View alerts',
  'alerts:manage': 'Acknowledge alerts and change alert rules',
  'export:run': 'Export data to CSV and Excel',
} as const;

export type Permission = keyof typeof PERMISSIONS;

/** Grants every permission, including ones added after the grant was made. */
export const WILDCARD_PERMISSION = '*';

export type PermissionGrant = Permission | typeof WILDCARD_PERMISSION;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

const viewer: Permission[] = [
  'products:read',
  'inventory:read',
  'customers:read',
  'sales:read',
  'purchasing:read',
];
const analyst: Permission[] = [...viewer, 'analytics:read', 'alerts:read', 'export:run'];
const manager: Permission[] = [
  ...analyst,
  'alerts:manage',
  'inventory:manage',
  'integrations:read',
  'sync:read',
  'sync:run',
];

export const SYSTEM_ROLES = {
  admin: { description: 'Full access', grants: [WILDCARD_PERMISSION] },
  manager: { description: 'Runs day-to-day operations and syncs', grants: manager },
  analyst: { description: 'Reads business data, analytics and exports', grants: analyst },
  viewer: { description: 'Reads business data', grants: viewer },
} as const satisfies Record<string, { description: string; grants: readonly PermissionGrant[] }>;

export type SystemRoleName = keyof typeof SYSTEM_ROLES;

export function hasPermission(grants: Iterable<string>, permission: Permission): boolean {
  for (const grant of grants) {
    if (grant === WILDCARD_PERMISSION || grant === permission) return true;
  }
  return false;
}
