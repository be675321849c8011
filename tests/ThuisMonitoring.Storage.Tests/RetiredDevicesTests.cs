using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>Retired patient-app credentials, for the embedded file and for the cluster's PostgreSQL: one per device, whole, across a restart.</summary>
public abstract class RetiredDevicesContract(IStoreSite site) : StoreContract(site)
{
    [Fact]
    public async Task Retired_bindings_are_found_whole_after_a_restart()
    {
        var app = App("app-001");
        var second = App("app-002");
        await using (var stores = await OpenAsync())
        {
            await stores.RetiredDevices.RetireAsync([app, second], Ward.MorningRound, default);
        }

        await using var restarted = await OpenAsync();
        (await restarted.RetiredDevices.FindAsync("app-001", default)).Should().Be(app);
        (await restarted.RetiredDevices.FindAsync("app-002", default)).Should().Be(second);
        (await restarted.RetiredDevices.FindAsync("app-003", default)).Should().BeNull();
    }

    [Fact]
    public async Task Retiring_a_device_again_keeps_its_latest_binding()
    {
        await using var stores = await OpenAsync();
        await stores.RetiredDevices.RetireAsync([App("app-001")], Ward.MorningRound, default);
        await stores.RetiredDevices.RetireAsync([], Ward.MorningRound, default);

        var readmitted = App("app-001", patientId: "p-002") with { SecretHash = "sha256$bmlldXc=" };
        await stores.RetiredDevices.RetireAsync([readmitted], Ward.MorningRound.AddDays(3), default);

        (await stores.RetiredDevices.FindAsync("app-001", default)).Should().Be(readmitted);
    }

    [Fact]
    public async Task Erasing_a_patient_removes_their_retired_credentials()
    {
        await using var stores = await OpenAsync();
        await stores.RetiredDevices.RetireAsync([App("app-001"), App("app-002", patientId: "p-002")], Ward.MorningRound, default);

        await PatientErasure.DirectoryOf(stores).EraseAsync("p-001", default);

        (await stores.RetiredDevices.FindAsync("app-001", default)).Should().BeNull();
        (await stores.RetiredDevices.FindAsync("app-002", default)).Should().NotBeNull("another patient's app stays");
    }

    internal static DeviceBinding App(string deviceId, string patientId = "p-001") =>
        new(deviceId, patientId, DeviceKind.PatientApp, "sha256$c2VjcmV0", "Ziekenhuis Oost", Ward.MorningRound.AddDays(-2));
}

public sealed class SqliteRetiredDevicesTests() : RetiredDevicesContract(new SqliteSite());

[Collection(PostgresCollection.Name)]
public sealed class PostgresRetiredDevicesTests(PostgresCluster cluster) : RetiredDevicesContract(new PostgresSite(cluster));
