#!/usr/bin/env bash
# Adds one EF Core migration to every migration set, so the SQLite and SQL Server sets never drift
# apart: each service's model has one derived context per provider, each with its own set.
# Generating a migration needs the model and the provider only, never a running server.
#
#   eng/add-migration.sh AddOrderStatus                 every service's sets
#   eng/add-migration.sh AddOrderStatus OrderService    only that service's sets
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

name="${1:-}"
if [[ ! "$name" =~ ^[A-Z][A-Za-z0-9]*$ ]]; then
  echo "usage: eng/add-migration.sh MigrationName [ProductService|OrderService|CatalogService ...]   (name in PascalCase)" >&2
  exit 2
fi
shift
only=("$@")
for service in "${only[@]}"; do
  case "$service" in
    ProductService|OrderService|CatalogService|ErasureService) ;;
    *) echo "unknown service '$service': use ProductService, OrderService, CatalogService or ErasureService" >&2; exit 2 ;;
  esac
done

dotnet tool restore >/dev/null
dotnet build ProductCatalogOrders.Local.slnf -v quiet -nologo >/dev/null

# service  context  provider folder
sets=(
  "ProductService SqliteProductsDbContext Sqlite"
  "ProductService SqlServerProductsDbContext SqlServer"
  "OrderService SqliteOrdersDbContext Sqlite"
  "OrderService SqlServerOrdersDbContext SqlServer"
  "CatalogService CatalogDbContext Sqlite"
  "ErasureService SqliteErasureDbContext Sqlite"
  "ErasureService SqlServerErasureDbContext SqlServer"
)
for set in "${sets[@]}"; do
  read -r service context folder <<<"$set"
  if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " =~ " $service " ]]; then
    continue
  fi
  echo "== $service / $context"
  dotnet ef migrations add "$name" --no-build --project "src/$service" --context "$context" --output-dir "Storage/Migrations/$folder"
done
echo "Added $name; the store contract tests check each migration set against its model."
