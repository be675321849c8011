using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Abstractions.Protocols;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>The erasures the stores registered, by the part of the stores they name.</summary>
internal static class PatientErasure
{
    /// <summary>
    /// The directory's erasure, with every store of the directory opened first as in a running host (the embedded stores
    /// create their tables when they are first resolved).
    /// </summary>
    public static IPatientErasure DirectoryOf(IStores stores)
    {
        _ = stores.Services.GetRequiredService<IProtocolLibrary>();
        _ = stores.Alerts;
        _ = stores.OutboxPort;
        _ = stores.Patients;
        _ = stores.PairingCodes;
        _ = stores.RetiredDevices;
        _ = stores.FhirSubscriptions;
        _ = stores.FhirPushes;
        return stores.Services.GetServices<IPatientErasure>().Single(e => e.Store == "directory");
    }
}
