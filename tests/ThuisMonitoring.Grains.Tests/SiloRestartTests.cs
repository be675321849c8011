using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Grains.Tests.Cluster;

namespace ThuisMonitoring.Grains.Tests;

/// <summary>
/// A whole new silo on the same data directory finds the episode: it can only have come from the SQLite grain
/// storage file. Runs its own clusters, outside the shared one.
/// </summary>
public sealed class SiloRestartTests : IAsyncLifetime
{
    private readonly string _dataDirectory = TestDataDirectory.Create();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordingAlertNotifier _notifier = new();

    [Fact]
    public async Task Episode_is_the_same_after_restarting_the_silo_on_the_same_data_directory()
    {
        var patientId = Ward.NewPatientId("restart");
        var green = Ward.Spo2(97, _clock.GetUtcNow().AddMinutes(1));
        EpisodeSnapshot? before;
        await using (var first = TestSilo.Build(_dataDirectory, _clock, _notifier))
        {
            await first.DeployAsync();
            var grain = first.Client.GetGrain<IPatientGrain>(patientId);
            await grain.Enrol(Ward.EarlyDischarge(patientId, _clock.GetUtcNow()));
            await grain.Record([Ward.Spo2(88, _clock.GetUtcNow())], DeviceKind.Oximeter);
            await grain.Record([green], DeviceKind.Oximeter);
            before = await grain.GetEpisode();
            await first.StopAllSilosAsync();
        }

        await using var second = TestSilo.Build(_dataDirectory, _clock, _notifier);
        await second.DeployAsync();
        var after = await second.Client.GetGrain<IPatientGrain>(patientId).GetEpisode();

        after.Should().NotBeNull();
        after.Should().BeEquivalentTo(before);
        after!.LastMeasurement.Should().Be(green, "a silo shutting down deactivates the grain, which saves the last values");
        var alertIndex = second.Silos[0].ServiceProvider.GetRequiredService<IAlertIndex>();
        (await alertIndex.GetAsync(after.Alerts.Single().AlertId, CancellationToken.None))
            .Should().BeEquivalentTo(after.Alerts.Single());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        TestDataDirectory.Delete(_dataDirectory);
        return Task.CompletedTask;
    }
}
