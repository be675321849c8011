#!/bin/sh
# ThuisMonitoring notification hook: an SMS per notification through an HTTP SMS gateway (curl).
#   Notifications__Command=/opt/thuismonitoring/deploy/notify/sms.sh
#   Notifications__ShiftLead=+31612345678          (number of the shift lead's phone)
#   Notifications:Recipients:<username> in appsettings.json (number of each clinician)
#   SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN in the service environment
# Adapt the curl line to your gateway's API. Exit 0 = delivered; otherwise the host retries with backoff.
set -eu

: "${SMS_GATEWAY_URL:?set SMS_GATEWAY_URL}"
: "${SMS_GATEWAY_TOKEN:?set SMS_GATEWAY_TOKEN}"
TO="${NOTIFICATION_RECIPIENT_ADDRESS:-}"
if [ -z "$TO" ]; then
  echo "no number for recipient '$NOTIFICATION_RECIPIENT'" >&2
  exit 2
fi

cat >/dev/null   # the JSON on stdin is not needed: the variables carry what fits in an SMS
case "$NOTIFICATION_KIND" in
  escalation)         TEXT="ThuisMonitoring: escalatie" ;;
  emergency-referral) TEXT="ThuisMonitoring: verwezen naar ambulance/SEH" ;;
  re-escalation)      TEXT="ThuisMonitoring: alarm niet opgepakt" ;;
  *)                  TEXT="ThuisMonitoring: $NOTIFICATION_KIND" ;;
esac
TEXT="$TEXT ($NOTIFICATION_LEVEL) - ${NOTIFICATION_PATIENT_NAME:-patient}. Zie de console."

# --fail: an HTTP error is a non-zero exit, so the host retries.
curl --silent --show-error --fail --max-time 20 \
  -H "Authorization: Bearer $SMS_GATEWAY_TOKEN" \
  --data-urlencode "to=$TO" \
  --data-urlencode "text=$TEXT" \
  "$SMS_GATEWAY_URL"
