using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Organisations;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>Organisations and the clients of a centre in the directory file: unique ids, survive a restart.</summary>
public sealed class OrganisationDirectoryTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDataDirectory _data = new();

    [Fact]
    public async Task Organisations_and_clients_are_kept_once_and_survive_a_restart()
    {
        var centre = new Organisation("centrale", "Thuismonitoring Oost", OrganisationKind.MonitoringCentre, false, At);
        var practice = new Organisation("de-linde", "Huisartsen De Linde", OrganisationKind.GeneralPractice, true, At);
        await using (var stores = await EmbeddedStores.OpenAsync(_data.Path))
        {
            (await stores.Organisations.TryAddAsync(centre, default)).Should().BeTrue();
            (await stores.Organisations.TryAddAsync(practice, default)).Should().BeTrue();
            (await stores.Organisations.TryAddAsync(practice with { Name = "Ander" }, default)).Should().BeFalse("the id is taken");
            (await stores.Organisations.TryAddClientAsync(new ServedOrganisation("centrale", "de-linde"), default)).Should().BeTrue();
            (await stores.Organisations.TryAddClientAsync(new ServedOrganisation("centrale", "de-linde"), default)).Should().BeFalse("already served");
        }

        await using var reopened = await EmbeddedStores.OpenAsync(_data.Path);
        (await reopened.Organisations.ListAsync(default)).Should().Equal(centre, practice);
        (await reopened.Organisations.GetAsync("de-linde", default)).Should().Be(practice);
        (await reopened.Organisations.ListClientsAsync(default)).Should().Equal(new ServedOrganisation("centrale", "de-linde"));
        (await reopened.Organisations.RemoveClientAsync(new ServedOrganisation("centrale", "de-linde"), default)).Should().BeTrue();
        (await reopened.Organisations.RemoveClientAsync(new ServedOrganisation("centrale", "de-linde"), default)).Should().BeFalse();
        (await reopened.Organisations.ListClientsAsync(default)).Should().BeEmpty();
    }

    public void Dispose() => _data.Dispose();
}
