#!/usr/bin/env bash
# Mints a bearer token that the local profile's services accept: HS256, signed with the key that
# eng/run.sh keeps in .data/signing-key, issuer pco-local, audience product-catalog-orders. The same
# token LocalTokenIssuer mints in code. Prints only the token, so it can go straight into a variable:
#
#   T=$(eng/token.sh products:write products:decommission)
#   curl -H "authorization: Bearer $T" ...
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: eng/token.sh [--sub SUBJECT] [--name NAME] [--customer CUSTOMER_ID] [--hours N] [SCOPE...]

Scopes: products:write products:decommission products:purge products:legal-hold catalog:write
        orders:write orders:read erasure:request erasure:legal-hold admin service
--sub       the token's subject, as the audit trail and the rate limiter see it (default: $USER)
--name      a display name for the audit trail
--customer  a customer_id claim: with no scope, the token is that customer's own
--hours     lifetime in hours (default 8)
Key: .data/signing-key (created by eng/run.sh), or the file in PCO_SIGNING_KEY_FILE.
USAGE
}

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KEY_FILE="${PCO_SIGNING_KEY_FILE:-$REPO_ROOT/.data/signing-key}"
ISSUER="pco-local"
AUDIENCE="product-catalog-orders"

sub="${USER:-developer}" name="" customer="" hours=8
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --sub) sub=$2; shift 2 ;;
    --name) name=$2; shift 2 ;;
    --customer) customer=$2; shift 2 ;;
    --hours) hours=$2; shift 2 ;;
    --*) usage >&2; exit 2 ;;
    *) break ;;
  esac
done

[ -s "$KEY_FILE" ] || { echo "token.sh: no signing key at $KEY_FILE; run eng/run.sh once first" >&2; exit 1; }
command -v openssl >/dev/null 2>&1 || { echo "token.sh: needs openssl (apt-get install openssl)" >&2; exit 1; }
for value in "$sub" "$name" "$customer" "$@"; do
  case "$value" in *[\"\\]*) echo "token.sh: quotes and backslashes are not allowed in claims" >&2; exit 2 ;; esac
done
[[ "$hours" =~ ^[0-9]+$ ]] || { echo "token.sh: --hours takes a whole number" >&2; exit 2; }

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

now=$(date +%s)
payload="{\"iss\":\"$ISSUER\",\"aud\":\"$AUDIENCE\",\"sub\":\"$sub\",\"iat\":$now,\"nbf\":$((now - 60)),\"exp\":$((now + hours * 3600))"
[ $# -eq 0 ] || payload+=",\"scope\":\"$*\""
[ -z "$name" ] || payload+=",\"name\":\"$name\""
[ -z "$customer" ] || payload+=",\"customer_id\":\"$customer\""
payload+="}"

unsigned="$(printf '%s' '{"alg":"HS256","typ":"JWT"}' | b64url).$(printf '%s' "$payload" | b64url)"
hexkey=$(base64 -d <"$KEY_FILE" | od -An -v -tx1 | tr -d ' \n')
signature=$(printf '%s' "$unsigned" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$hexkey" -binary | b64url)
printf '%s.%s\n' "$unsigned" "$signature"
