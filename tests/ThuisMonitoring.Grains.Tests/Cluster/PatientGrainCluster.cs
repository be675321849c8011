using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.TestingHost;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Grains.Patients;

namespace ThuisMonitoring.Grains.Tests.Cluster;

/// <summary>One silo for the whole collection (it takes seconds to start); every test uses its own patient ids.</summary>
public sealed class PatientGrainCluster : IAsyncLifetime
{
    /// <summary>The state name in the grain's <c>[PersistentState("episode", ...)]</c>.</summary>
    public const string PatientGrainStateName = "episode";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    public RecordingAlertNotifier Notifier { get; } = new();

    public string DataDirectory { get; } = TestDataDirectory.Create();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    public IAlertIndex AlertIndex => SiloServices.GetRequiredService<IAlertIndex>();

    /// <summary>The timeline store the silo's grains append to.</summary>
    public ITimelineStore Timeline => SiloServices.GetRequiredService<ITimelineStore>();

    /// <summary>The grain storage the silo uses, to look at what was saved without going through the grain.</summary>
    public IGrainStorage EpisodeStorage => SiloServices.GetRequiredKeyedService<IGrainStorage>(PatientGrain.StorageName);

    public IPatientGrain Patient(string patientId) => Cluster.Client.GetGrain<IPatientGrain>(patientId);

    /// <summary>The episode as it is in the grain storage now (not what the activation holds in memory).</summary>
    public async Task<EpisodeSnapshot?> SavedEpisodeAsync(IPatientGrain grain)
    {
        var saved = new GrainState<PatientGrainState>(new PatientGrainState());
        await EpisodeStorage.ReadStateAsync(PatientGrainStateName, grain.GetGrainId(), saved);
        return saved.State?.Snapshot;
    }

    public async Task InitializeAsync()
    {
        Cluster = TestSilo.Build(DataDirectory, Clock, Notifier);
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TestDataDirectory.Delete(DataDirectory);
    }
}
