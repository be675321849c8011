namespace ThuisMonitoring.Storage.Summaries;

/// <summary>The overview's read model in its own file (summaries.db): one JSON document per patient.</summary>
internal static class PatientSummarySchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS patient_summaries (
            patient_id         TEXT NOT NULL PRIMARY KEY,
            written_at_ticks   INTEGER NOT NULL,
            document           TEXT NOT NULL
        );
        """;
}
