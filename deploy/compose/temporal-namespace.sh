#!/bin/sh
# The temporal-namespace job (temporalio/admin-tools): once the server answers, creates the namespace Perennial runs
# in and Perennial's custom search attributes (io.perennial.temporal.PerennialSearchAttributes), so operators can
# filter in the Web UI from the first workflow on. Creating what exists is skipped, so it is safe to run again.
# The worker also registers any missing attribute at startup; this job makes the stack not depend on that.
set -eu

NAMESPACE="${TEMPORAL_NAMESPACE:-default}"

# Runs "$@" until it succeeds, for at most a minute.
retry() {
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge 30 ]; then
      echo "gave up on: $*" >&2
      exit 1
    fi
    attempt=$((attempt + 1))
    sleep 2
  done
}

retry temporal operator cluster health

if temporal operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "namespace $NAMESPACE exists"
else
  temporal operator namespace create --namespace "$NAMESPACE"
fi

# A new namespace reaches the server's namespace cache some seconds after it is created.
retry temporal operator search-attribute list --namespace "$NAMESPACE" >/dev/null
existing=$(temporal operator search-attribute list --namespace "$NAMESPACE")
for attribute in CustomerId:Keyword PlanId:Keyword SubscriptionStatus:Keyword NextBillingAt:Datetime FailedPaymentCount:Int \
    OrderStatus:Keyword RestockStatus:Keyword WebhookEndpointId:Keyword PaymentIssue:Keyword \
    PaymentIssueSince:Datetime; do
  name=${attribute%%:*}
  type=${attribute#*:}
  if echo "$existing" | grep -qw "$name"; then
    echo "search attribute $name exists"
  else
    temporal operator search-attribute create --namespace "$NAMESPACE" --name "$name" --type "$type"
  fi
done
