#!/usr/bin/env bash
# Runs ProductService, CatalogService, OrderService and ErasureService locally against RabbitMQ and SQLite files in
# .data/, until Ctrl-C. On exit it stops only what it started: the four services, and the RabbitMQ
# node if it was not already running.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: eng/run.sh            run the four services until Ctrl-C
       eng/run.sh lab [...]  run src/StrategyLab, passing the remaining arguments to it
       eng/run.sh --help

Services: ProductService http://127.0.0.1:5101, CatalogService :5102, OrderService :5103,
ErasureService :5104.
Databases go to .data/*.db, logs to .data/logs/<service>.log. The services accept tokens signed
with .data/signing-key (made on the first run, then reused); mint one with eng/token.sh SCOPE...
RabbitMQ is installed (apt) if missing and started if not running. Each service connects as its own
broker user (product, catalog, order, erasure; eng/broker-users.sh holds their permissions), with passwords
made on the first run and kept in .data/broker-users/. Set ConnectionStrings__messaging to use
another broker URL for all four instead.
EOF
}

MODE=services
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  lab) MODE=lab ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

source "$(dirname "${BASH_SOURCE[0]}")/prereqs.sh"
cd "$REPO_ROOT"

SOLUTION="ProductCatalogOrders.Local.slnf"
SERVICES=(ProductService CatalogService OrderService ErasureService)
PORTS=(5101 5102 5103 5104)
DATA_DIR="$REPO_ROOT/.data"
LOG_DIR="$DATA_DIR/logs"

# Check everything that can't be fixed by waiting before touching RabbitMQ or building.
if [ "$MODE" = lab ]; then
  [ -d src/StrategyLab ] || die "src/StrategyLab does not exist yet; 'eng/run.sh lab' needs it" 2
else
  for svc in "${SERVICES[@]}"; do
    [ -f "src/$svc/$svc.csproj" ] || die "src/$svc/$svc.csproj not found" 2
  done
fi
[ -f "$SOLUTION" ] || die "$SOLUTION not found in the repository root" 2

PIDS=()        # service process ids; each one leads its own process group (see start_service)
CLEANED_UP=0

cleanup() {
  [ "$CLEANED_UP" -eq 0 ] || return 0
  CLEANED_UP=1
  trap '' INT TERM # a second Ctrl-C must not leave half the services running

  if [ "${#PIDS[@]}" -gt 0 ]; then
    log "stopping services"
    local pid
    # `dotnet run` starts the app as a child process, so signal the whole group, not just the pid.
    for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    local deadline=$((SECONDS + 15)) alive
    while :; do
      alive=0
      for pid in "${PIDS[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
      [ "$alive" -eq 1 ] && [ "$SECONDS" -lt "$deadline" ] || break
      sleep 0.5
    done
    for pid in "${PIDS[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
  fi
  stop_rabbitmq_if_started
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_rabbitmq
restore_dotnet_tools

log "building $SOLUTION"
dotnet build "$SOLUTION" -v quiet -nologo

# Each service talks to the broker as its own user, allowed only what it needs (eng/broker-users.sh),
# unless ConnectionStrings__messaging names another broker for all of them.
SHARED_BROKER="${ConnectionStrings__messaging:-}"
if [ -z "$SHARED_BROKER" ]; then
  ensure_broker_users
fi
service_broker() {
  if [ -n "$SHARED_BROKER" ]; then printf '%s' "$SHARED_BROKER"; else broker_uri "$1"; fi
}

# The local signing key: every service validates tokens with it and mints its own service token
# from it; eng/token.sh mints people's tokens with it. Made once, kept in .data/ (not committed).
SIGNING_KEY_FILE="$DATA_DIR/signing-key"
mkdir -p "$DATA_DIR"
if [ ! -s "$SIGNING_KEY_FILE" ]; then
  (umask 077; head -c 32 /dev/urandom | base64 >"$SIGNING_KEY_FILE")
  log "made a new signing key in .data/signing-key"
fi
export Authentication__Schemes__Bearer__ValidIssuer=pco-local
export Authentication__Schemes__Bearer__ValidAudiences__0=product-catalog-orders
export Authentication__Schemes__Bearer__SigningKeys__0__Issuer=pco-local
Authentication__Schemes__Bearer__SigningKeys__0__Value="$(cat "$SIGNING_KEY_FILE")"
export Authentication__Schemes__Bearer__SigningKeys__0__Value

# The key of the subject tokens: logs carry customer ids only as HMAC tokens under it, and anonymised
# orders keep the token instead of the id. Made once, kept in .data/ (not committed), like the signing key.
SUBJECT_TOKEN_KEY_FILE="$DATA_DIR/subject-token-key"
if [ ! -s "$SUBJECT_TOKEN_KEY_FILE" ]; then
  (umask 077; head -c 32 /dev/urandom | base64 >"$SUBJECT_TOKEN_KEY_FILE")
  log "made a new subject-token key in .data/subject-token-key"
fi
Privacy__SubjectTokenKey="$(cat "$SUBJECT_TOKEN_KEY_FILE")"
export Privacy__SubjectTokenKey

if [ "$MODE" = lab ]; then
  # The lab hosts every service in one process, on throw-away virtual hosts of its own (as guest).
  export ConnectionStrings__messaging="${SHARED_BROKER:-amqp://guest:guest@127.0.0.1:$RABBITMQ_PORT/}"
  # Not exec: the EXIT trap still has to stop a broker we started.
  status=0
  dotnet run --project src/StrategyLab -- "${@:2}" || status=$?
  exit "$status"
fi

command -v curl >/dev/null 2>&1 || apt_install curl
mkdir -p "$LOG_DIR"

export ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__productsdb="Data Source=$DATA_DIR/products.db"
export ConnectionStrings__catalogdb="Data Source=$DATA_DIR/catalog.db"
export ConnectionStrings__ordersdb="Data Source=$DATA_DIR/orders.db"
export ConnectionStrings__erasuredb="Data Source=$DATA_DIR/erasure.db"
export Erasure__Dataset__Path="$DATA_DIR/erasure-dataset"
# Service discovery, as Aspire injects it: the synchronous strategies and the purge checks call across.
export services__productservice__http__0="http://127.0.0.1:5101"
export services__catalogservice__http__0="http://127.0.0.1:5102"
export services__orderservice__http__0="http://127.0.0.1:5103"
export services__erasureservice__http__0="http://127.0.0.1:5104"

start_service() {
  local svc=$1 port=$2 user=$3 log_file="$LOG_DIR/$1.log"
  # Another instance on the port would answer our health check and hide our own bind failure.
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port (for $svc) is already in use; is another eng/run.sh running?"
  fi
  # setsid: the service gets its own session and process group (pgid = its pid, as this
  # non-interactive shell's background child is never a group leader, so setsid doesn't fork).
  # That keeps the terminal's Ctrl-C away from it and lets cleanup signal dotnet run + the app.
  ConnectionStrings__messaging="$(service_broker "$user")" setsid dotnet run --no-build --project "src/$svc/$svc.csproj" --no-launch-profile \
    -- --urls "http://127.0.0.1:$port" </dev/null >"$log_file" 2>&1 &
  PIDS+=("$!")
}

# Prints the last lines of a service's log after it stopped on its own.
report_exit() {
  local svc=$1
  log "$svc exited unexpectedly; last 20 lines of .data/logs/$svc.log:"
  tail -n 20 "$LOG_DIR/$svc.log" >&2 || true
}

for i in "${!SERVICES[@]}"; do
  start_service "${SERVICES[$i]}" "${PORTS[$i]}" "${BROKER_SERVICES[$i]}"
done
log "services starting; follow them with: tail -f .data/logs/*.log"

# Wait until every /health answers 200 (60 s budget, shared since they start in parallel).
deadline=$((SECONDS + 60))
ready=(0 0 0 0)
while :; do
  pending=0
  for i in "${!SERVICES[@]}"; do
    [ "${ready[$i]}" -eq 0 ] || continue
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      report_exit "${SERVICES[$i]}"
      exit 1
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:${PORTS[$i]}/health" || true)
    if [ "$code" = 200 ]; then
      ready[i]=1
    elif [ "$SECONDS" -ge "$deadline" ]; then
      if [ "${code:-000}" != 000 ]; then
        # It is listening but reports unhealthy (e.g. a dependency check); usable, so carry on.
        warn "${SERVICES[$i]} answers /health with HTTP $code after 60 s; continuing"
        ready[i]=1
      else
        log "${SERVICES[$i]} did not answer /health within 60 s; last 20 lines of its log:"
        tail -n 20 "$LOG_DIR/${SERVICES[$i]}.log" >&2 || true
        exit 1
      fi
    else
      pending=1
    fi
  done
  [ "$pending" -eq 1 ] || break
  sleep 1
done

echo
for i in "${!SERVICES[@]}"; do
  base="http://127.0.0.1:${PORTS[$i]}"
  printf '%-15s %s\n' "${SERVICES[$i]}" "$base"
  printf '%-15s   OpenAPI %s/openapi/v1.json  metrics %s/metrics  health %s/health\n' "" "$base" "$base" "$base"
done
echo
echo "A token (scopes as arguments; eng/token.sh --help for the rest):"
echo "  T=\$(eng/token.sh products:write products:decommission products:legal-hold catalog:write orders:write orders:read erasure:request erasure:legal-hold)"
echo "  curl -H \"authorization: Bearer \$T\" ..."
echo
echo "Logs: tail -f .data/logs/*.log    Press Ctrl-C to stop."

# Block until Ctrl-C (the INT trap interrupts wait) or until a service dies on its own.
wait -n "${PIDS[@]}" || true
for i in "${!SERVICES[@]}"; do
  if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
    report_exit "${SERVICES[$i]}"
  fi
done
exit 1
