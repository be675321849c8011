namespace ThuisMonitoring.Storage.Protocols;

/// <summary>
/// Tables of the protocol library in the directory file: the current layer per scope, and every version ever saved
/// with the layer it replaced, so the audit needs no reconstruction and survives a layer being replaced again.
/// </summary>
internal static class ProtocolLibrarySchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS protocol_layers (
            scope               TEXT NOT NULL PRIMARY KEY,
            version             INTEGER NOT NULL,
            layer_json          TEXT NOT NULL,
            changed_by          TEXT NOT NULL,
            changed_at_ticks    INTEGER NOT NULL,
            changed_at_offset   INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS protocol_changes (
            scope               TEXT NOT NULL,
            version             INTEGER NOT NULL,
            old_layer_json      TEXT NULL,
            new_layer_json      TEXT NOT NULL,
            changed_by          TEXT NOT NULL,
            changed_at_ticks    INTEGER NOT NULL,
            changed_at_offset   INTEGER NOT NULL,
            PRIMARY KEY (scope, version)
        );
        CREATE INDEX IF NOT EXISTS ix_protocol_changes_changed ON protocol_changes (changed_at_ticks DESC);
        """;
}
