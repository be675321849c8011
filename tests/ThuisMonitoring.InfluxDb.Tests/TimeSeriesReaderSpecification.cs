using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.TimeSeries;
using ThuisMonitoring.InfluxDb.Tests.Server;

namespace ThuisMonitoring.InfluxDb.Tests;

/// <summary>
/// What a trend reader answers, whichever provider: the same specification runs against the embedded store and
/// against InfluxDB (fed by the forwarder). Expectations are computed from the stored measurements.
/// </summary>
public abstract class TimeSeriesReaderSpecification : IAsyncLifetime
{
    private const string Patient = "p trend,1=ë";
    private readonly TemporaryDirectory _data = new();
    private readonly List<StoredMeasurement> _stored = [];
    private Site _site = null!;

    protected abstract InfluxDbOptions? Influx { get; }

    private ITimeSeriesReader Reader => _site.Reader;

    public async Task InitializeAsync()
    {
        _site = await Site.OpenAsync(_data.Path, Influx);
        _stored.AddRange(Enumerable.Range(0, 120).SelectMany(n => new[] { Ward.Oximeter(Patient, n), Ward.App(Patient, n), Ward.Oximeter("someone-else", n) }));
        _stored.Add(Ward.Oximeter(Patient, 500, device: "ox-2", organisation: null));
        await Ward.StoreAsync(_site.Measurements, _stored);
        if (Influx is not null)
        {
            await _site.DrainedAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        _data.Dispose();
    }

    [Theory]
    [InlineData(VitalSign.Spo2)]
    [InlineData(VitalSign.HeartRate)]
    [InlineData(VitalSign.RespiratoryRate)]
    [InlineData(VitalSign.OxygenFlow)]
    [InlineData(VitalSign.Temperature)]
    [InlineData(VitalSign.PerfusionIndex)]
    public async Task Raw_values_are_the_patients_values_of_that_sign_in_the_range_oldest_first(VitalSign sign)
    {
        var (from, to) = (Ward.Start.AddMinutes(2), Ward.Start.AddMinutes(9));

        var values = await Reader.ReadRawAsync(Patient, sign, from, to, CancellationToken.None);

        values.Should().Equal(Expected(sign, from, to).Select(e => new VitalValue(e.At, e.Value)));
        values.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData(VitalSign.Spo2)]
    [InlineData(VitalSign.OxygenFlow)]
    [InlineData(VitalSign.Temperature)]
    public async Task Per_minute_aggregates_are_mean_min_max_and_count_of_each_utc_minute(VitalSign sign)
    {
        var (from, to) = (Ward.Start, Ward.Start.AddHours(2));

        var aggregates = await Reader.ReadPerMinuteAsync(Patient, sign, from, to, CancellationToken.None);

        var expected = Expected(sign, from, to)
            .GroupBy(e => e.At.AddTicks(-(e.At.UtcTicks % TimeSpan.TicksPerMinute)))
            .Select(g => new VitalAggregate(g.Key, g.Average(e => e.Value), g.Min(e => e.Value), g.Max(e => e.Value), g.Count()))
            .ToList();
        aggregates.Select(a => (a.Minute, a.Min, a.Max, a.Count)).Should().Equal(expected.Select(a => (a.Minute, a.Min, a.Max, a.Count)));
        aggregates.Select(a => a.Mean).Should().Equal(expected.Select(a => a.Mean), (x, y) => Math.Abs(x - y) < 1e-9);
    }

    [Fact]
    public async Task A_patient_without_measurements_has_an_empty_trend()
    {
        (await Reader.ReadRawAsync("nobody", VitalSign.Spo2, Ward.Start, Ward.Start.AddHours(1), CancellationToken.None)).Should().BeEmpty();
        (await Reader.ReadPerMinuteAsync("nobody", VitalSign.Spo2, Ward.Start, Ward.Start.AddHours(1), CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task Raw_values_are_read_over_at_most_24_hours_and_aggregates_over_at_most_14_days()
    {
        await Reader.Invoking(r => r.ReadRawAsync(Patient, VitalSign.Spo2, Ward.Start, Ward.Start.AddHours(24).AddMinutes(1), CancellationToken.None))
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
        await Reader.Invoking(r => r.ReadPerMinuteAsync(Patient, VitalSign.Spo2, Ward.Start, Ward.Start.AddDays(14).AddMinutes(1), CancellationToken.None))
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
        (await Reader.ReadPerMinuteAsync(Patient, VitalSign.Spo2, Ward.Start.AddDays(-13), Ward.Start.AddDays(1), CancellationToken.None)).Should().NotBeEmpty();
    }

    private IEnumerable<(DateTimeOffset At, double Value)> Expected(VitalSign sign, DateTimeOffset from, DateTimeOffset to) =>
        _stored
            .Where(s => s.PatientId == Patient)
            .Select(s => (At: DateTimeOffset.FromUnixTimeMilliseconds(s.Measurement.MeasuredAt.ToUnixTimeMilliseconds()), Value: ValueOf(s, sign)))
            .Where(e => e.Value is not null && e.At >= from && e.At <= to)
            .Select(e => (e.At, e.Value!.Value))
            .OrderBy(e => e.At);

    private static double? ValueOf(StoredMeasurement stored, VitalSign sign) => sign switch
    {
        VitalSign.Spo2 => stored.Measurement.Spo2,
        VitalSign.HeartRate => stored.Measurement.HeartRate,
        VitalSign.RespiratoryRate => stored.Measurement.RespiratoryRate,
        VitalSign.OxygenFlow => stored.Measurement.OxygenFlow,
        VitalSign.Temperature => stored.Measurement.Temperature,
        VitalSign.PerfusionIndex => stored.Measurement.PerfusionIndex,
        _ => throw new ArgumentOutOfRangeException(nameof(sign)),
    };
}

public sealed class EmbeddedTimeSeriesReaderTests : TimeSeriesReaderSpecification
{
    protected override InfluxDbOptions? Influx => null;
}

[Collection(InfluxDbCollection.Name)]
public sealed class InfluxDbTimeSeriesReaderTests(InfluxDbServer server) : TimeSeriesReaderSpecification
{
    private readonly InfluxDbOptions _options = Site.QuickOptions(server.Url, InfluxDbCollection.NewDatabase());

    protected override InfluxDbOptions? Influx => _options;
}
