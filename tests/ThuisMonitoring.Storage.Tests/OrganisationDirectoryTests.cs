using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Organisations;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>Organisations and the clients of a centre, for the embedded file and for the cluster's PostgreSQL: unique ids, survive a restart.</summary>
public abstract class OrganisationDirectoryContract(IStoreSite site) : StoreContract(site)
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Organisations_and_clients_are_kept_once_and_survive_a_restart()
    {
        var centre = new Organisation("centrale", "Thuismonitoring Oost", OrganisationKind.MonitoringCentre, false, At);
        var practice = new Organisation("de-linde", "Huisartsen De Linde", OrganisationKind.GeneralPractice, true, At);
        await using (var stores = await OpenAsync())
        {
            (await stores.Organisations.TryAddAsync(centre, default)).Should().BeTrue();
            (await stores.Organisations.TryAddAsync(practice, default)).Should().BeTrue();
            (await stores.Organisations.TryAddAsync(practice with { Name = "Ander" }, default)).Should().BeFalse("the id is taken");
            (await stores.Organisations.TryAddClientAsync(new ServedOrganisation("centrale", "de-linde"), default)).Should().BeTrue();
            (await stores.Organisations.TryAddClientAsync(new ServedOrganisation("centrale", "de-linde"), default)).Should().BeFalse("already served");
        }

        await using var reopened = await OpenAsync();
        (await reopened.Organisations.ListAsync(default)).Should().Equal(centre, practice);
        (await reopened.Organisations.GetAsync("de-linde", default)).Should().Be(practice);
        (await reopened.Organisations.ListClientsAsync(default)).Should().Equal(new ServedOrganisation("centrale", "de-linde"));
        (await reopened.Organisations.RemoveClientAsync(new ServedOrganisation("centrale", "de-linde"), default)).Should().BeTrue();
        (await reopened.Organisations.RemoveClientAsync(new ServedOrganisation("centrale", "de-linde"), default)).Should().BeFalse();
        (await reopened.Organisations.ListClientsAsync(default)).Should().BeEmpty();
    }

    [Fact]
    public async Task Organisations_and_clients_are_listed_by_id_in_byte_order()
    {
        await using var stores = await OpenAsync();
        foreach (var id in new[] { "b-zorg", "Z-centrale", "a-huisarts", "a_huisarts" })
        {
            await stores.Organisations.TryAddAsync(new Organisation(id, id, OrganisationKind.GeneralPractice, false, At), default);
        }

        await stores.Organisations.TryAddClientAsync(new ServedOrganisation("Z-centrale", "b-zorg"), default);
        await stores.Organisations.TryAddClientAsync(new ServedOrganisation("Z-centrale", "a-huisarts"), default);
        await stores.Organisations.TryAddClientAsync(new ServedOrganisation("A-centrale", "b-zorg"), default);

        (await stores.Organisations.ListAsync(default)).Select(o => o.Id).Should().Equal("Z-centrale", "a-huisarts", "a_huisarts", "b-zorg");
        (await stores.Organisations.ListClientsAsync(default)).Should().Equal(
            new ServedOrganisation("A-centrale", "b-zorg"), new ServedOrganisation("Z-centrale", "a-huisarts"), new ServedOrganisation("Z-centrale", "b-zorg"));
        (await stores.Organisations.GetAsync("unknown", default)).Should().BeNull();
    }
}

public sealed class SqliteOrganisationDirectoryTests() : OrganisationDirectoryContract(new SqliteSite());

[Collection(PostgresCollection.Name)]
public sealed class PostgresOrganisationDirectoryTests(PostgresCluster cluster) : OrganisationDirectoryContract(new PostgresSite(cluster));
