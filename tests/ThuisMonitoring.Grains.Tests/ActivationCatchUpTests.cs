using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Grains.Tests.Cluster;

namespace ThuisMonitoring.Grains.Tests;

/// <summary>
/// The gateway stores a measurement before it hands it to the patient's grain. When that call activates the grain, the
/// activation's catch-up already finds the measurement in the store: it must be evaluated once, not by the catch-up
/// and again by the call that activated the grain.
/// </summary>
public sealed class ActivationCatchUpTests : IAsyncLifetime
{
    private readonly string _dataDirectory = TestDataDirectory.Create();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordingAlertNotifier _notifier = new();

    [Fact]
    public async Task A_measurement_that_activates_the_grain_is_evaluated_once()
    {
        var patientId = Ward.NewPatientId("activation");
        await using (var first = TestSilo.Build(_dataDirectory, _clock, _notifier))
        {
            await first.DeployAsync();
            var grain = first.Client.GetGrain<IPatientGrain>(patientId);
            await grain.Enrol(Ward.EarlyDischarge(patientId, _clock.GetUtcNow()));
            await grain.Record([Ward.Spo2(97, _clock.GetUtcNow())], DeviceKind.PatientApp, "app-1");
            await first.StopAllSilosAsync();
        }

        _clock.Advance(TimeSpan.FromHours(4));
        var reading = Ward.Spo2(96, _clock.GetUtcNow());
        await using var second = TestSilo.Build(_dataDirectory, _clock, _notifier);
        await second.DeployAsync();
        var store = second.Silos[0].ServiceProvider.GetRequiredService<IMeasurementStore>();
        (await store.AppendAsync(new StoredMeasurement(patientId, "app-1", null, DeviceKind.PatientApp, reading, _clock.GetUtcNow()), CancellationToken.None))
            .Should().BeTrue();

        await second.Client.GetGrain<IPatientGrain>(patientId).Record([reading], DeviceKind.PatientApp, "app-1");

        var episode = await second.Client.GetGrain<IPatientGrain>(patientId).GetEpisode();
        episode!.History!.Records.Count(r => r.MeasuredAt == reading.MeasuredAt)
            .Should().Be(1, "the catch-up and the activating call must not both evaluate the same reading");
    }

    [Fact]
    public async Task Stored_readings_of_separate_messages_are_evaluated_as_they_arrived_so_a_first_red_reading_is_a_spot_check()
    {
        // A meter that never streamed sends 88 % in separate messages half a second apart while its grain cannot be
        // reached (a host failure): live, its first reading is a spot check and alerts at once. Evaluated by the
        // activation's catch-up it must be the same: as messages, not as one backlog that would open a stream in warm-up.
        var patientId = Ward.NewPatientId("catch-up-messages");
        await using (var first = TestSilo.Build(_dataDirectory, _clock, _notifier))
        {
            await first.DeployAsync();
            await first.Client.GetGrain<IPatientGrain>(patientId).Enrol(Ward.EarlyDischarge(patientId, _clock.GetUtcNow()));
            await first.StopAllSilosAsync();
        }

        _clock.Advance(TimeSpan.FromMinutes(5));
        await using var second = TestSilo.Build(_dataDirectory, _clock, _notifier);
        await second.DeployAsync();
        var store = second.Silos[0].ServiceProvider.GetRequiredService<IMeasurementStore>();
        var readings = Enumerable.Range(0, 4).Select(i => Ward.Spo2(88, _clock.GetUtcNow().AddMilliseconds(500 * i)) with { MessageId = $"r-{i}" }).ToList();
        foreach (var reading in readings)
        {
            (await store.AppendAsync(new StoredMeasurement(patientId, "oxi-1", null, DeviceKind.Oximeter, reading, reading.MeasuredAt), CancellationToken.None))
                .Should().BeTrue();
        }

        await second.Client.GetGrain<IPatientGrain>(patientId).Record([readings[^1]], DeviceKind.Oximeter, "oxi-1");

        var episode = await second.Client.GetGrain<IPatientGrain>(patientId).GetEpisode();
        episode!.Alerts.Should().ContainSingle("the first reading is a spot check below the red threshold")
            .Which.Level.Should().Be(Domain.Protocols.Level.Red);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        TestDataDirectory.Delete(_dataDirectory);
        return Task.CompletedTask;
    }
}
