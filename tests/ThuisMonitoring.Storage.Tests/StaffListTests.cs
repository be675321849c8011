using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.Tests;

public sealed class StaffListTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new();

    [Fact]
    public async Task Users_of_a_role_are_listed_by_username()
    {
        await using var stores = await EmbeddedStores.OpenAsync(_data.Path);
        await stores.Users.TryAddAsync(Ward.Nurse("nurse.visser"), default);
        await stores.Users.TryAddAsync(Ward.Nurse("nurse.jansen"), default);
        await stores.Users.TryAddAsync(Ward.Nurse("dr.bakker") with { Role = Roles.Clinician, DisplayName = "Dr. Bakker" }, default);

        (await stores.Users.ListAsync(Roles.Nurse, default)).Select(u => u.Username).Should().Equal("nurse.jansen", "nurse.visser");
        (await stores.Users.ListAsync(Roles.Clinician, default)).Should().ContainSingle().Which.DisplayName.Should().Be("Dr. Bakker");
        (await stores.Users.ListAsync(role: null, default)).Should().HaveCount(3);
    }

    public void Dispose() => _data.Dispose();
}
