#!/bin/sh
# Stands in for Prisma's schema engine where it cannot be downloaded. `prisma generate` never runs
# it; anything that does (prisma migrate, db push) fails here with this message.
echo "Prisma's schema engine is not installed (it could not be downloaded). Migrations are applied with 'crm-server migrate'." >&2
exit 1
