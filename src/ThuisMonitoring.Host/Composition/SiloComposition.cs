using System.Net;
using ThuisMonitoring.Grains.Serialization;
using ThuisMonitoring.Grains.Patients;
using ThuisMonitoring.Storage;
using ThuisMonitoring.Storage.Reminders;

namespace ThuisMonitoring.Host.Composition;

/// <summary>
/// The Orleans silo: localhost clustering, episode state and durable reminders in the embedded store. The clock
/// (<see cref="TimeProvider"/>) is registered by <see cref="Testing.TestClockComposition.AddClock"/>.
/// </summary>
public static class SiloComposition
{
    public static void AddSilo(this WebApplicationBuilder builder, SiteOptions site)
    {
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(site.SiloPort, site.GatewayPort, new IPEndPoint(IPAddress.Loopback, site.SiloPort));
            silo.AddEmbeddedGrainStorage(PatientGrain.StorageName, site.DataDirectory);
            silo.AddEmbeddedReminders(site.DataDirectory);
            silo.Services.AddDomainSerialization();
        });
    }
}
