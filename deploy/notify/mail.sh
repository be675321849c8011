#!/bin/sh
# ThuisMonitoring notification hook: one mail per notification through the local sendmail.
#   Notifications__Command=/opt/thuismonitoring/deploy/notify/mail.sh
#   Notifications__ShiftLead=dienstleider@example.org   (address of the shift lead)
#   Notifications:Recipients:<username> in appsettings.json (address of each clinician)
# The notification JSON arrives on stdin; the main fields are also in NOTIFICATION_* variables.
# Exit 0 = delivered; anything else and the host tries again later (so a notification may arrive twice:
# the NOTIFICATION_ID in the subject lets a reader see that).
set -eu

FROM="${NOTIFY_MAIL_FROM:-thuismonitoring@localhost}"
SENDMAIL="${NOTIFY_SENDMAIL:-/usr/sbin/sendmail}"
TO="${NOTIFICATION_RECIPIENT_ADDRESS:-}"
if [ -z "$TO" ]; then
  echo "no address for recipient '$NOTIFICATION_RECIPIENT' (set Notifications:ShiftLead / Notifications:Recipients)" >&2
  exit 2
fi

case "$NOTIFICATION_KIND" in
  escalation)         WHAT="Escalatie" ;;
  emergency-referral) WHAT="Verwezen naar ambulance/SEH" ;;
  re-escalation)      WHAT="Alarm niet opgepakt" ;;
  *)                  WHAT="$NOTIFICATION_KIND" ;;
esac
case "$NOTIFICATION_LEVEL" in
  urgent) LEVEL="ROOD" ;;
  *)      LEVEL="ORANJE" ;;
esac

JSON="$(cat)"
{
  printf 'From: %s\n' "$FROM"
  printf 'To: %s\n' "$TO"
  printf 'Subject: [ThuisMonitoring] %s %s: %s (%s)\n' "$LEVEL" "$WHAT" "${NOTIFICATION_PATIENT_NAME:-onbekende patient}" "$NOTIFICATION_ID"
  printf 'Content-Type: text/plain; charset=utf-8\n\n'
  printf '%s voor %s.\nOpen de monitoringconsole voor de details.\n\n%s\n' "$WHAT" "${NOTIFICATION_RECIPIENT_NAME:-$NOTIFICATION_RECIPIENT}" "$JSON"
} | "$SENDMAIL" -t -i
