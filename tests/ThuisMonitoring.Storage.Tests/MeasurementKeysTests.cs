using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.TimeSeries;
using ThuisMonitoring.Storage.Measurements;
using ThuisMonitoring.Storage.Privacy;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// The embedded measurements file keys its two indexes by numbers for the patient and device ids: files of before are
/// migrated at open with every row, the duplicate rule stays exact, and every query by patient goes through its index.
/// </summary>
public sealed class MeasurementKeysTests : IDisposable
{
    // The schema of before the flags and the keys: text-keyed indexes, and (device, time) for the flags of that time.
    private const string TextKeyedSchema = """
        CREATE TABLE measurements (
            id INTEGER PRIMARY KEY, patient_id TEXT NOT NULL, device_id TEXT NOT NULL, organisation TEXT, source TEXT NOT NULL,
            message_id TEXT, measured_at_ticks INTEGER NOT NULL, measured_at_offset INTEGER NOT NULL,
            received_at_ticks INTEGER NOT NULL, received_at_offset INTEGER NOT NULL, spo2 INTEGER, heart_rate INTEGER,
            respiratory_rate INTEGER, oxygen_flow REAL, temperature REAL, perfusion_index REAL, feeling TEXT,
            exertion INTEGER NOT NULL, artefact INTEGER NOT NULL);
        CREATE UNIQUE INDEX ux_measurements_device_message ON measurements (device_id, message_id) WHERE message_id IS NOT NULL;
        CREATE INDEX ix_measurements_patient_time ON measurements (patient_id, measured_at_ticks);
        CREATE INDEX ix_measurements_device_time ON measurements (device_id, measured_at_ticks);
        """;

    private readonly SqliteSite _site = new();

    private string FilePath => Path.Combine(_site.DataDirectory, EmbeddedStoreOptions.MeasurementsFileName);

    [Fact]
    public async Task A_file_with_text_keyed_indexes_keeps_every_row_and_refuses_duplicates_lists_flags_and_erases_after_opening()
    {
        Execute(TextKeyedSchema);
        // p-001 on oxi-001: m-1..m-3 and m-2 again (refused by the old index); p-002 on oxi-002: the same message ids
        // (another device: stored) and two readings without a message id.
        OldRow("p-001", "oxi-001", "m-1", 0);
        OldRow("p-001", "oxi-001", "m-2", 1);
        OldRow("p-001", "oxi-001", "m-3", 2);
        OldRow("p-001", "oxi-001", "m-2", 3);
        OldRow("p-002", "oxi-002", "m-1", 0);
        OldRow("p-002", "oxi-002", "m-2", 1);
        OldRow("p-002", "oxi-002", null, 2);
        OldRow("p-002", "oxi-002", null, 3);
        Scalar("SELECT COUNT(*) FROM measurements;").Should().Be(7);

        await using (var stores = await _site.OpenAsync())
        {
            var store = stores.Measurements;
            (await store.CountAsync(default)).Should().Be(7);
            Indexes().Should().Equal("ix_measurements_patient_key_time", "ux_measurements_device_key_message");
            Scalar("SELECT COUNT(*) FROM patient_keys;").Should().Be(2);
            Scalar("SELECT COUNT(*) FROM device_keys;").Should().Be(2);
            Scalar("SELECT COUNT(*) FROM measurements WHERE patient_key = 0 OR device_key = 0;").Should().Be(0);

            var listed = await store.ListAsync("p-001", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 10, default);
            listed.Select(m => m.Measurement.MessageId).Should().Equal("m-1", "m-2", "m-3");
            listed.Should().OnlyContain(m => m.DeviceId == "oxi-001" && m.Measurement.Spo2 == 95);
            (await store.ListAsync("p-002", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 10, default)).Should().HaveCount(4);
            (await stores.Trends.ReadRawAsync("p-002", VitalSign.Spo2, Ward.MorningRound.AddMinutes(-1), Ward.MorningRound.AddMinutes(5), default))
                .Should().HaveCount(4);

            (await store.AppendAsync(Ward.Reading("m-2", deviceId: "oxi-001", patientId: "p-001"), default)).Should().BeFalse("stored before the migration");
            (await store.AppendAsync(Ward.Reading("m-3", deviceId: "oxi-002", patientId: "p-002"), default)).Should().BeTrue();
            (await store.CountAsync(default)).Should().Be(8);

            var last = (await stores.Journal.ReadAfterAsync(0, 100, default))[^1].Sequence;
            await stores.Services.GetRequiredService<IMeasurementFlags>().FlagAsync(
                "p-001", "oxi-001", [new MeasurementFlag(Ward.MorningRound.AddMinutes(1), "sensor-off", Artefact: true)], default);
            (await stores.Journal.ReadAfterAsync(last, 10, default)).Should().ContainSingle()
                .Which.Stored.Should().Match<StoredMeasurement>(m => m.Measurement.MessageId == "m-2" && m.Artefact && m.Flag == "sensor-off");

            (await ErasureOf(stores).EraseAsync("p-001", default)).Should().Be(3);
            (await store.ListAsync("p-001", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 10, default)).Should().BeEmpty();
            (await store.CountAsync(default)).Should().Be(5);
            Scalar("SELECT COUNT(*) FROM patient_keys WHERE id = 'p-001';").Should().Be(0, "the key table holds the erased patient's id");
        }

        await using (var reopened = await _site.OpenAsync())
        {
            (await reopened.Measurements.CountAsync(default)).Should().Be(5);
            (await reopened.Measurements.AppendAsync(Ward.Reading("m-1", deviceId: "oxi-002", patientId: "p-002"), default)).Should().BeFalse();
            (await reopened.Measurements.ListAsync("p-002", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 10, default)).Should().HaveCount(5);
            Indexes().Should().Equal("ix_measurements_patient_key_time", "ux_measurements_device_key_message");
        }
    }

    [Fact]
    public async Task A_patient_erased_and_measured_again_is_listed_with_a_fresh_key()
    {
        await using var stores = await _site.OpenAsync();
        var store = stores.Measurements;
        await store.AppendAsync(Ward.Reading("m-1"), default);
        await ErasureOf(stores).EraseAsync("p-001", default);

        // The writer still had p-001's number from before the erasure; it must not write rows under a deleted key.
        (await store.AppendAsync(Ward.Reading("m-2"), default)).Should().BeTrue();

        (await store.ListAsync("p-001", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 10, default))
            .Should().ContainSingle().Which.Measurement.MessageId.Should().Be("m-2");
        Scalar("SELECT COUNT(*) FROM measurements WHERE patient_key NOT IN (SELECT key FROM patient_keys);").Should().Be(0);
    }

    [Fact]
    public async Task A_patient_id_equal_to_a_device_id_is_another_key()
    {
        await using var stores = await _site.OpenAsync();
        var store = stores.Measurements;
        await store.AppendAsync(Ward.Reading("m-1", deviceId: "x-1", patientId: "p-001"), default);
        await store.AppendAsync(Ward.Reading("m-1", deviceId: "oxi-001", patientId: "x-1"), default);

        (await store.ListAsync("x-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 10, default))
            .Should().ContainSingle().Which.DeviceId.Should().Be("oxi-001");
        (await store.ListAsync("p-001", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 10, default))
            .Should().ContainSingle().Which.DeviceId.Should().Be("x-1");
    }

    [Fact]
    public async Task Every_query_by_patient_searches_the_patient_key_index()
    {
        await using var stores = await _site.OpenAsync();
        await stores.Measurements.AppendAsync(Ward.Reading("m-1"), default);

        foreach (var sql in new[]
        {
            SqliteMeasurementStore.ListSql,
            SqliteTimeSeriesReader.RawSql("spo2"),
            SqliteTimeSeriesReader.PerMinuteSql("spo2"),
            MeasurementFlagMove.Move,
            $"DELETE FROM measurements WHERE {FileErasure.MeasurementsCondition};",
        })
        {
            var plan = Plan(sql);
            plan.Should().Contain(step => step.Contains("INDEX ix_measurements_patient_key_time (patient_key=?", StringComparison.Ordinal), sql);
            plan.Should().Contain(step => step.Contains("patient_keys USING COVERING INDEX sqlite_autoindex_patient_keys_1 (id=?)", StringComparison.Ordinal), sql);
            plan.Should().NotContain(step => step.StartsWith("SCAN", StringComparison.Ordinal), sql);
        }
    }

    public void Dispose() => _site.Dispose();

    private static IPatientErasure ErasureOf(IStores stores) =>
        stores.Services.GetServices<IPatientErasure>().Single(e => e.Store == "measurements");

    private void OldRow(string patientId, string deviceId, string? messageId, int minute)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO measurements (patient_id, device_id, organisation, source, message_id, measured_at_ticks, measured_at_offset,
                received_at_ticks, received_at_offset, spo2, heart_rate, exertion, artefact)
            VALUES ($patient, $device, 'Ziekenhuis Oost', 'oximeter', $message, $at, 120, $at, 120, 95, 80, 0, 0)
            ON CONFLICT DO NOTHING;
            """;
        command.Parameters.AddWithValue("$patient", patientId);
        command.Parameters.AddWithValue("$device", deviceId);
        command.Parameters.AddWithValue("$message", (object?)messageId ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", Ward.MorningRound.AddMinutes(minute).UtcTicks);
        command.ExecuteNonQuery();
    }

    private List<string> Plan(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        using var reader = command.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }

    private List<string> Indexes()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'measurements' ORDER BY name;";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private long Scalar(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection($"Data Source={FilePath};Pooling=False");
        connection.Open();
        return connection;
    }
}
