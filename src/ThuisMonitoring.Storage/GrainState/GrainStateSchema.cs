namespace ThuisMonitoring.Storage.GrainState;

/// <summary>
/// Grain state rows, keyed by state name and grain id (the id includes the grain type, which is also kept apart for
/// operators). <c>version</c> is the etag; a cleared state stays as a row with no payload so its version keeps rising
/// and a writer holding an etag from before the clear is still refused.
/// </summary>
internal static class GrainStateSchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS grain_state (
            state_name        TEXT NOT NULL,
            grain_id          TEXT NOT NULL,
            grain_type        TEXT NOT NULL,
            version           INTEGER NOT NULL,
            payload           TEXT,
            updated_at_ticks  INTEGER NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        ) WITHOUT ROWID;
        """;
}
