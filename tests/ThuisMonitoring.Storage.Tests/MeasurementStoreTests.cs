using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit.Abstractions;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>What the measurement store promises, for the embedded file and for the cluster's PostgreSQL.</summary>
public abstract class MeasurementStoreContract(IStoreSite site, ITestOutputHelper output) : StoreContract(site)
{
    /// <summary>Makes every further commit fail (the table is gone).</summary>
    protected abstract Task BreakTheMeasurementsTableAsync();

    [Fact]
    public async Task An_appended_measurement_is_listed_whole()
    {
        await using var stores = await OpenAsync();
        var reading = Ward.Reading("m-1");

        (await stores.Measurements.AppendAsync(reading, default)).Should().BeTrue();

        (await stores.Measurements.ListAsync("p-001", Ward.MorningRound.AddHours(-1), Ward.MorningRound.AddHours(1), 10, default))
            .Should().Equal(reading);
        (await stores.Measurements.CountAsync(default)).Should().Be(1);
    }

    [Fact]
    public async Task A_measurement_with_only_a_feeling_keeps_its_absent_vitals_absent()
    {
        await using var stores = await OpenAsync();
        var reading = Ward.Reading(null) with
        {
            Source = Domain.Measurements.DeviceKind.PatientApp,
            Organisation = null,
            Artefact = true,
            Measurement = new Domain.Measurements.Measurement(Ward.MorningRound, Feeling: Domain.Measurements.Feeling.Better),
        };

        await stores.Measurements.AppendAsync(reading, default);

        (await stores.Measurements.ListAsync("p-001", Ward.MorningRound, Ward.MorningRound, 10, default)).Should().Equal(reading);
    }

    [Fact]
    public async Task A_repeated_device_and_message_id_is_a_duplicate_and_stored_once()
    {
        await using var stores = await OpenAsync();
        await stores.Measurements.AppendAsync(Ward.Reading("m-1"), default);

        (await stores.Measurements.AppendAsync(Ward.Reading("m-1", spo2: 90), default)).Should().BeFalse();

        (await stores.Measurements.CountAsync(default)).Should().Be(1);
        (await stores.Measurements.ListAsync("p-001", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 10, default))
            .Should().ContainSingle().Which.Measurement.Spo2.Should().Be(94);
    }

    [Fact]
    public async Task Duplicates_arriving_together_in_one_batch_are_stored_once()
    {
        await using var stores = await OpenAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => stores.Measurements.AppendAsync(Ward.Reading("m-1"), default)));

        results.Count(stored => stored).Should().Be(1);
        (await stores.Measurements.CountAsync(default)).Should().Be(1);
    }

    [Theory]
    [InlineData(null, null, "oxi-001", "oxi-001")]
    [InlineData("m-1", "m-1", "oxi-001", "oxi-002")]
    [InlineData("m-1", "m-2", "oxi-001", "oxi-001")]
    public async Task Measurements_without_a_message_id_or_from_another_device_or_message_are_not_duplicates(
        string? firstMessageId, string? secondMessageId, string firstDevice, string secondDevice)
    {
        await using var stores = await OpenAsync();

        (await stores.Measurements.AppendAsync(Ward.Reading(firstMessageId, deviceId: firstDevice), default)).Should().BeTrue();
        (await stores.Measurements.AppendAsync(Ward.Reading(secondMessageId, deviceId: secondDevice), default)).Should().BeTrue();

        (await stores.Measurements.CountAsync(default)).Should().Be(2);
    }

    [Fact]
    public async Task Listing_gives_the_patients_measurements_in_the_window_oldest_first_up_to_the_limit()
    {
        await using var stores = await OpenAsync();
        var start = Ward.MorningRound;
        // Appended out of order, in another time zone for one of them: order is by instant, not by text.
        foreach (var minutes in new[] { 30, 0, 10, 20, 40, -10 })
        {
            await stores.Measurements.AppendAsync(Ward.Reading($"m{minutes}", start.AddMinutes(minutes)), default);
        }

        await stores.Measurements.AppendAsync(Ward.Reading("m-utc", start.AddMinutes(5).ToUniversalTime()), default);
        await stores.Measurements.AppendAsync(Ward.Reading("other", start.AddMinutes(15), patientId: "p-002", deviceId: "oxi-002"), default);

        var listed = await stores.Measurements.ListAsync("p-001", start, start.AddMinutes(30), 4, default);

        listed.Select(m => m.Measurement.MessageId).Should().Equal("m0", "m-utc", "m10", "m20");
        listed[1].Measurement.MeasuredAt.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task Twenty_thousand_appends_from_two_hundred_callers_are_all_stored_and_counted()
    {
        const int callers = 200;
        const int perCaller = 100;
        await using var stores = await OpenAsync();
        var clock = Stopwatch.StartNew();

        var results = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var stored = 0;
            for (var i = 0; i < perCaller; i++)
            {
                var reading = Ward.Reading($"m-{i}", Ward.MorningRound.AddSeconds(i), deviceId: $"oxi-{caller}", patientId: $"p-{caller % 10}");
                stored += await stores.Measurements.AppendAsync(reading, default) ? 1 : 0;
            }

            return stored;
        })));

        clock.Stop();
        output.WriteLine($"{callers * perCaller} appends in {clock.ElapsedMilliseconds} ms: {callers * perCaller / clock.Elapsed.TotalSeconds:N0}/s");
        results.Sum().Should().Be(callers * perCaller);
        (await stores.Measurements.CountAsync(default)).Should().Be(callers * perCaller);
        (await stores.Measurements.ListAsync("p-3", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 10_000, default))
            .Should().HaveCount(callers / 10 * perCaller);
    }

    [Fact]
    public async Task Batches_never_exceed_the_configured_size_and_still_store_everything()
    {
        await using var stores = await OpenAsync(new StoreTuning(MeasurementBatchSize: 7));

        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => stores.Measurements.AppendAsync(Ward.Reading($"m-{i}"), default)));

        results.Should().OnlyContain(stored => stored);
        (await stores.Measurements.CountAsync(default)).Should().Be(500);
    }

    [Fact]
    public async Task An_append_cancelled_before_it_is_queued_stores_nothing()
    {
        await using var stores = await OpenAsync();

        var append = () => stores.Measurements.AppendAsync(Ward.Reading("m-1"), new CancellationToken(canceled: true));

        await append.Should().ThrowAsync<OperationCanceledException>();
        (await stores.Measurements.CountAsync(default)).Should().Be(0);
    }

    [Fact]
    public async Task Closing_the_store_completes_every_waiting_caller_and_only_committed_ones_report_stored()
    {
        var stores = await OpenAsync();
        var appends = Enumerable.Range(0, 2_000).Select(i => stores.Measurements.AppendAsync(Ward.Reading($"m-{i}"), default)).ToList();

        await stores.DisposeAsync();
        var outcomes = await Task.WhenAll(appends.Select(async append =>
        {
            try
            {
                return await append.WaitAsync(TimeSpan.FromSeconds(30)) ? "stored" : "duplicate";
            }
            catch (ObjectDisposedException)
            {
                return "refused";
            }
        }));

        await using var reopened = await OpenAsync();
        (await reopened.Measurements.CountAsync(default)).Should().Be(outcomes.Count(o => o == "stored"));
        outcomes.Should().NotContain("duplicate");
    }

    [Fact]
    public async Task An_append_after_closing_is_refused()
    {
        var stores = await OpenAsync();
        var measurements = stores.Measurements;
        await stores.DisposeAsync();

        var append = () => measurements.AppendAsync(Ward.Reading("m-1"), default);

        await append.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public async Task A_failed_commit_is_reported_to_the_caller_never_as_stored()
    {
        await using var stores = await OpenAsync();
        await stores.Measurements.AppendAsync(Ward.Reading("m-1"), default);
        await BreakTheMeasurementsTableAsync();

        var append = () => stores.Measurements.AppendAsync(Ward.Reading("m-2"), default);

        (await append.Should().ThrowAsync<Exception>()).Which.Should().Match(e => e is IOException || e is ObjectDisposedException);
    }
}

public sealed class SqliteMeasurementStoreTests(ITestOutputHelper output) : MeasurementStoreContract(new SqliteSite(), output)
{
    [Fact]
    public async Task A_file_of_before_loses_its_device_time_index_at_open_and_keeps_two_indexes()
    {
        await (await OpenAsync()).DisposeAsync();
        Execute("CREATE INDEX ix_measurements_device_time ON measurements (device_id, measured_at_ticks);");

        await using var stores = await OpenAsync();
        (await stores.Measurements.AppendAsync(Ward.Reading("m-1"), default)).Should().BeTrue();

        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'measurements' ORDER BY name;";
        using var reader = command.ExecuteReader();
        var indexes = new List<string>();
        while (reader.Read())
        {
            indexes.Add(reader.GetString(0));
        }

        indexes.Should().Equal("ix_measurements_patient_key_time", "ux_measurements_device_key_message");
    }

    protected override Task BreakTheMeasurementsTableAsync()
    {
        Execute("DROP TABLE measurements;");
        return Task.CompletedTask;
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(((SqliteSite)Site).DataDirectory, EmbeddedStoreOptions.MeasurementsFileName)};Pooling=False");
        connection.Open();
        return connection;
    }

    private void Execute(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresMeasurementStoreTests(PostgresCluster cluster, ITestOutputHelper output) : MeasurementStoreContract(new PostgresSite(cluster), output)
{
    protected override async Task BreakTheMeasurementsTableAsync()
    {
        await using var connection = new NpgsqlConnection(await ((PostgresSite)Site).ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("DROP TABLE measurements", connection);
        await command.ExecuteNonQueryAsync();
    }
}
