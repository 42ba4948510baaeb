import { WILDCARD_PERMISSION } from '@crm/contracts';
import type { Prisma } from '@crm/db';
import { DomainError } from '../errors';

/**
 * Serialises changes that could leave the system without an administrator, and refuses any that
 * would: call inside the transaction that makes the change, after making it.
 */
export async function assertAnAdminRemains(tx: Prisma.TransactionClient): Promise<void> {
  const [row] = await tx.$queryRaw<{ count: bigint }[]>`
    SELECT count(DISTINCT u.id) AS count
      FROM users u
      JOIN user_roles ur ON ur.user_id = u.id
      JOIN roles r ON r.id = ur.role_id
     WHERE u.status = 'active' AND ${WILDCARD_PERMISSION} = ANY(r.permissions)`;
  if (!row || row.count === 0n) {
    throw new DomainError('CONFLICT', {
      en: 'This would leave no active administrator; make someone else an admin first',
      ru: 'После этого не останется ни одного активного администратора; сначала назначьте другого',
    });
  }
}

/** Taken first by every transaction that may remove an administrator, so two cannot race. */
export async function lockAdminChanges(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('crm:admin-changes'))`;
}
