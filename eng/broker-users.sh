#!/usr/bin/env bash
# The broker users of the three services and what each may do on its virtual host: the one place
# these rules are written. eng/run.sh and eng/test.sh apply them to the local broker (through
# prereqs.sh); the integration tests apply them to a throw-away virtual host with this same script
# and prove the broker enforces them.
#
# RabbitMQ checks three regular expressions per user and virtual host, against exchange and queue
# names: configure (declare, delete), write (publish to an exchange, bind into a queue or exchange)
# and read (consume from a queue, bind from an exchange). Every name a service declares starts
# with its own prefix ("product-", "catalog-", "order-": its consumer queues, their _error and
# _skipped queues, the exchanges of the same names and its bus endpoint); the message exchanges
# are named after the contract types. So:
#
#   product   configures, writes and reads its own names; configures and writes the product event
#             exchanges; configures and reads (binds from) the confirmation exchanges.
#   catalog,  configure, write and read their own names; configure and read (bind from) the product
#   order     event exchanges; configure and write the confirmation exchanges. Never write a
#             product event exchange: a forged ProductDecommissioned is refused by the broker.
#
# Nobody may write the default exchange (amq.default) or anything else. The exchanges are fanout,
# so topic permissions (which apply to topic exchanges only) add nothing. Whoever declares an
# exchange needs configure on it (MassTransit declares the exchanges of what it consumes), so a
# consumer could delete a product event exchange; it could never publish to it.
#
# Usage: eng/broker-users.sh permissions SERVICE [ENTITY_PREFIX]
#            prints the configure, write and read expressions, one per line
#        eng/broker-users.sh apply --password-dir DIR [--vhost VHOST] [--prefix ENTITY_PREFIX] [--user-prefix PREFIX]
#            creates or updates the users PREFIX+product, PREFIX+catalog, PREFIX+order with the
#            passwords in DIR/<service> (made once, if missing) and sets their permissions
#        eng/broker-users.sh remove [--user-prefix PREFIX]
#            deletes those users
set -euo pipefail

BROKER_SERVICES=(product catalog order)

# Message exchanges, one per contract type (MassTransit's entity names). Adding a product event or a
# confirmation means adding it here; a test compares these lists with the contracts.
BROKER_PRODUCT_EVENTS="ProductCreated|ProductUpdated|ProductDecommissioned|ProductDecommissionCompleted|ProductRestored|ProductLegalHoldChanged|ProductPurged"
BROKER_CONFIRMATIONS="ProductDecommissionConfirmed|ProductPurgeConfirmed"
BROKER_CONTRACTS='ProductCatalogOrders\.Contracts:'

# broker_permissions SERVICE [ENTITY_PREFIX]: configure, write and read, one per line.
broker_permissions() {
  local service=$1 prefix
  # Messaging:EntityPrefix comes before every name; escape it for the regular expression.
  prefix=$(printf '%s' "${2:-}" | sed 's/[][\\.*^$+?(){}|/]/\\&/g')
  local own="$service-.*"
  local events="$BROKER_CONTRACTS($BROKER_PRODUCT_EVENTS)"
  local confirmations="$BROKER_CONTRACTS($BROKER_CONFIRMATIONS)"
  case "$service" in
    product)
      printf '^%s(%s|%s|%s)$\n' "$prefix" "$own" "$events" "$confirmations"
      printf '^%s(%s|%s)$\n' "$prefix" "$own" "$events"
      printf '^%s(%s|%s)$\n' "$prefix" "$own" "$confirmations"
      ;;
    catalog|order)
      printf '^%s(%s|%s|%s)$\n' "$prefix" "$own" "$events" "$confirmations"
      printf '^%s(%s|%s)$\n' "$prefix" "$own" "$confirmations"
      printf '^%s(%s|%s)$\n' "$prefix" "$own" "$events"
      ;;
    *) echo "broker-users.sh: unknown service '$service' (product, catalog or order)" >&2; return 2 ;;
  esac
}

_broker_ctl() {
  if [ "$(id -u)" -eq 0 ]; then rabbitmqctl -q "$@"; else sudo rabbitmqctl -q "$@"; fi
}

# A password that needs no escaping in an amqp:// URI.
_broker_new_password() {
  head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'
}

# broker_apply_users PASSWORD_DIR VHOST ENTITY_PREFIX USER_PREFIX: idempotent; each user's password
# is read from PASSWORD_DIR/<service> (made once), so a rerun changes nothing a running service uses.
broker_apply_users() {
  local dir=$1 vhost=$2 prefix=$3 user_prefix=$4 existing service pids=() pid failed=0
  mkdir -p "$dir"
  existing=$(_broker_ctl list_users | awk '{print $1}')
  for service in "${BROKER_SERVICES[@]}"; do
    # One rabbitmqctl call takes about a second; the three users are set up side by side.
    _broker_apply_user "$dir/$service" "$user_prefix$service" "$vhost" "$service" "$prefix" "$existing" &
    pids+=("$!")
  done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  return "$failed"
}

_broker_apply_user() {
  local file=$1 user=$2 vhost=$3 service=$4 prefix=$5 existing=$6 permissions
  if [ ! -s "$file" ]; then
    (umask 077; _broker_new_password >"$file")
  fi
  if printf '%s\n' "$existing" | grep -qxF -- "$user"; then
    _broker_ctl change_password "$user" "$(cat "$file")" >/dev/null
  else
    _broker_ctl add_user "$user" "$(cat "$file")" >/dev/null
  fi
  mapfile -t permissions < <(broker_permissions "$service" "$prefix")
  _broker_ctl set_permissions -p "$vhost" "$user" "${permissions[@]}" >/dev/null
}

broker_remove_users() {
  local user_prefix=$1 service
  for service in "${BROKER_SERVICES[@]}"; do
    _broker_ctl delete_user "$user_prefix$service" >/dev/null 2>&1 &
  done
  wait || true
}

# Run as a command (sourced by prereqs.sh, it only defines the functions above).
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  command=${1:-}
  shift || true
  case "$command" in
    permissions)
      [ $# -ge 1 ] || { echo "usage: eng/broker-users.sh permissions SERVICE [ENTITY_PREFIX]" >&2; exit 2; }
      broker_permissions "$@"
      ;;
    apply|remove)
      dir="" vhost="/" prefix="" user_prefix=""
      while [ $# -gt 0 ]; do
        case "$1" in
          --password-dir) dir=$2; shift 2 ;;
          --vhost) vhost=$2; shift 2 ;;
          --prefix) prefix=$2; shift 2 ;;
          --user-prefix) user_prefix=$2; shift 2 ;;
          *) echo "broker-users.sh: unknown option $1" >&2; exit 2 ;;
        esac
      done
      if [ "$command" = remove ]; then
        broker_remove_users "$user_prefix"
      else
        [ -n "$dir" ] || { echo "broker-users.sh apply: --password-dir is required" >&2; exit 2; }
        broker_apply_users "$dir" "$vhost" "$prefix" "$user_prefix"
      fi
      ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
fi
