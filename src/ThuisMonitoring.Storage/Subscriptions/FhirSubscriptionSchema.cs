namespace ThuisMonitoring.Storage.Subscriptions;

/// <summary>
/// FHIR Subscriptions and their outbox in the directory file. The outbox has the notification outbox's shape
/// (<c>notification_outbox</c>): one row per push, kept after delivery with when, <c>next_attempt_ticks</c> 0 until a
/// delivery failed. It is its own table so the clinical notification hook never sees a FHIR push.
/// </summary>
internal static class FhirSubscriptionSchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS fhir_subscriptions (
            subscription_id  TEXT PRIMARY KEY,
            active           INTEGER NOT NULL,
            document         TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS fhir_push_outbox (
            sequence            INTEGER PRIMARY KEY AUTOINCREMENT,
            notification_id     TEXT NOT NULL UNIQUE,
            enqueued_at_ticks   INTEGER NOT NULL,
            attempts            INTEGER NOT NULL DEFAULT 0,
            next_attempt_ticks  INTEGER NOT NULL DEFAULT 0,
            last_error          TEXT NULL,
            delivered_at_ticks  INTEGER NULL,
            document            TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_fhir_push_outbox_pending ON fhir_push_outbox (next_attempt_ticks, sequence)
            WHERE delivered_at_ticks IS NULL;
        """;
}
