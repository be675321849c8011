using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>Listing staff by role, for the embedded file and for the cluster's PostgreSQL.</summary>
public abstract class StaffListContract(IStoreSite site) : StoreContract(site)
{

    [Fact]
    public async Task Users_of_a_role_are_listed_by_username()
    {
        await using var stores = await OpenAsync();
        await stores.Users.TryAddAsync(Ward.Nurse("nurse.visser"), default);
        await stores.Users.TryAddAsync(Ward.Nurse("nurse.jansen"), default);
        await stores.Users.TryAddAsync(Ward.Nurse("dr.bakker") with { Role = Roles.Clinician, DisplayName = "Dr. Bakker" }, default);

        (await stores.Users.ListAsync(Roles.Nurse, default)).Select(u => u.Username).Should().Equal("nurse.jansen", "nurse.visser");
        (await stores.Users.ListAsync(Roles.Clinician, default)).Should().ContainSingle().Which.DisplayName.Should().Be("Dr. Bakker");
        (await stores.Users.ListAsync(role: null, default)).Should().HaveCount(3);
    }
}

public sealed class SqliteStaffListTests() : StaffListContract(new SqliteSite());

[Collection(PostgresCollection.Name)]
public sealed class PostgresStaffListTests(PostgresCluster cluster) : StaffListContract(new PostgresSite(cluster));
