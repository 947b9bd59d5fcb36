#!/bin/sh
# Creates holdfast's namespace and registers the search attributes ops use to find payments
# in the Web UI (and that the workflows set). Run by the admin-tools step of
# docker-compose.temporal.yml once the frontend answers; `holdfast cluster` does the same
# through the SDK (cli/cluster-temporal.ts, with SEARCH_ATTRIBUTES of
# devtools/temporal-dev-server.ts, which test/unit/temporal-config.test.ts holds this list to).
#   TEMPORAL_ADDRESS: the frontend; NAMESPACE: default "default"; TEMPORAL_RETENTION_DAYS: default 30
set -eu

namespace=${NAMESPACE:-default}
search_attributes="MerchantId=Keyword PaymentStatus=Keyword Psp=Keyword"

# The frontend's port opens before history and matching have joined it.
tries=0
until temporal operator cluster health >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 90 ]; then echo "Temporal at $TEMPORAL_ADDRESS never became healthy" >&2; exit 1; fi
  sleep 2
done

# Retention as holdfast's TEMPORAL_RETENTION_DAYS says (30 days unless set), also on a
# namespace an earlier setup created.
retention="$(( ${TEMPORAL_RETENTION_DAYS:-30} * 24 ))h"
if temporal operator namespace describe --namespace "$namespace" >/dev/null 2>&1; then
  temporal operator namespace update --namespace "$namespace" --retention "$retention"
else
  temporal operator namespace create --namespace "$namespace" --retention "$retention"
fi

registered=$(temporal operator search-attribute list --namespace "$namespace")
for attribute in $search_attributes; do
  name=${attribute%%=*}
  type=${attribute#*=}
  if echo "$registered" | grep -qw "$name"; then
    echo "search attribute $name already registered"
  else
    temporal operator search-attribute create --namespace "$namespace" --name "$name" --type "$type"
  fi
done
