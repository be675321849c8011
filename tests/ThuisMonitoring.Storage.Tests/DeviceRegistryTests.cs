namespace ThuisMonitoring.Storage.Tests;

/// <summary>What the device registry promises, for the embedded file and for the cluster's PostgreSQL.</summary>
public abstract class DeviceRegistryContract(IStoreSite site) : StoreContract(site)
{

    [Fact]
    public async Task A_bound_device_is_found_with_its_patient_and_secret_hash()
    {
        await using var stores = await OpenAsync();
        var binding = Ward.Oximeter();

        (await stores.Devices.TryBindAsync(binding, default)).Should().BeTrue();

        (await stores.Devices.FindAsync("oxi-001", default)).Should().Be(binding);
    }

    [Fact]
    public async Task A_device_bound_once_cannot_be_bound_again_even_to_another_patient()
    {
        await using var stores = await OpenAsync();
        await stores.Devices.TryBindAsync(Ward.Oximeter(), default);

        (await stores.Devices.TryBindAsync(Ward.Oximeter(patientId: "p-002"), default)).Should().BeFalse();

        (await stores.Devices.FindAsync("oxi-001", default))!.PatientId.Should().Be("p-001");
    }

    [Fact]
    public async Task Device_ids_are_case_sensitive_like_mqtt_usernames()
    {
        await using var stores = await OpenAsync();
        await stores.Devices.TryBindAsync(Ward.Oximeter(), default);

        (await stores.Devices.FindAsync("OXI-001", default)).Should().BeNull();
    }

    [Fact]
    public async Task A_patients_devices_are_listed_in_order_of_binding()
    {
        await using var stores = await OpenAsync();
        var app = Ward.Oximeter("app-001", boundAt: Ward.MorningRound) with { Kind = Domain.Measurements.DeviceKind.PatientApp };
        var oximeter = Ward.Oximeter("oxi-001", boundAt: Ward.MorningRound.AddHours(-1));
        await stores.Devices.TryBindAsync(app, default);
        await stores.Devices.TryBindAsync(oximeter, default);
        await stores.Devices.TryBindAsync(Ward.Oximeter("oxi-002", patientId: "p-002"), default);

        (await stores.Devices.ListForPatientAsync("p-001", default)).Should().Equal(oximeter, app);
    }

    [Fact]
    public async Task Concurrent_binds_of_one_device_let_exactly_one_win()
    {
        await using var stores = await OpenAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => stores.Devices.TryBindAsync(Ward.Oximeter(patientId: $"p-{i}"), default))));

        results.Count(won => won).Should().Be(1);
    }
}

public sealed class SqliteDeviceRegistryTests() : DeviceRegistryContract(new SqliteSite());

[Collection(PostgresCollection.Name)]
public sealed class PostgresDeviceRegistryTests(PostgresCluster cluster) : DeviceRegistryContract(new PostgresSite(cluster));
