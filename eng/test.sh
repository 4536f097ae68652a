#!/usr/bin/env bash
# Runs every test in ProductCatalogOrders.Local.slnf against a local RabbitMQ and prints, as the very
# last line of output, "N passed, N failed, N skipped" summed over the TRX files of this run.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Orders").
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/prereqs.sh"
cd "$REPO_ROOT"

case "${1:-}" in
  -h|--help)
    cat <<'EOF'
Usage: eng/test.sh [dotnet test arguments...]

Ensures RabbitMQ is installed and running (stopping it afterwards only if this script started it),
runs `dotnet test ProductCatalogOrders.Local.slnf` with a TRX logger into TestResults/<timestamp>/,
and prints "N passed, N failed, N skipped" as the last line. Exits non-zero when the run fails,
any test fails, or no tests ran.
EOF
    exit 0
    ;;
esac

SOLUTION="ProductCatalogOrders.Local.slnf"
[ -f "$SOLUTION" ] || die "$SOLUTION not found in the repository root"

# Safety net for early exits (set -e, Ctrl-C); the normal path stops the broker explicitly before
# printing the summary so that nothing is printed after it.
trap stop_rabbitmq_if_started EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_rabbitmq
# The broker users are not made here on the default virtual host, which eng/run.sh may be using: the
# integration tests make their own with eng/broker-users.sh, on a throw-away virtual host, and delete
# them afterwards (BrokerUsersSystem).
restore_dotnet_tools

# A fresh directory per run, so only this run's TRX files are counted.
RESULTS_DIR="$REPO_ROOT/TestResults/$(date +%Y%m%d-%H%M%S)"
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

log "dotnet test $SOLUTION (results in ${RESULTS_DIR#"$REPO_ROOT"/})"
test_exit=0
dotnet test "$SOLUTION" --logger "trx" --results-directory "$RESULTS_DIR" "$@" || test_exit=$?

# Sum the <Counters .../> of every TRX file. Measured with xunit.v3 3.2.1 + xunit.runner.visualstudio
# 3.1.5: skipped tests (both [Fact(Skip=...)] and Assert.Skip) are written with outcome="NotExecuted"
# but the summary keeps notExecuted="0" and leaves them out of executed=, so skipped = total - executed
# (taking notExecuted instead if some other adapter ever reports more there). Errors, timeouts and
# aborts count as failures. Several projects may finish in the same second; the logger then names the
# second file "...[1].trx", so find (not a glob) picks all of them up. Plain awk: works on a bare image.
trx_count=0
passed=0 failed=0 skipped=0 total=0
while IFS= read -r -d '' trx; do
  trx_count=$((trx_count + 1))
  read -r t p f s < <(
    tr '\r\n' '  ' <"$trx" | grep -o '<Counters [^>]*>' | head -n 1 | awk '
      function attr(name,   m) {
        if (match($0, " " name "=\"[0-9]+\"")) { m = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", m); return m + 0 }
        return 0
      }
      {
        total = attr("total"); executed = attr("executed"); notrun = attr("notExecuted")
        failed = attr("failed") + attr("error") + attr("timeout") + attr("aborted")
        skipped = total - executed; if (notrun > skipped) skipped = notrun; if (skipped < 0) skipped = 0
        print total, attr("passed"), failed, skipped
      }
      END { if (NR == 0) print "0 0 0 0" }'
  )
  total=$((total + t)) passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done < <(find "$RESULTS_DIR" -type f -name '*.trx' -print0)

stop_rabbitmq_if_started

status=0
if [ "$test_exit" -ne 0 ]; then
  log "FAILED: dotnet test exited with code $test_exit"
  status=1
fi
if [ "$failed" -gt 0 ]; then
  log "FAILED: $failed test(s) failed"
  status=1
fi
if [ "$trx_count" -eq 0 ]; then
  log "FAILED: no TRX files were written to ${RESULTS_DIR#"$REPO_ROOT"/} (did any test project build and run?)"
  status=1
elif [ "$total" -eq 0 ]; then
  log "FAILED: $trx_count TRX file(s) found but they contain zero tests"
  status=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
