using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using ThuisMonitoring.Storage.PostgreSql;
using ThuisMonitoring.Storage.PostgreSql.Orleans;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// Orleans' membership table on PostgreSQL: the compare-and-swap on the table version that the membership protocol
/// needs (two silos that read the same version cannot both write), row etags, and clusters kept apart.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MembershipTableTests(PostgresCluster cluster) : IAsyncLifetime
{
    private PostgresDatabase? _database;

    public async Task InitializeAsync() => _database = await cluster.NewDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private async Task<IMembershipTable> OpenAsync(string clusterId = "test-cluster")
    {
        var table = new PostgresMembershipTable(_database!, PostgresCluster.Cluster(clusterId), NullLogger<PostgresMembershipTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        return table;
    }

    private static MembershipEntry Silo(int port, SiloStatus status = SiloStatus.Joining) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 42),
        Status = status,
        ProxyPort = port + 1,
        HostName = "host-" + port,
        SiloName = "silo-" + port,
        StartTime = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc),
        IAmAliveTime = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc),
        SuspectTimes = [],
    };

    [Fact]
    public async Task A_new_table_is_empty_at_version_zero()
    {
        var table = await OpenAsync();

        var all = await table.ReadAllAsync(CancellationToken.None);

        all.Members.Should().BeEmpty();
        all.Version.Version.Should().Be(0);
    }

    [Fact]
    public async Task Of_two_silos_inserting_on_the_same_version_only_the_first_succeeds()
    {
        var table = await OpenAsync();
        var read = (await table.ReadAllAsync(CancellationToken.None)).Version;

        (await table.InsertRowAsync(Silo(11111), read.Next(), CancellationToken.None)).Should().BeTrue();
        (await table.InsertRowAsync(Silo(11121), read.Next(), CancellationToken.None)).Should().BeFalse("the version moved under the second silo");

        var all = await table.ReadAllAsync(CancellationToken.None);
        all.Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Should().Equal(11111);
        all.Version.Version.Should().Be(1);
        (await table.InsertRowAsync(Silo(11121), all.Version.Next(), CancellationToken.None)).Should().BeTrue("re-read, it may try again");
    }

    [Fact]
    public async Task An_update_needs_the_rows_etag_and_keeps_the_suspicions()
    {
        var table = await OpenAsync();
        var entry = Silo(11111);
        await table.InsertRowAsync(entry, (await table.ReadAllAsync(CancellationToken.None)).Version.Next());
        var (stored, etag) = (await table.ReadRowAsync(entry.SiloAddress, CancellationToken.None)).Members.Single();
        var suspecter = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11121), 43);
        stored.Status = SiloStatus.Active;
        stored.SuspectTimes = [Tuple.Create(suspecter, new DateTime(2026, 12, 1, 8, 5, 0, DateTimeKind.Utc))];

        var version = (await table.ReadAllAsync(CancellationToken.None)).Version;
        (await table.UpdateRowAsync(stored, etag, version.Next(), CancellationToken.None)).Should().BeTrue();
        (await table.UpdateRowAsync(stored, etag, (await table.ReadAllAsync(CancellationToken.None)).Version.Next())).Should().BeFalse("the row's etag is stale");

        var read = (await table.ReadRowAsync(entry.SiloAddress, CancellationToken.None)).Members.Single().Item1;
        read.Status.Should().Be(SiloStatus.Active);
        read.SuspectTimes.Should().ContainSingle().Which.Should().Be(Tuple.Create(suspecter, new DateTime(2026, 12, 1, 8, 5, 0, DateTimeKind.Utc)));
        read.HostName.Should().Be("host-11111");
        read.ProxyPort.Should().Be(11112);
    }

    [Fact]
    public async Task I_am_alive_moves_without_a_new_version_and_defunct_dead_silos_are_cleaned_up()
    {
        var table = await OpenAsync();
        var alive = Silo(11111, SiloStatus.Active);
        var dead = Silo(11121, SiloStatus.Dead);
        await table.InsertRowAsync(alive, (await table.ReadAllAsync(CancellationToken.None)).Version.Next());
        await table.InsertRowAsync(dead, (await table.ReadAllAsync(CancellationToken.None)).Version.Next());
        var before = (await table.ReadAllAsync(CancellationToken.None)).Version.Version;

        alive.IAmAliveTime = new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc);
        await table.UpdateIAmAliveAsync(alive, CancellationToken.None);
        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), CancellationToken.None);

        var all = await table.ReadAllAsync(CancellationToken.None);
        all.Version.Version.Should().Be(before);
        all.Members.Should().ContainSingle().Which.Item1.IAmAliveTime.Should().Be(new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Clusters_in_one_database_are_kept_apart()
    {
        var blue = await OpenAsync("blue");
        var green = await OpenAsync("green");
        await blue.InsertRowAsync(Silo(11111), (await blue.ReadAllAsync(CancellationToken.None)).Version.Next());

        (await green.ReadAllAsync(CancellationToken.None)).Members.Should().BeEmpty();
        await blue.DeleteMembershipTableEntriesAsync("blue", CancellationToken.None);
        (await blue.ReadAllAsync(CancellationToken.None)).Members.Should().BeEmpty();
    }
}
