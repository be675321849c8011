using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.InfluxDb.Tests;

/// <summary>Measurements as devices send them: every one at its own millisecond, so each is its own point.</summary>
public static class Ward
{
    // Whole minutes, some hours ago: well inside the retention policy, and per-minute buckets start on it.
    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-20).ToUnixTimeSeconds() / 60 * 60);

    public static StoredMeasurement Oximeter(string patient, int n, string device = "ox-1", string? organisation = "thuiszorg-oost") =>
        new(patient, device, organisation, DeviceKind.Oximeter,
            new Measurement(
                Start.AddSeconds(n * 7).AddMilliseconds(n % 1000).ToOffset(TimeSpan.FromHours(1)),
                Spo2: 88 + (n % 11),
                HeartRate: 60 + (n % 50),
                OxygenFlow: 0.5 * (n % 5),
                PerfusionIndex: 1.25 + (n % 3),
                MessageId: $"{patient}|m-{n}"),
            Start.AddSeconds(n * 7 + 1));

    public static StoredMeasurement App(string patient, int n) =>
        new(patient, "app-1", null, DeviceKind.PatientApp,
            new Measurement(
                Start.AddSeconds(n * 7 + 3),
                RespiratoryRate: 14 + (n % 9),
                Temperature: 36.5 + (n % 7) / 10.0,
                Feeling: (Feeling)(n % 4),
                Exertion: n % 2 == 0,
                MessageId: $"{patient}|a-{n}"),
            Start.AddSeconds(n * 7 + 4),
            Artefact: n % 5 == 0);

    public static async Task StoreAsync(IMeasurementStore store, IEnumerable<StoredMeasurement> measurements)
    {
        foreach (var measurement in measurements)
        {
            (await store.AppendAsync(measurement, CancellationToken.None)).Should().BeTrue();
        }
    }
}
