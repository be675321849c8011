using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Abstractions.Protocols;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>The protocol library, for the embedded stores and for the cluster's PostgreSQL.</summary>
public abstract class ProtocolLibraryContract(IStoreSite site) : StoreContract(site)
{
    private const string Scope = "org:huisartsen-west";
    private const string FirstLayer = """{"spo2":{"orangeBelow":93}}""";
    private const string SecondLayer = """{"spo2":{"orangeBelow":94}}""";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(1)));

    [Fact]
    public async Task A_scope_without_a_saved_layer_has_none()
    {
        await using var services = await OpenLibraryAsync();

        (await Library(services).GetLayerAsync(Scope, default)).Should().BeNull();
        (await Library(services).ChangesAsync(Scope, 10, default)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_saved_layer_reads_back_as_version_1_with_who_and_when()
    {
        await using var services = await OpenLibraryAsync();

        var saved = await Library(services).SaveLayerAsync(Scope, FirstLayer, "admin.bakker", default);

        saved.Should().Be(new ProtocolLayerVersion(Scope, 1, FirstLayer, "admin.bakker", _time.GetUtcNow()));
        (await Library(services).GetLayerAsync(Scope, default)).Should().Be(saved);
    }

    [Fact]
    public async Task Versions_count_up_per_scope_independently()
    {
        await using var services = await OpenLibraryAsync();
        var library = Library(services);

        var first = await library.SaveLayerAsync(Scope, FirstLayer, "admin.bakker", default);
        var second = await library.SaveLayerAsync(Scope, SecondLayer, "admin.bakker", default);
        var otherScope = await library.SaveLayerAsync(ProtocolScopes.Patient("p-1"), FirstLayer, "dr.devries", default);

        new[] { first.Version, second.Version, otherScope.Version }.Should().Equal(1, 2, 1);
        (await library.GetLayerAsync(Scope, default))!.LayerJson.Should().Be(SecondLayer);
    }

    [Fact]
    public async Task The_change_log_shows_old_and_new_layer_newest_first()
    {
        await using var services = await OpenLibraryAsync();
        var library = Library(services);
        await library.SaveLayerAsync(Scope, FirstLayer, "admin.bakker", default);
        var firstAt = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromMinutes(10));
        await library.SaveLayerAsync(Scope, SecondLayer, "admin.smit", default);

        var changes = await library.ChangesAsync(Scope, 10, default);

        changes.Should().Equal(
            new ProtocolChange(Scope, 2, FirstLayer, SecondLayer, "admin.smit", firstAt.AddMinutes(10)),
            new ProtocolChange(Scope, 1, null, FirstLayer, "admin.bakker", firstAt));
    }

    [Fact]
    public async Task Changes_of_all_scopes_are_listed_newest_first_and_limited()
    {
        await using var services = await OpenLibraryAsync();
        var library = Library(services);
        await library.SaveLayerAsync(Scope, FirstLayer, "admin.bakker", default);
        _time.Advance(TimeSpan.FromMinutes(1));
        await library.SaveLayerAsync(ProtocolScopes.Patient("p-1"), FirstLayer, "dr.devries", default);
        _time.Advance(TimeSpan.FromMinutes(1));
        await library.SaveLayerAsync(Scope, SecondLayer, "admin.bakker", default);

        (await library.ChangesAsync(null, 10, default)).Select(c => (c.Scope, c.Version))
            .Should().Equal((Scope, 2), ("patient:p-1", 1), (Scope, 1));
        (await library.ChangesAsync(null, 1, default)).Should().ContainSingle().Which.Version.Should().Be(2);
        (await library.ChangesAsync(null, 0, default)).Should().BeEmpty();
    }

    [Fact]
    public async Task Layers_and_their_history_survive_a_restart()
    {
        await using (var services = await OpenLibraryAsync())
        {
            await Library(services).SaveLayerAsync(Scope, FirstLayer, "admin.bakker", default);
            await Library(services).SaveLayerAsync(Scope, SecondLayer, "admin.bakker", default);
        }

        await using var reopened = await OpenLibraryAsync();

        (await Library(reopened).GetLayerAsync(Scope, default)).Should().BeEquivalentTo(new { Version = 2, LayerJson = SecondLayer });
        (await Library(reopened).ChangesAsync(Scope, 10, default)).Select(c => (c.Version, c.OldLayerJson, c.NewLayerJson))
            .Should().Equal((2, FirstLayer, SecondLayer), (1, (string?)null, FirstLayer));
        (await Library(reopened).SaveLayerAsync(Scope, FirstLayer, "admin.bakker", default)).Version.Should().Be(3);
    }

    [Fact]
    public async Task Concurrent_saves_of_one_scope_get_distinct_versions()
    {
        await using var services = await OpenLibraryAsync();
        var library = Library(services);

        var saved = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => library.SaveLayerAsync(Scope, $$$"""{"spo2":{"orangeBelow":{{{90 + i}}}}}""", "admin.bakker", default))));

        saved.Select(s => s.Version).Should().BeEquivalentTo(Enumerable.Range(1, 8));
        (await library.ChangesAsync(Scope, 100, default)).Should().HaveCount(8);
    }


    private static IProtocolLibrary Library(IStores stores) => stores.Services.GetRequiredService<IProtocolLibrary>();

    private Task<IStores> OpenLibraryAsync() => OpenAsync(new StoreTuning(Time: _time));
}

public sealed class SqliteProtocolLibraryTests() : ProtocolLibraryContract(new SqliteSite());

[Collection(PostgresCollection.Name)]
public sealed class PostgresProtocolLibraryTests(PostgresCluster cluster) : ProtocolLibraryContract(new PostgresSite(cluster));
