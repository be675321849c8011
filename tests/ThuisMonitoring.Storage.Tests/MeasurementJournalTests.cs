using ThuisMonitoring.Abstractions.TimeSeries;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>The measurement store read as a log (the InfluxDB forwarder's queue) and as trends, for each implementation.</summary>
public abstract class MeasurementJournalContract(IStoreSite site) : StoreContract(site)
{
    [Fact]
    public async Task The_journal_gives_each_stored_measurement_once_in_order_and_resumes_after_the_last_sequence()
    {
        await using var stores = await OpenAsync();
        var readings = Enumerable.Range(0, 30).Select(i => Ward.Reading($"m-{i}", Ward.MorningRound.AddSeconds(i))).ToList();
        foreach (var reading in readings)
        {
            await stores.Measurements.AppendAsync(reading, default);
        }

        await stores.Measurements.AppendAsync(readings[3], default);

        var first = await stores.Journal.ReadAfterAsync(0, 20, default);
        var rest = await stores.Journal.ReadAfterAsync(first[^1].Sequence, 100, default);

        first.Concat(rest).Select(s => s.Stored).Should().Equal(readings);
        first.Concat(rest).Select(s => s.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        (await stores.Journal.CountAfterAsync(first[^1].Sequence, default)).Should().Be(10);
        (await stores.Journal.CountAfterAsync(rest[^1].Sequence, default)).Should().Be(0);
    }

    [Fact]
    public async Task Raw_trends_are_the_patients_values_of_that_sign_in_the_range_at_millisecond_precision_in_utc()
    {
        await using var stores = await OpenAsync();
        for (var i = 0; i < 10; i++)
        {
            await stores.Measurements.AppendAsync(Ward.Reading($"m-{i}", Ward.MorningRound.AddSeconds(20 * i).AddTicks(4321), spo2: 90 + i), default);
        }

        await stores.Measurements.AppendAsync(Ward.Reading("other", Ward.MorningRound.AddSeconds(40), patientId: "p-002", deviceId: "oxi-002", spo2: 70), default);

        var values = await stores.Trends.ReadRawAsync("p-001", VitalSign.Spo2, Ward.MorningRound.AddSeconds(20), Ward.MorningRound.AddSeconds(80), default);

        values.Should().Equal(Enumerable.Range(1, 4).Select(i =>
            new VitalValue(new DateTimeOffset(Ward.MorningRound.AddSeconds(20 * i).UtcDateTime, TimeSpan.Zero), 90 + i)));
    }

    [Fact]
    public async Task Per_minute_trends_are_mean_min_max_and_count_per_utc_minute()
    {
        await using var stores = await OpenAsync();
        var start = new DateTimeOffset(2024, 10, 14, 6, 30, 0, TimeSpan.Zero).ToOffset(Ward.Amsterdam);
        int[] spo2 = [90, 94, 95, 88];
        for (var i = 0; i < spo2.Length; i++)
        {
            await stores.Measurements.AppendAsync(Ward.Reading($"m-{i}", start.AddSeconds(30 * i), spo2: spo2[i]), default);
        }

        var minutes = await stores.Trends.ReadPerMinuteAsync("p-001", VitalSign.Spo2, start, start.AddMinutes(5), default);

        minutes.Should().Equal(
            new VitalAggregate(start.ToUniversalTime(), 92, 90, 94, 2),
            new VitalAggregate(start.AddMinutes(1).ToUniversalTime(), 91.5, 88, 95, 2));
    }
}

public sealed class SqliteMeasurementJournalTests() : MeasurementJournalContract(new SqliteSite());

[Collection(PostgresCollection.Name)]
public sealed class PostgresMeasurementJournalTests(PostgresCluster cluster) : MeasurementJournalContract(new PostgresSite(cluster));
