# shellcheck shell=bash
# Shared prerequisites for eng/run.sh and eng/test.sh. Source it, don't execute it.
#
# Provides:
#   REPO_ROOT                     absolute path of the repository (derived from this file's location)
#   RABBITMQ_PORT                 AMQP port we expect the broker on (RABBITMQ_NODE_PORT, default 5672)
#   RABBITMQ_STARTED_BY_US        1 once ensure_rabbitmq has started (or installed) the broker, else 0
#   log / warn / die              messages on stderr, prefixed so they stand out in dotnet's output
#   ensure_rabbitmq               install RabbitMQ if missing, start it if it isn't running
#   stop_rabbitmq_if_started      stop the broker only if ensure_rabbitmq started it (idempotent)
#   restore_dotnet_tools          `dotnet tool restore`, only when a tool manifest exists
#   ensure_broker_users           create or update the services' broker users on the local broker
#   broker_uri SERVICE            the amqp:// URI a service connects with, as its own user
#   apt_install PKG...            install Debian packages (sudo only when not root)
#   ensure_promtool               install Prometheus's promtool (Debian's `prometheus`) if missing; never fatal

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# rabbitmq-server/rabbitmqctl live in /usr/sbin, which is not on a non-root user's PATH on Debian;
# without this a non-root user would "reinstall" a broker that is already there.
case ":$PATH:" in
  *:/usr/sbin:*) ;;
  *) PATH="$PATH:/usr/sbin:/sbin" ;;
esac

# RabbitMQ itself honours RABBITMQ_NODE_PORT, so reuse it for our own readiness check.
RABBITMQ_PORT="${RABBITMQ_NODE_PORT:-5672}"
RABBITMQ_STARTED_BY_US=0
_EPMD_WAS_RUNNING=1

log()  { printf '[%s] %s\n' "${0##*/}" "$*" >&2; }
warn() { printf '[%s] warning: %s\n' "${0##*/}" "$*" >&2; }
die()  { printf '[%s] error: %s\n' "${0##*/}" "$1" >&2; exit "${2:-1}"; } # die MESSAGE [EXIT_CODE]

# The Debian rabbitmq wrappers refuse to run as anyone but root/rabbitmq, and apt needs root too.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root for: $* (run as root or install sudo)"
  fi
}

_APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install $* manually"
  if [ "$_APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    as_root apt-get update -qq
    _APT_UPDATED=1
  fi
  log "apt-get install $*"
  # `env` because sudo drops the caller's environment.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# True when something accepts connections on the AMQP port (bash's /dev/tcp: no extra tools needed).
_amqp_port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$RABBITMQ_PORT") >/dev/null 2>&1
}

# Port first: it is instant and also covers a broker this machine doesn't manage through rabbitmqctl.
rabbitmq_running() {
  _amqp_port_open || as_root rabbitmqctl -q status >/dev/null 2>&1
}

# Wait (up to 60 s) until the broker accepts AMQP connections. await_startup fails at once while
# the node's OS process isn't up yet, so it is retried rather than trusted to block.
_wait_for_amqp() {
  local deadline=$((SECONDS + 60))
  until _amqp_port_open; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      die "RabbitMQ is not accepting connections on 127.0.0.1:$RABBITMQ_PORT after 60 s (see /var/log/rabbitmq/)"
    fi
    as_root rabbitmqctl -q -t 10 await_startup >/dev/null 2>&1 || sleep 1
  done
}

ensure_rabbitmq() {
  local installed_now=0
  # Remember whether epmd (Erlang's port mapper) is already up, so that stopping a broker we started
  # also removes the epmd it brought along. Checked first: any rabbitmqctl call starts epmd itself.
  if ! { command -v epmd >/dev/null 2>&1 && epmd -names >/dev/null 2>&1; }; then
    _EPMD_WAS_RUNNING=0 # (also when Erlang isn't installed yet)
  fi
  if ! command -v rabbitmq-server >/dev/null 2>&1; then
    apt_install rabbitmq-server
    installed_now=1
  fi

  if rabbitmq_running; then
    # A broker that only came up because our install's postinst started it is still ours to stop.
    if [ "$installed_now" -eq 1 ]; then RABBITMQ_STARTED_BY_US=1; fi
    _wait_for_amqp # the node may still be booting
    log "RabbitMQ is running on 127.0.0.1:$RABBITMQ_PORT"
    return 0
  fi

  # The package's postinst cannot start the service in containers (policy-rc.d), so start the
  # node directly. -detached forks into its own session: Ctrl-C in our terminal won't reach it.
  log "starting RabbitMQ (rabbitmq-server -detached)"
  as_root rabbitmq-server -detached >/dev/null 2>&1 || true
  RABBITMQ_STARTED_BY_US=1

  _wait_for_amqp
  log "RabbitMQ started on 127.0.0.1:$RABBITMQ_PORT (will be stopped on exit)"
}

stop_rabbitmq_if_started() {
  [ "$RABBITMQ_STARTED_BY_US" -eq 1 ] || return 0
  RABBITMQ_STARTED_BY_US=0 # idempotent: a second call (e.g. from an EXIT trap) does nothing
  log "stopping RabbitMQ (started by this script)"
  # `shutdown` waits for the Erlang VM to exit; fall back to `stop` just in case.
  as_root rabbitmqctl -q shutdown >/dev/null 2>&1 \
    || as_root rabbitmqctl -q stop >/dev/null 2>&1 \
    || warn "could not stop RabbitMQ"
  if [ "$_EPMD_WAS_RUNNING" -eq 0 ] && command -v epmd >/dev/null 2>&1; then
    # epmd refuses -kill while the stopped node is still registered; that takes a moment to clear.
    local i
    for i in 1 2 3 4 5 6 7 8 9 10; do
      epmd -kill >/dev/null 2>&1 && ! epmd -names >/dev/null 2>&1 && break
      sleep 0.5
    done
  fi
}

# The services' broker users (product, catalog, order) and their permissions: eng/broker-users.sh
# holds the rules. Passwords are made once and kept in .data/broker-users/, like the signing key.
BROKER_PASSWORD_DIR="$REPO_ROOT/.data/broker-users"
# shellcheck source=eng/broker-users.sh
source "$REPO_ROOT/eng/broker-users.sh"

ensure_broker_users() {
  log "broker users ${BROKER_SERVICES[*]} (permissions from eng/broker-users.sh)"
  broker_apply_users "$BROKER_PASSWORD_DIR" / "" "" \
    || die "could not create the broker users with rabbitmqctl (set ConnectionStrings__messaging to use another broker)"
}

broker_uri() {
  printf 'amqp://%s:%s@127.0.0.1:%s/' "$1" "$(cat "$BROKER_PASSWORD_DIR/$1")" "$RABBITMQ_PORT"
}

restore_dotnet_tools() {
  if [ -f "$REPO_ROOT/.config/dotnet-tools.json" ]; then
    log "dotnet tool restore"
    (cd "$REPO_ROOT" && dotnet tool restore >/dev/null)
  fi
}

# promtool checks the services' /metrics text against Prometheus's conventions in the metrics test.
# Debian ships it in `prometheus`, which also brings the Prometheus server (on a machine with systemd,
# apt enables and starts it on port 9090; in a container without systemd it is not started). A machine
# that cannot install it still tests: the metrics test then skips only the promtool check.
ensure_promtool() {
  command -v promtool >/dev/null 2>&1 && return 0
  log "promtool not found; installing prometheus (for promtool only)"
  if ! (apt_install --no-install-recommends prometheus) ; then
    warn "could not install prometheus; the metrics test will skip its promtool check"
  fi
}
