namespace ThuisMonitoring.Storage.Notifications;

/// <summary>
/// The notification outbox in the directory file: one row per notification, kept after delivery (with when) as the
/// record of who was told what. <c>sequence</c> keeps the order of enqueueing; <c>next_attempt_ticks</c> is 0 until
/// a delivery failed.
/// </summary>
internal static class NotificationOutboxSchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS notification_outbox (
            sequence            INTEGER PRIMARY KEY AUTOINCREMENT,
            notification_id     TEXT NOT NULL UNIQUE,
            enqueued_at_ticks   INTEGER NOT NULL,
            attempts            INTEGER NOT NULL DEFAULT 0,
            next_attempt_ticks  INTEGER NOT NULL DEFAULT 0,
            last_error          TEXT NULL,
            delivered_at_ticks  INTEGER NULL,
            document            TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_notification_outbox_pending ON notification_outbox (next_attempt_ticks, sequence)
            WHERE delivered_at_ticks IS NULL;
        """;
}
