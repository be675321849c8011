using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Grains.Patients;
using ThuisMonitoring.Grains.Serialization;
using ThuisMonitoring.Storage;
using ThuisMonitoring.Storage.Reminders;
using ThuisMonitoring.Storage.Timeline;

namespace ThuisMonitoring.Grains.Tests.Cluster;

/// <summary>
/// A one-silo in-process cluster configured like the host's silo (SiloComposition): domain records through their Orleans surrogates, the
/// embedded stores, the SQLite grain storage and reminders on <paramref name="dataDirectory"/>. The clock the grain sees is a
/// <see cref="FakeTimeProvider"/>; the silo's own maintenance loops stay on real time so advancing the fake clock
/// only drives grain timers.
/// </summary>
public static class TestSilo
{
    public static InProcessTestCluster Build(string dataDirectory, FakeTimeProvider clock, IAlertNotifier notifier)
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.Options.ConfigureFileLogging = false;

        // Silo and client both carry the domain records across grain calls.
        builder.ConfigureHost(host => host.Services.AddDomainSerialization());
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton<TimeProvider>(clock);
            host.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            host.Services.AddEmbeddedStores(dataDirectory);
            host.Services.AddEmbeddedTimeline();
            host.Services.AddSingleton(notifier);
            host.Services.AddSingleton<PatientSummaryPublisher>();
            host.Services.AddSingleton<ActivePatients>();
        });
        builder.ConfigureSilo((_, silo) => silo
            .AddEmbeddedGrainStorage(PatientGrain.StorageName, dataDirectory)
            .AddEmbeddedReminders(dataDirectory));
        return builder.Build();
    }
}
